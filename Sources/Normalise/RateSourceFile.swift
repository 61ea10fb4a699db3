import PledgeTallyCore
import Ingest

/// Reads the rates files that are not the ECB's: other sources
/// (`date,currency,units_per_eur`) and fixed pegs
/// (`currency,anchor,units_per_anchor,from,to`), told apart from the ECB
/// files by their header.
///
/// A bad row is skipped with one warning naming file, line and reason; the
/// rest of the file still counts.
public enum RateSourceFile {
    public enum Kind: String, Sendable {
        /// An ECB file (`Date,USD,…`).
        case ecb
        /// Another source: `date,currency,units_per_eur`.
        case source
        /// Fixed pegs: `currency,anchor,units_per_anchor,from,to`.
        case pegs
    }

    static let sourceHeader = ["date", "currency", "units_per_eur"]
    static let pegsHeader = ["currency", "anchor", "units_per_anchor", "from", "to"]

    /// Which kind of rates file the bytes are, by their first non-empty line.
    public static func kind(of data: [UInt8]) -> Kind {
        for (_, cells) in lines(data) {
            let header = cells.map { String(decoding: $0, as: UTF8.self).lowercased() }
            if header == sourceHeader { return .source }
            if header == pegsHeader || header == pegsHeader.dropLast() { return .pegs }
            return .ecb
        }
        return .ecb
    }

    /// Another source's rates, in the ECB reader's shape, and for each
    /// currency with a skipped row why.
    public static func parseSource(_ data: [UInt8], path: String) -> (content: ECBRateFile.Content, skipped: [String: String]) {
        var skipped: [String: String] = [:]
        var columns: [(currency: String, days: [Day], rates: [DecimalAmount])] = []
        var index: [String: Int] = [:]
        var seen: Set<String> = []
        var warnings: [ECBRateFile.Problem] = []
        var skippedCells: [ECBRateFile.SkippedCell] = []
        var days: Set<Day> = []
        for (line, cells) in lines(data).dropFirst() {
            let text = cells.map { String(decoding: $0, as: UTF8.self) }
            func skip(_ reason: String) {
                warnings.append(.init(path: path, line: line, reason: "row skipped: " + reason))
                if text.count > 1, isCurrencyCode(text[1]), skipped[text[1]] == nil { skipped[text[1]] = "\(path):\(line) was skipped: \(reason)" }
            }
            guard text.count == 3 else { skip("\(text.count) cells, not 3 (date,currency,units_per_eur)"); continue }
            guard let day = Day(iso: text[0]) else { skip("‘\(text[0].prefix(40))’ is not a date (YYYY-MM-DD)"); continue }
            guard isCurrencyCode(text[1]) else { skip("‘\(text[1].prefix(40))’ is not a currency code"); continue }
            let rate: DecimalAmount
            switch RateCell.read(cells[2]) {
            case .success(let r):
                rate = r
            case .failure(let refusal):
                skip(refusal == .notPositive ? "the rate \(text[2]) is not positive" : "‘\(text[2].prefix(40))’ is \(refusal)")
                skippedCells.append(.init(currency: text[1], day: day, place: "\(path):\(line)", text: String(text[2].prefix(40)),
                                          reason: refusal.description))
                continue
            }
            guard seen.insert("\(text[1]) \(day)").inserted else { skip("\(text[1]) on \(day) appears twice"); continue }
            let i = index[text[1]] ?? {
                columns.append((text[1], [], []))
                index[text[1]] = columns.count - 1
                return columns.count - 1
            }()
            columns[i].days.append(day)
            columns[i].rates.append(rate)
            days.insert(day)
        }
        let file = RateFile(path: path, sha256: FileDigest.sha256(bytes: data), firstDay: days.min(), lastDay: days.max(),
                            days: days.count, kind: .source)
        return (ECBRateFile.Content(file: file, columns: columns, warnings: warnings, skippedCells: skippedCells), skipped)
    }

    /// A fixed exchange rate: `unitsPerAnchor` units of `currency` per unit
    /// of `anchor`, from `from` to `to` (nil: still in force), both included.
    public struct Peg: Sendable, Equatable {
        public var currency: String
        public var anchor: String
        public var unitsPerAnchor: DecimalAmount
        public var from: Day
        public var to: Day?
        public var file: String
        public var line: Int

        func covers(_ day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }
        func overlaps(_ other: Peg) -> Bool {
            from <= (other.to ?? Day(ordinal: .max)) && other.from <= (to ?? Day(ordinal: .max))
        }
        /// Where it was read: `rates/pegs.csv:2`.
        public var place: String { "\(file):\(line)" }
    }

    /// The pegs of a pegs file, its facts, the rows skipped, and for each
    /// currency with a skipped row why (so its pledges can say it).
    public struct Pegs: Sendable {
        public var file: RateFile
        public var pegs: [Peg]
        public var warnings: [ECBRateFile.Problem]
        public var skipped: [String: String]
    }

    public static func parsePegs(_ data: [UInt8], path: String) -> Pegs {
        var pegs: [Peg] = []
        var warnings: [ECBRateFile.Problem] = []
        var skipped: [String: String] = [:]
        for (line, cells) in lines(data).dropFirst() {
            let text = cells.map { String(decoding: $0, as: UTF8.self) }
            func skip(_ reason: String) {
                warnings.append(.init(path: path, line: line, reason: "peg skipped: " + reason))
                if let c = text.first, isCurrencyCode(c), skipped[c] == nil { skipped[c] = "\(path):\(line) was skipped: \(reason)" }
            }
            guard text.count == 4 || text.count == 5 else { skip("\(text.count) cells, not 5 (currency,anchor,units_per_anchor,from,to)"); continue }
            guard isCurrencyCode(text[0]) else { skip("‘\(text[0].prefix(40))’ is not a currency code"); continue }
            guard isCurrencyCode(text[1]) else { skip("the anchor ‘\(text[1].prefix(40))’ is not a currency code"); continue }
            guard text[0] != text[1] else { skip("\(text[0]) cannot be pegged to itself"); continue }
            let units: DecimalAmount
            switch RateCell.read(cells[2]) {
            case .success(let u):
                units = u
            case .failure(let refusal):
                skip(refusal == .notPositive ? "the rate \(text[2]) is not positive" : "‘\(text[2].prefix(40))’ is \(refusal)")
                continue
            }
            guard let from = Day(iso: text[3]) else { skip("from ‘\(text[3].prefix(40))’ is not a date (YYYY-MM-DD)"); continue }
            let toText = text.count == 5 ? text[4] : ""
            let to = toText.isEmpty ? nil : Day(iso: toText)
            guard toText.isEmpty || to != nil else { skip("to ‘\(toText.prefix(40))’ is not a date (YYYY-MM-DD) nor empty"); continue }
            if let to, to < from { skip("to \(to) is before from \(from)"); continue }
            let peg = Peg(currency: text[0], anchor: text[1], unitsPerAnchor: units, from: from, to: to, file: path, line: line)
            if let other = pegs.first(where: { $0.currency == peg.currency && $0.overlaps(peg) }) {
                skip("its period overlaps the \(peg.currency) peg of line \(other.line)")
                continue
            }
            pegs.append(peg)
        }
        let days = pegs.map(\.from)
        let file = RateFile(path: path, sha256: FileDigest.sha256(bytes: data), firstDay: days.min(),
                            lastDay: pegs.compactMap(\.to).max(), days: pegs.count, kind: .pegs)
        return Pegs(file: file, pegs: pegs, warnings: warnings, skipped: skipped)
    }

    static func isCurrencyCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { (65...90).contains($0) }
    }

    /// The non-empty lines with their numbers, split into trimmed cells.
    static func lines(_ data: [UInt8]) -> [(Int, [ArraySlice<UInt8>])] {
        var out: [(Int, [ArraySlice<UInt8>])] = []
        var start = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        while start < data.count {
            var end = data[start...].firstIndex(of: 0x0A) ?? data.count
            let next = end + 1
            if end > start && data[end - 1] == 0x0D { end -= 1 }
            number += 1
            let cells = ECBRateFile.splitCells(data[start..<end])
            if !cells.allSatisfy({ $0.isEmpty }) { out.append((number, cells)) }
            start = next
        }
        return out
    }
}
