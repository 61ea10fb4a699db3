import Ingest

/// The promises the `.xlsx` reader makes for any bytes at all, checked on one
/// input read as `fuzz.xlsx` (with expansion bounded to 16 MiB, so a fuzzed
/// zip bomb is refused quickly):
/// - nothing crashes or hangs, and reading never throws: a file that is not a
///   readable workbook is one "file" rejection;
/// - every event names the file (`fuzz.xlsx` or `fuzz.xlsx#Sheet`); lines are
///   1 or more for records, 0 or more for rejections; rejections name a known
///   field and give a reason;
/// - a whole-file rejection of the workbook comes last;
/// - for XML wrapped into a valid workbook (``XlsxFuzzWorkbook``), nothing is
///   blamed on the zip container, and records come from its sheet `S`.
public enum XlsxFileChecks {
    static let fields: Set = ["investor", "amount", "domain", "date", "currency", "source_url", "notes", "record", "file"]

    /// The broken promises for one input, each as a sentence; empty when all hold.
    public static func problems(_ input: UnsafeRawBufferPointer, in scratch: ScratchFile) -> [String] {
        if XlsxFuzzWorkbook.isRaw(input) { return problems(zip: input, wrapped: false, in: scratch) }
        return XlsxFuzzWorkbook.workbook(input).withUnsafeBytes { problems(zip: $0, wrapped: true, in: scratch) }
    }

    static func problems(zip bytes: UnsafeRawBufferPointer, wrapped: Bool, in scratch: ScratchFile) -> [String] {
        scratch.write(bytes)
        var reader = XlsxReader(file: PledgeFile(name: "fuzz.xlsx", path: scratch.path, format: .xlsx))
        reader.partLimit = 16 << 20
        reader.totalLimit = 16 << 20
        var events: [IngestEvent] = []
        do {
            try reader.read { events.append($0) }
        } catch {
            return ["fuzz.xlsx: reading threw \(error)"]
        }
        var problems: [String] = []
        for (index, event) in events.enumerated() {
            switch event {
            case .record(let record):
                if !record.source.hasPrefix("fuzz.xlsx#") || (wrapped && record.source != "fuzz.xlsx#S") {
                    problems.append("record names source \(record.source.debugDescription)")
                }
                if record.line < 1 { problems.append("record at line \(record.line)") }
            case .rejected(let rejection):
                if !rejection.source.hasPrefix("fuzz.xlsx") { problems.append("rejection names source \(rejection.source.debugDescription)") }
                if !fields.contains(rejection.field) { problems.append("rejection of unknown field \(rejection.field.debugDescription)") }
                if rejection.reason.isEmpty { problems.append("rejection at line \(rejection.line) without a reason") }
                if rejection.line < 0 { problems.append("rejection at line \(rejection.line)") }
                if wrapped && rejection.field == "file"
                    && ["zip container", "zip bomb", "cannot be located"].contains(where: rejection.reason.contains) {
                    problems.append("a valid zip blamed: \(rejection.reason)")
                }
                if rejection.source == "fuzz.xlsx" && index != events.count - 1 {
                    problems.append("events after the workbook's rejection")
                }
            case .note(let line):
                if !line.hasPrefix("fuzz.xlsx") { problems.append("note does not name the file: \(line.debugDescription)") }
            }
        }
        return problems
    }
}
