import PledgeTallyCore
import Ingest
import AmountLanguage

extension Rejection: Error {}

/// Turns raw records into pledges, or rejections that say what to fix.
///
/// The only stage that interprets text: amount phrases (through
/// `AmountParser`), currencies, dates and domains.
public struct Normaliser: Sendable {
    public var domains: DomainMap
    /// The date of records that carry none.
    public var defaultDate: Day?
    /// Set for each file before its records: the date showing that the
    /// file's slash dates are MM/DD/YYYY (``SlashDates``), which rejects them all.
    public var monthFirst: SlashDates.MonthFirst?
    /// Currency column texts already read, by text.
    private var currencyCache: [String: String?] = [:]
    private var dateCache: [String: Day?] = [:]
    /// The reason given to a record without a date when there is no `defaultDate`.
    private let noDateReason: String

    /// A refusal whose fix lies outside the input file (a run's option), so
    /// its words come from the layer that knows the command line.
    public enum Refusal: Sendable, CaseIterable {
        /// A record without a date, and no date for such records.
        case noDate
    }

    /// `words` gives the reason of each ``Refusal``.
    public init(domains: DomainMap, defaultDate: Day?, words: (Refusal) -> String) {
        self.domains = domains
        self.defaultDate = defaultDate
        noDateReason = words(.noDate)
    }

    /// The pledge a record states, or why it cannot be read.
    public mutating func normalise(_ raw: RawRecord) -> Result<Pledge, Rejection> {
        func reject(_ field: String, _ value: String, _ reason: String) -> Result<Pledge, Rejection> {
            .failure(Rejection(source: raw.source, line: raw.line, field: field, value: value, reason: reason,
                               investor: raw.investor, amountText: raw.amount))
        }
        currencyConflict = nil
        let investor = raw.investor.trimmingSpaces()
        if investor.isEmpty { return reject("investor", raw.investor, "the investor is empty") }

        let parsed: ParsedAmount
        switch AmountParser.parse(raw.amount) {
        case .success(let p): parsed = p
        case .failure(let e): return reject("amount", raw.amount, e.reason)
        }

        var currency = parsed.currency
        if parsed.qualifier != .unspecified, let column = raw.currency, !column.trimmingSpaces().isEmpty {
            guard let named = currencyCode(column) else {
                if let choices = AmountParser.sharedCurrencyChoices(named: column.trimmingSpaces()) {
                    return reject("currency", column, "‘\(column.trimmingSpaces())’ may be \(Self.list(choices)): write the ISO code")
                }
                return reject("currency", column, "unknown currency ‘\(column.trimmingSpaces())’")
            }
            if parsed.currencyChoices.contains(named) || currency == nil && parsed.currencyChoices.isEmpty {
                currency = named   // the column says which dollar, which krona
            } else if let stated = currency, stated != named {
                // The phrase's own currency wins; the analyst is told.
                currencyConflict = "the amount is in \(stated) but the currency column says \(named); \(stated) is kept"
            } else if currency == nil, let written = parsed.currencyText {
                return reject("currency", column, "the amount’s ‘\(written)’ is one of \(Self.list(parsed.currencyChoices)), not \(named)")
            }
        }
        if parsed.qualifier != .unspecified && currency == nil {
            if let written = parsed.currencyText {
                return reject("amount", raw.amount, "‘\(written)’ may be \(Self.list(parsed.currencyChoices)): add a currency column that says which")
            }
            return reject("amount", raw.amount, "no currency: name one in the amount or add a currency column")
        }

        let day: Day
        if let text = raw.date, !text.trimmingSpaces().isEmpty {
            if let evidence = monthFirst, SlashDates.fields(text.trimmingSpaces()) != nil {
                return reject("date", text, SlashDates.reason(text.trimmingSpaces(), evidence))
            }
            guard let d = date(text) else {
                let t = text.trimmingSpaces()
                if Self.looksLikeADate(t) {
                    return reject("date", text, "‘\(t)’ is not a day of the calendar (no such day in that month)")
                }
                return reject("date", text, "‘\(t)’ is not a date: write it as YYYY-MM-DD")
            }
            day = d
        } else if let d = defaultDate {
            day = d
        } else {
            return reject("date", raw.date ?? "", noDateReason)
        }

        let domain = domains.domain(for: raw.domain)
        return .success(Pledge(
            source: raw.source, line: raw.line, investor: investor, domain: domain, domainText: raw.domain,
            amountText: raw.amount, qualifier: parsed.qualifier, amount: parsed.amount,
            amountLow: parsed.amountLow, currency: parsed.qualifier == .unspecified ? nil : currency.map { Currency($0) }, date: day,
            sourceURL: raw.sourceURL, notes: raw.notes))
    }

    /// The warning for the record just normalised, when its amount and its
    /// currency column name different currencies (the amount's is kept).
    public private(set) var currencyConflict: String?

    /// "SEK, NOK, DKK or ISK".
    static func list(_ codes: [String]) -> String {
        codes.count < 2 ? codes.joined() : codes.dropLast().joined(separator: ", ") + " or " + codes.last!
    }

    /// The ISO code a currency column names ("EUR", "€", "euros"), read with
    /// the amount grammar's own vocabulary.
    private mutating func currencyCode(_ text: String) -> String? {
        if let hit = currencyCache[text] { return hit }
        let code = AmountParser.currency(named: text.trimmingSpaces())
        currencyCache[text] = code
        return code
    }

    /// True for text written in one of the accepted forms (`2025-02-30`,
    /// `30/02/2025`) whatever its numbers, so a message can tell a day that
    /// does not exist from a date written otherwise.
    static func looksLikeADate(_ t: String) -> Bool {
        let b = Array(t.utf8)
        func digits(_ r: Range<Int>) -> Bool { b[r].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if b.count == 10, b[4] == 0x2D, b[7] == 0x2D, digits(0..<4), digits(5..<7), digits(8..<10) { return true }
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && (1...2).contains(parts[0].count) && (1...2).contains(parts[1].count) && parts[2].count == 4
            && parts.allSatisfy { $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// `YYYY-MM-DD`, or `DD/MM/YYYY` as French and British files write it.
    private mutating func date(_ text: String) -> Day? {
        if let hit = dateCache[text] { return hit }
        let t = text.trimmingSpaces()
        var day = Day(iso: t)
        if day == nil {
            let parts = t.split(separator: "/")
            if parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
               let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) {
                day = Day(year: y, month: m, day: d)
            }
        }
        if dateCache.count < 100_000 { dateCache[text] = day }
        return day
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, line ends and no-break spaces.
    package func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
