import Testing
@testable import PledgeTally
@testable import Ingest

/// Reads one pledge file written into a temporary directory, collecting the
/// events; `chunkSize` and `recordLimit` override the reader's buffer sizes.
func ingestEvents(
    _ name: String, _ text: String,
    chunkSize: Int = Ingest.chunkSize, recordLimit: Int = Ingest.recordLimit
) throws -> [IngestEvent] {
    try ingestEvents(name, bytes: Array(text.utf8), chunkSize: chunkSize, recordLimit: recordLimit)
}

func ingestEvents(
    _ name: String, bytes: [UInt8],
    chunkSize: Int = Ingest.chunkSize, recordLimit: Int = Ingest.recordLimit
) throws -> [IngestEvent] {
    let folder = try TemporaryDirectory()
    let path = try folder.write(name, bytes: bytes)
    return try ingestEvents(PledgeFile(name: name, path: path, format: PledgeFileFormat(fileName: name)!),
                            chunkSize: chunkSize, recordLimit: recordLimit)
}

func ingestEvents(
    _ file: PledgeFile, chunkSize: Int = Ingest.chunkSize, recordLimit: Int = Ingest.recordLimit
) throws -> [IngestEvent] {
    var events: [IngestEvent] = []
    try Ingest.read(file, chunkSize: chunkSize, recordLimit: recordLimit) { events.append($0) }
    return events
}

/// A record event, for expectations.
func record(
    _ source: String, _ line: Int, _ investor: String, _ amount: String, _ domain: String,
    date: String? = nil, currency: String? = nil
) -> IngestEvent {
    .record(RawRecord(source: source, line: line, investor: investor, amount: amount, domain: domain,
                      date: date, currency: currency))
}

/// A rejection event, for expectations.
func rejection(_ source: String, _ line: Int, _ field: String, _ value: String, _ reason: String) -> IngestEvent {
    .rejected(Rejection(source: source, line: line, field: field, value: value, reason: reason))
}

extension IngestEvent {
    /// The rejection's reason, if a rejection.
    var reason: String? {
        if case .rejected(let rejection) = self { return rejection.reason }
        return nil
    }

    var rejection: Rejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }

    /// The line of a note, if a note.
    var note: String? {
        if case .note(let line) = self { return line }
        return nil
    }

    var rawRecord: RawRecord? {
        if case .record(let record) = self { return record }
        return nil
    }
}

/// The ingest stage's suites, nested so that `swift test --filter Ingest` runs them all.
@Suite("Ingest") enum IngestTests {}
