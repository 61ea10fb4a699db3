import Foundation

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
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var reason: String
        public var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }
    }

    /// The parsed content of one file.
    public struct Content: Sendable {
        public var file: RateFile
        public var rows: [(Day, [(String, DecimalAmount)])]
        /// Rows or cells that were skipped, one sentence each.
        public var warnings: [Problem]
    }

    /// Parses one rates file's bytes. `path` is used in messages and the manifest.
    /// Throws when the file is not a rates file at all (no `Date` header).
    public static func parse(_ data: [UInt8], path: String) throws(Problem) -> Content {
        let digest = FileDigest.sha256(bytes: data)
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        guard let header = lines.first else {
            throw Problem(path: path, line: 0, reason: "the rates file is empty")
        }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard columns.first?.lowercased() == "date" else {
            throw Problem(path: path, line: 1, reason: "not an ECB rates file: the header must start with ‘Date’")
        }
        var warnings: [Problem] = []
        var rows: [(Day, [(String, DecimalAmount)])] = []
        var seen: Set<Day> = []
        for (index, line) in lines.enumerated().dropFirst() {
            let lineNumber = index + 1
            if line.allSatisfy({ $0 == " " || $0 == "," }) { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let day = parseDate(cells[0]) else {
                warnings.append(Problem(path: path, line: lineNumber, reason: "row skipped: ‘\(cells[0].prefix(40))’ is not a date"))
                continue
            }
            guard seen.insert(day).inserted else {
                warnings.append(Problem(path: path, line: lineNumber, reason: "row skipped: \(day) appears twice"))
                continue
            }
            var quotes: [(String, DecimalAmount)] = []
            for (column, cell) in zip(columns.indices.dropFirst(), cells.dropFirst()) {
                let currency = columns[column]
                if currency.isEmpty || cell.isEmpty || cell == "N/A" { continue }
                guard let rate = DecimalAmount(plain: cell), rate > .zero else {
                    warnings.append(Problem(path: path, line: lineNumber, reason: "\(currency) rate ‘\(cell.prefix(40))’ skipped: not a positive number"))
                    continue
                }
                quotes.append((currency, rate))
            }
            if cells.count > columns.count, cells[columns.count...].contains(where: { !$0.isEmpty }) {
                warnings.append(Problem(path: path, line: lineNumber, reason: "row has more cells than the header; the extra ones are ignored"))
            }
            rows.append((day, quotes))
        }
        let days = rows.map(\.0)
        let file = RateFile(path: path, sha256: digest, firstDay: days.min(), lastDay: days.max(), days: rows.count)
        return Content(file: file, rows: rows, warnings: warnings)
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
