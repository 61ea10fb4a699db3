import PledgeTallyCore
import Ingest
#if canImport(Glibc)
import Glibc
#endif

/// Pass 2 and the text report of `added`, `removed` and `changed` pledges
/// worked from the rows' bytes where they lie, without a String per cell.
///
/// Why: `diff` of two unrelated 1,000,000-pledge runs (974,800 changed,
/// 25,200 added, 25,200 removed; 454 MB of report) took 58 s, 48 s of it in
/// user time making, comparing and escaping Strings (perf: String appends,
/// `fieldChanges`, `printable`, `_stringCompare`). Each step here gives
/// the same answer as the String code it stands for (``pledgeChange(_:old:new:_:)``
/// and ``RunDiff/lines(of:escaping:_:)``), which the rarer kinds and the
/// CSV still use; a cell that is quoted or not ASCII is compared as a String.
extension DiffFiles {
    enum Weight {
        /// A `changed` pair whose cells differ only in how they are written.
        case same
        case change(delta: DecimalAmount?)
    }

    /// What pass 2 needs of an added, removed or changed pair.
    func weigh(_ kind: RunDiff.Kind, old o: UInt64, new n: UInt64, _ readers: Readers) throws -> Weight {
        switch kind {
        case .changed:
            return try readers.withRow(o, new: false, rejected: false) { before in
                try readers.withRow(n, new: true, rejected: false) { after in
                    guard try differs(before, after, readers) else { return .same }
                    return .change(delta: try delta(after: amount(after, new), before: amount(before, old)))
                }
            }
        case .added:
            return .change(delta: try readers.withRow(n, new: true, rejected: false) { try delta(after: amount($0, new), before: nil) })
        default:
            return .change(delta: try readers.withRow(o, new: false, rejected: false) { try delta(after: nil, before: amount($0, old)) })
        }
    }

    /// What ``change(_:new:old:)`` makes the delta.
    private func delta(after: DecimalAmount?, before: DecimalAmount?) throws -> DecimalAmount? {
        guard sameCurrency, after != nil || before != nil else { return nil }
        return try (after ?? .zero).subtracting(before ?? .zero)
    }

    /// The reporting amount of a row, as ``amount(_:_:)`` reads it from its string.
    private func amount(_ r: CSVRecords.Record, _ side: DiffSide) -> DecimalAmount? {
        guard let rep = side.reporting, !r.isEmpty(rep) else { return nil }
        return r.withValue(rep) { DecimalAmount(plainUTF8: $0) }
    }

    private static var none: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

    /// Whether the values of compared column `k` differ, as String `==` says:
    /// equal bytes are equal values; canonical cells (``DiffSide/isCanonical(_:)``)
    /// whose bytes differ are different values; anything else is compared as
    /// Strings (two of them per differing cell made this 1M-change text slow).
    @inline(__always)
    private func differs(_ k: Int, _ before: CSVRecords.Record, _ after: CSVRecords.Record, _ readers: Readers) -> Bool {
        let oc = readers.oldColumns[k], nc = readers.newColumns[k]
        let a = oc.map { before.written($0) } ?? Self.none, b = nc.map { after.written($0) } ?? Self.none
        if a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) { return false }
        if DiffSide.isCanonical(a) && DiffSide.isCanonical(b) { return true }
        return (oc.map { before.string($0) } ?? "") != (nc.map { after.string($0) } ?? "")
    }

    private func differs(_ before: CSVRecords.Record, _ after: CSVRecords.Record, _ readers: Readers) throws -> Bool {
        for k in fields.indices where differs(k, before, after, readers) { return true }
        return false
    }

    /// Appends the report lines of a change (each with its line end), as
    /// ``RunDiff/lines(of:escaping:_:)`` writes them.
    func appendText(_ c: Change, _ diff: RunDiff, _ readers: Readers, _ text: ReportBytes) throws {
        switch c.kind {
        case .added, .removed, .nowRejected, .noLongerRejected:
            let isNew = c.kind.pledgeRows.new
            try readers.withRow(isNew ? c.new : c.old, new: isNew, rejected: false) { r in
                let side = isNew ? new : old
                switch c.kind {
                case .added: text.ascii("+ ")
                case .removed: text.ascii("- ")
                case .nowRejected: text.ascii("! now rejected: ")
                default: text.ascii("* no longer rejected: ")
                }
                text.pledgeRow(side.shown, amount: c.rowAmount, isEmpty: r.isEmpty) { i, body in text.withValue(r, i, body) }
                if c.kind == .nowRejected || c.kind == .noLongerRejected {
                    // The rejection is in the other run's rejected.csv.
                    text.ascii(isNew ? " | was " : " | ")
                    let other = isNew ? old : new
                    try readers.withRow(isNew ? c.old : c.new, new: !isNew, rejected: true) { rejection in
                        text.rejection(rejection, field: other.rejectedField, value: other.rejectedValue, reason: other.rejectedReason)
                    }
                }
                text.newline()
            }
        default:
            try readers.withRow(c.old, new: false, rejected: false) { before in
                try readers.withRow(c.new, new: true, rejected: false) { after in
                    text.ascii("~ ")
                    pledge(after, new, text)
                    if let d = try delta(after: amount(after, new), before: amount(before, old)) {
                        text.ascii(" | ")
                        text.signed(d, diff.newCurrency)
                        text.ascii(" ")
                        text.string(diff.newCurrency)
                    }
                    text.newline()
                    for k in fields.indices where differs(k, before, after, readers) {
                        text.ascii("    ")
                        text.escaped(fields[k])
                        text.ascii(": ")
                        if let oc = readers.oldColumns[k] { text.cell(before, oc) }
                        text.utf8(" → ")
                        if let nc = readers.newColumns[k] { text.cell(after, nc) }
                        text.newline()
                    }
                }
            }
        }
    }

    /// "source | investor", each escaped.
    private func pledge(_ r: CSVRecords.Record, _ side: DiffSide, _ text: ReportBytes) {
        text.cell(r, side.source)
        text.ascii(" | ")
        text.cell(r, side.investor)
    }
}

/// The report's bytes as they are made, handed on in blocks of about 1 MiB.
///
/// Written through a pointer into storage of its own: appending to a
/// `[UInt8]` (capacity and uniqueness checked at each of the fifty or so
/// pieces of a changed pledge's lines) was a tenth of the text's time for
/// unrelated 1M-pledge runs.
final class ReportBytes {
    private(set) var count = 0
    private var capacity: Int
    private var base: UnsafeMutablePointer<UInt8>
    /// A quoted cell's value, its doubled quotes undone (kept: one array per quoted cell was costly).
    private var value: [UInt8] = []
    /// What `escape` made of a cell that is not plain printable ASCII.
    private var escaped: [UInt8] = []
    /// A rejection's cells put together before they are made printable.
    private var composed: [UInt8] = []
    /// Appends a cell's value made printable (the command line's escaping).
    /// It must leave text of up to 256 bytes for which
    /// ``PrintableText/isAsIs(_:)`` holds as it is: such cells are copied without it.
    let escape: (UnsafeRawBufferPointer, inout [UInt8]) -> Void
    /// The minor digits of the last currency asked for.
    private var minor: (currency: String, digits: Int) = ("", Currency.euro.minorDigits)

    init(escape: @escaping (UnsafeRawBufferPointer, inout [UInt8]) -> Void) {
        self.escape = escape
        capacity = Self.block + 64 * 1024
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    static let block = 1 << 20

    var isFull: Bool { count >= Self.block }

    /// The bytes made so far.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    func removeAll() { count = 0 }

    @inline(__always) private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(2 * capacity, count + n))
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = max(2 * capacity, count + n)
    }

    @inline(__always) func put(_ b: UnsafeRawBufferPointer) {
        guard let p = b.baseAddress, !b.isEmpty else { return }
        reserve(b.count)
        (base + count).update(from: p.assumingMemoryBound(to: UInt8.self), count: b.count)
        count += b.count
    }

    @inline(__always) func put(_ x: UInt8) {
        reserve(1)
        base[count] = x
        count += 1
    }

    @inline(__always) func ascii(_ s: StaticString) {
        put(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) func utf8(_ s: StaticString) { ascii(s) }

    func string(_ s: String) {
        var s = s
        s.withUTF8 { put(UnsafeRawBufferPointer($0)) }
    }

    func escaped(_ s: String) {
        var s = s
        s.withUTF8 { printable(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always) func newline() { put(0x0A) }

    /// The longest text copied without `escape` (which must leave it as it is).
    static let asIsLimit = 256

    /// `b` made printable: copied when ``PrintableText/isAsIs(_:)`` holds
    /// for it and it is up to 256 bytes long, through `escape` otherwise.
    @inline(__always) func printable(_ b: UnsafeRawBufferPointer) {
        if b.count <= Self.asIsLimit && PrintableText.isAsIs(b) { return put(b) }
        escaped.removeAll(keepingCapacity: true)
        escape(b, &escaped)
        escaped.withUnsafeBytes { put($0) }
    }

    /// The cell's value, escaped.
    /// A CSV cell of `value` (``CSVCell``), invalid UTF-8 first repaired as a String repairs it.
    func csvText(_ value: UnsafeRawBufferPointer) {
        if value.contains(where: { $0 >= 0x80 }) && String(validating: value, as: UTF8.self) == nil {
            var repaired = String(decoding: value, as: UTF8.self)
            return repaired.withUTF8 { csvText(UnsafeRawBufferPointer($0)) }
        }
        CSVCell.write(value) { put($0) }
    }

    func csvText(_ s: String) {
        var s = s
        s.withUTF8 { csvText(UnsafeRawBufferPointer($0)) }
    }

    /// "field ‘value’: reason" of a rejected.csv row, made printable as one
    /// value (as ``RunDiff/lines(of:escaping:_:)`` escapes it: its length limit counts the whole).
    func rejection(_ r: CSVRecords.Record, field: Int?, value: Int?, reason: Int?) {
        composed.removeAll(keepingCapacity: true)
        if let field { r.withValue(field) { composed.append(contentsOf: $0) } }
        composed.append(contentsOf: " \u{2018}".utf8)
        if let value { r.withValue(value) { composed.append(contentsOf: $0) } }
        composed.append(contentsOf: "\u{2019}: ".utf8)
        if let reason { r.withValue(reason) { composed.append(contentsOf: $0) } }
        composed.withUnsafeBytes { printable($0) }
    }

    @inline(__always) func cell(_ r: CSVRecords.Record, _ i: Int) {
        withValue(r, i) { printable($0) }
    }

    /// Calls `body` with the cell's value (a quoted cell's copied without its
    /// quotes into storage kept between calls).
    @inline(__always) func withValue(_ r: CSVRecords.Record, _ i: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
        if let b = r.plainBytes(i) { return body(UnsafeRawBufferPointer(b)) }
        value.removeAll(keepingCapacity: true)
        r.withPieces(i) { value.append(contentsOf: $0) }
        value.withUnsafeBytes(body)
    }

    /// "source | investor | amount as written | amount CUR" (or "no
    /// amount") of a pledge's pledges.csv row, each made printable, as a
    /// line of ``RunDiff/lines(of:escaping:_:)`` shows a pledge added,
    /// removed, now or no longer rejected. `value(i, body)` hands `body`
    /// cell i's value; `isEmpty(i)`: cell i is written empty. `amount`: the
    /// row's amount when known (``DiffFiles/Change/rowAmount``), else read from its cell.
    @inline(__always)
    func pledgeRow(_ side: DiffSide.Shown, amount known: DecimalAmount?, isEmpty: (Int) -> Bool,
                   value: (Int, (UnsafeRawBufferPointer) -> Void) -> Void) {
        value(side.source) { printable($0) }
        ascii(" | ")
        value(side.investor) { printable($0) }
        ascii(" | ")
        if let t = side.amountText { value(t) { printable($0) } }
        ascii(" | ")
        guard let rep = side.reporting, !isEmpty(rep) else { return ascii("no amount") }
        var amount = known
        if amount == nil { value(rep) { amount = DecimalAmount(plainUTF8: $0) } }
        if let amount { grouped(amount, side.currency) } else { value(rep) { printable($0) } }
        ascii(" ")
        string(side.currency)
    }

    /// What ``RunDiff/signed(_:_:plus:)`` shows (`plus` nil).
    func signed(_ amount: DecimalAmount, _ currency: String) {
        if amount.isNegative { ascii("\u{2212}") } else { put(0x2B) }
        grouped(amount, currency, signed: false)
    }

    /// What ``RunDiff/grouped(_:_:)`` shows, from the mantissa's digits: the
    /// same text without a String when the amount needs no rounding and its
    /// digits fit 64 bits; the String code otherwise.
    /// `signed` false: the amount's absolute value (no DecimalAmount made for it).
    func grouped(_ amount: DecimalAmount, _ currency: String, signed: Bool = true) {
        if currency != minor.currency { minor = (currency, (currency.isEmpty ? .euro : Currency(currency)).minorDigits) }
        let places = max(minor.digits, min(amount.scale, 2))
        let pad = places - amount.scale
        guard pad >= 0, pad <= 18, let m = UInt64(exactly: amount.mantissa.magnitude) else {
            return string(RunDiff.grouped(signed ? amount : amount.absolute, currency))
        }
        let (v, overflow) = m.multipliedReportingOverflow(by: UInt64(DecimalAmount.powerOfTen(pad)))
        guard !overflow else { return string(RunDiff.grouped(signed ? amount : amount.absolute, currency)) }
        // Written straight into the buffer (a put per digit was 600
        // instructions an amount): sign, up to 20 digits, 6 commas, point, pad.
        reserve(3 + 20 + 6 + 1 + 19)
        if signed && amount.isNegative { ascii("\u{2212}") }
        var x = v, digits = 0
        repeat {   // how many digits
            digits += 1
            x /= 10
        } while x > 0
        let total = max(digits, places + 1), intCount = total - places
        let out = base + count
        var end = intCount + (intCount - 1) / 3 + (places > 0 ? 1 + places : 0)
        count += end
        x = v
        for _ in 0..<places {   // fraction, from its last digit (zeros once x is spent)
            end -= 1
            out[end] = UInt8(truncatingIfNeeded: x % 10) + 0x30
            x /= 10
        }
        if places > 0 {
            end -= 1
            out[end] = 0x2E
        }
        for n in 0..<intCount {   // integer part, from its last digit, a comma every 3
            if n > 0 && n % 3 == 0 {
                end -= 1
                out[end] = 0x2C
            }
            end -= 1
            out[end] = UInt8(truncatingIfNeeded: x % 10) + 0x30
            x /= 10
        }
    }
}
