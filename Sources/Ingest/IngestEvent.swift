/// What reading a pledge file yields, one event per record read.
///
/// For every file, records read = `.record` events + `.rejected` events
/// (`.note` events are lines to say, not records). A
/// problem with the whole file (not UTF-8, no header, a missing column) is one
/// `.rejected` event with field "file".
public enum IngestEvent: Sendable, Equatable {
    /// A record, every cell as written.
    case record(RawRecord)
    /// A record, a table or a whole file that could not be read.
    case rejected(Rejection)
    /// A line to say that is neither a record nor a rejection: a sheet
    /// skipped, a column not used.
    case note(String)
}
