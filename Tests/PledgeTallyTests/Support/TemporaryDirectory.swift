// TemporaryDirectory lives in the TestSupport target, shared with XlsxWriterTests.
@_exported import TestSupport
