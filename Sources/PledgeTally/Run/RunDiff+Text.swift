import Render
import RunCompare

extension RunDiff {
    /// The report with every text from the files escaped as on stderr (`\\n`, `\\u{202E}`).
    public func text() throws -> String { try text(escaping: { StandardError.printable($0) }) }

    /// The same report, line by line (without line ends), as it is made.
    public func writeText(line: (String) throws -> Void) throws {
        try writeText(escaping: { StandardError.printable($0) }, line: line)
    }

    /// The same report as bytes, in blocks of about 1 MiB (the `diff` command's stdout).
    public func writeTextBlocks(_ write: (UnsafeRawBufferPointer) throws -> Void) throws {
        try writeText(escape: { StandardError.appendPrintable($0, to: &$1) }, escapeText: { StandardError.printable($0) },
                      write: write)
    }
}
