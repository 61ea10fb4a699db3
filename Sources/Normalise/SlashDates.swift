#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PledgeTallyCore
import Ingest

/// Slash dates are DD/MM/YYYY (docs/input.md, Dates). A file whose slash
/// dates only make sense month first (`03/25/2025`: no month 25) has every
/// slash date rejected, those before the telling one included: `03/04/2025`
/// in such a file may be 3 April or 4 March, and is never silently read as
/// either.
///
/// The decision is taken per file before its first record is read: a byte
/// scan looks for `/NN/` with NN from 13 to 31; only a file holding one is
/// read a second time, through the same reader, for its date cells, up to
/// the first telling date. Both passes stream: memory stays flat whatever the
/// file's size, and a file without such bytes costs one more `read(2)` pass.
public enum SlashDates {
    /// The date that shows a file writes its slash dates month first.
    public struct MonthFirst: Sendable, Equatable {
        /// Where it is: the file (`book.xlsx#Sheet` for a workbook) and line.
        public var source: String
        public var line: Int
        /// The date as written (trimmed).
        public var text: String

        public init(source: String, line: Int, text: String) {
            self.source = source
            self.line = line
            self.text = text
        }
    }

    /// The numbers of a date written `D/M/YYYY` (one or two digits for the
    /// first two), or nil for any other text. `text` is trimmed.
    static func fields(_ text: String) -> (first: Int, second: Int, year: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].utf8.count), (1...2).contains(parts[1].utf8.count),
              parts[2].utf8.count == 4,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let first = Int(parts[0]), let second = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        return (first, second, year)
    }

    /// True for a slash date that is a day of the calendar only when read
    /// MM/DD/YYYY: its second number over 12 (so not a month) and the date
    /// month first a real day (`02/30/2025` is neither way, and stays
    /// "not a day of the calendar").
    public static func isMonthFirst(_ text: String) -> Bool {
        guard let f = fields(text.trimmingSpaces()), f.second > 12 else { return false }
        return Day(year: f.year, month: f.first, day: f.second) != nil
    }

    /// The first date of `file` that only makes sense month first, or nil.
    /// Throws what reading the file throws.
    public static func monthFirstDate(in file: PledgeFile) throws -> MonthFirst? {
        guard try Ingest.bytes(of: file, hold: slashOver12, overlap: 3) else { return nil }
        struct Found: Error { var date: MonthFirst }
        do {
            try Ingest.read(file) { event in
                if case .record(let raw) = event, let date = raw.date, isMonthFirst(date) {
                    throw Found(date: MonthFirst(source: raw.source, line: raw.line, text: date.trimmingSpaces()))
                }
            }
        } catch let found as Found {
            return found.date
        }
        return nil
    }

    /// Whether `bytes` hold `/NN/` with NN from 13 to 31: where a slash date
    /// (`3/25/2025`) has its second number over 12 (memchr for each `/`). Only
    /// a file holding such bytes is read a second time for its date cells.
    static func slashOver12(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= 4 else { return false }
        let slash = UInt8(ascii: "/")
        var at = 0
        let last = bytes.count - 4
        while at <= last {
            guard let hit = memchr(base + at, Int32(slash), last - at + 1) else { return false }
            let i = base.distance(to: UnsafeRawPointer(hit))
            if bytes[i + 3] == slash {
                let tens = bytes[i + 1] &- 0x30, units = bytes[i + 2] &- 0x30
                if tens <= 9 && units <= 9 && (13...31).contains(Int(tens) * 10 + Int(units)) { return true }
            }
            at = i + 1
        }
        return false
    }

    /// The rejection reason of a slash date in a month-first file.
    static func reason(_ text: String, _ evidence: MonthFirst) -> String {
        "‘\(text)’ looks like MM/DD/YYYY; write YYYY-MM-DD (\(evidence.source):\(evidence.line) has ‘\(evidence.text)’, "
            + "a day only month first, so this file’s slash dates cannot be read as DD/MM/YYYY)"
    }
}
