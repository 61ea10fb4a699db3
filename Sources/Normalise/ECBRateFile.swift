import Foundation
import PledgeTallyCore
import Ingest

/// Reads the ECB's reference-rate files, in either format the ECB publishes.
///
/// - the history `eurofxref-hist.csv`: `Date,USD,JPY,…,` with ISO dates,
///   newest first, `N/A` where a currency has no rate that day;
/// - the daily `eurofxref.csv`: `Date, USD, …` with ", " separators and the
///   date written `30 October 2026`.
///
/// A garbled row or cell does not stop the run: it is skipped and reported
/// as a warning naming file and line, so the other days still count.
public enum ECBRateFile {
    public typealias Problem = FileProblem

    /// The parsed content of one file: each currency's rates by day.
    public struct Content: Sendable {
        public var file: RateFile
        /// One series per currency column, days in file order.
        public var columns: [(currency: String, days: [Day], rates: [DecimalAmount])]
        /// Rows or cells that were skipped, one sentence each.
        public var warnings: [Problem]
        /// Rate cells of a readable day and currency that were skipped: a
        /// pledge that would have used one is rejected saying so.
        public var skippedCells: [SkippedCell] = []
    }

    /// A rate a file gives for a day and currency that could not be used.
    public struct SkippedCell: Sendable, Equatable {
        public var currency: String
        public var day: Day
        /// `rates/eurofxref-hist.csv:3`.
        public var place: String
        /// The cell as written (at most 40 characters).
        public var text: String
        /// Why, as the end of a sentence.
        public var reason: String

        /// For rejected.csv: why a pledge that needed this rate has none.
        public var pledgeReason: String {
            "the \(currency) rate of \(day) was skipped: \(place) gives ‘\(text)’, \(reason)"
        }
    }

    /// Parses one rates file's bytes. `path` is used in messages and the manifest.
    /// Throws when the file is not a rates file at all (no `Date` header).
    /// Works on the bytes, so the 1.9 MB history costs little memory.
    public static func parse(_ data: [UInt8], path: String) throws(Problem) -> Content {
        let digest = FileDigest.sha256(bytes: data)
        var start = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lineNumber = 0
        var columns: [(currency: String, days: [Day], rates: [DecimalAmount])] = []
        var headerSeen = false
        var warnings: [Problem] = []
        var skippedCells: [SkippedCell] = []
        var seen: Set<Day> = []
        var firstDay: Day?, lastDay: Day?
        var rowCount = 0
        while start < data.count {
            var end = data[start...].firstIndex(of: 0x0A) ?? data.count
            let next = end + 1
            if end > start && data[end - 1] == 0x0D { end -= 1 }
            lineNumber += 1
            defer { start = next }
            let cells = splitCells(data[start..<end])
            if cells.allSatisfy({ $0.isEmpty }) { continue }
            if !headerSeen {
                guard String(decoding: cells[0], as: UTF8.self).lowercased() == "date" else {
                    throw Problem(path: path, line: lineNumber, reason: "not an ECB rates file: the header must start with ‘Date’")
                }
                columns = cells.dropFirst().map { (String(decoding: $0, as: UTF8.self), [], []) }
                // A currency named twice: its first column is used, the others ignored.
                var firstColumn: [String: Int] = [:]
                for i in columns.indices where !columns[i].currency.isEmpty {
                    let currency = columns[i].currency
                    guard let first = firstColumn[currency] else { firstColumn[currency] = i; continue }
                    warnings.append(Problem(path: path, line: lineNumber, reason: "\(currency) heads columns \(first + 2) and \(i + 2); column \(first + 2) is used, column \(i + 2) is ignored"))
                    columns[i].currency = ""
                }
                headerSeen = true
                continue
            }
            let dateText = String(decoding: cells[0], as: UTF8.self)
            guard let day = parseDate(dateText) else {
                warnings.append(Problem(path: path, line: lineNumber, reason: "row skipped: ‘\(dateText.prefix(40))’ is not a date"))
                continue
            }
            guard seen.insert(day).inserted else {
                warnings.append(Problem(path: path, line: lineNumber, reason: "row skipped: \(day) appears twice"))
                continue
            }
            rowCount += 1
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
            for (i, cell) in cells.dropFirst().enumerated() {
                guard i < columns.count else {
                    if !cell.isEmpty {
                        warnings.append(Problem(path: path, line: lineNumber, reason: "row has more cells than the header; the extra ones are ignored"))
                    }
                    break
                }
                if columns[i].currency.isEmpty || cell.isEmpty || cell.elementsEqual("N/A".utf8) { continue }
                let rate: DecimalAmount
                switch RateCell.read(cell) {
                case .success(let r):
                    rate = r
                case .failure(let refusal):
                    let text = String(String(decoding: cell, as: UTF8.self).prefix(40))
                    warnings.append(Problem(path: path, line: lineNumber, reason: "\(columns[i].currency) rate ‘\(text)’ skipped: \(refusal)"))
                    skippedCells.append(SkippedCell(currency: columns[i].currency, day: day, place: "\(path):\(lineNumber)",
                                                    text: text, reason: refusal.description))
                    continue
                }
                columns[i].days.append(day)
                columns[i].rates.append(rate)
            }
        }
        guard headerSeen else { throw Problem(path: path, line: 0, reason: "the rates file is empty") }
        let file = RateFile(path: path, sha256: digest, firstDay: firstDay, lastDay: lastDay, days: rowCount)
        return Content(file: file, columns: columns.filter { !$0.currency.isEmpty }, warnings: warnings, skippedCells: skippedCells)
    }

    /// A line's cells split at commas, each without surrounding spaces.
    static func splitCells(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        line.split(separator: 0x2C, omittingEmptySubsequences: false).map { cell in
            var c = cell
            while c.first == 0x20 { c = c.dropFirst() }
            while c.last == 0x20 { c = c.dropLast() }
            return c
        }
    }

    /// `2026-10-30` or `30 October 2026`.
    static func parseDate(_ text: String) -> Day? {
        if let day = Day(iso: text) { return day }
        let parts = text.split(separator: " ")
        guard parts.count == 3, let d = Int(parts[0]), let y = Int(parts[2]),
              let m = months.firstIndex(of: parts[1].lowercased()) else { return nil }
        return Day(year: y, month: m + 1, day: d)
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december"]
}
