import PledgeTallyCore
#if canImport(Glibc)
import Glibc
#endif

/// The lines of a `changed` pledge made straight from its two rows' bytes,
/// as ``DiffFiles/appendText(_:_:_:_:)`` makes them, for the rows that need
/// nothing unusual: cells split here, values compared and copied without a
/// record, a closure or a String, the delta taken from the change.
///
/// Why: unrelated 1M-pledge runs print 974,800 changed pledges (455 MB of
/// text); through records and closures per row and cell their lines took
/// 6.3 s of CPU, 3.2 s of the diff's 7 s. A row this does not take (a CR, a
/// quote inside an unquoted cell, a cell count other than the header's, a
/// differing cell that is not written canonically, a row that could not be
/// read whole) is left to `appendText`, which says what is wrong with it.
final class ChangedText {
    private let oldColumns: [Int], newColumns: [Int]
    private let oldWidth: Int, newWidth: Int
    private let source: Int, investor: Int
    private let oldSide: DiffSide.Shown, newSide: DiffSide.Shown
    /// Per compared field, "    field: " as the report prints it: bytes
    /// `prefixStarts[k]..<prefixStarts[k + 1]` of `prefixes`.
    private let prefixes: UnsafeMutableRawPointer
    private let prefixStarts: [Int]
    private let currency: String
    /// " " and the currency code, after the delta.
    private let currencyBytes: [UInt8]
    /// Cell bounds (start, end as written) of the old and the new row.
    private let oldBounds: UnsafeMutablePointer<Int>, newBounds: UnsafeMutablePointer<Int>
    /// The compared fields that differ, for the change at hand (`differingCount` of them).
    private let differing: UnsafeMutablePointer<Int>
    private var differingCount = 0
    /// A quoted value with its doubled quotes undone.
    private var value: [UInt8] = []
    /// For changes.csv rows: per compared field, its name as a CSV cell and
    /// `,` (bytes `csvStarts[k]..<csvStarts[k + 1]` of `csvNames`); the
    /// field that carries the delta (nil: none, two currencies).
    private let csvNames: [UInt8], csvStarts: [Int]
    private let deltaField: Int?

    init(_ files: DiffFiles, currency: String, escape: @escaping (UnsafeRawBufferPointer, inout [UInt8]) -> Void) {
        oldColumns = files.old.columns(files.fields).map { $0 ?? -1 }
        newColumns = files.new.columns(files.fields).map { $0 ?? -1 }
        oldWidth = files.old.pledgeHeader.count
        newWidth = files.new.pledgeHeader.count
        source = files.new.source
        investor = files.new.investor
        oldSide = files.old.shown
        newSide = files.new.shown
        self.currency = currency
        currencyBytes = Array((" " + currency).utf8)
        let t = ReportBytes(escape: escape)
        var starts = [0]
        for f in files.fields {
            t.ascii("    ")
            t.escaped(f)
            t.ascii(": ")
            starts.append(t.count)
        }
        prefixStarts = starts
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(t.count, 1), alignment: 1)
        t.withBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: $0.count) } }
        prefixes = p
        let csv = ReportBytes(escape: escape)
        var csvStarts = [0]
        for f in files.fields {
            csv.csvText(f)
            csv.put(0x2C)
            csvStarts.append(csv.count)
        }
        csvNames = csv.withBytes { Array($0) }
        self.csvStarts = csvStarts
        let reportingField = "amount_" + currency.lowercased()
        deltaField = files.sameCurrency ? files.fields.firstIndex(of: reportingField) : nil
        oldBounds = .allocate(capacity: 2 * oldWidth + 2)
        newBounds = .allocate(capacity: 2 * newWidth + 2)
        differing = .allocate(capacity: files.fields.count + 1)
    }

    deinit {
        prefixes.deallocate()
        differing.deallocate()
        oldBounds.deallocate()
        newBounds.deallocate()
    }

    /// Splits both rows and finds the compared fields that differ; false
    /// when the rows are left to the general code.
    private func compare(_ c: DiffFiles.Change, _ before: UnsafeRawBufferPointer, _ after: UnsafeRawBufferPointer) -> Bool {
        guard Self.split(before, oldWidth, into: oldBounds), Self.split(after, newWidth, into: newBounds) else { return false }
        differingCount = 0
        for k in oldColumns.indices {
            let a = Self.written(before, oldBounds, oldColumns[k]), b = Self.written(after, newBounds, newColumns[k])
            if a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) { continue }
            // Different bytes are different values only when both are written
            // canonically (known of the whole row when pass 1 weighed the pair).
            guard c.canonical || (DiffSide.isCanonical(a) && DiffSide.isCanonical(b)) else { return false }
            differing[differingCount] = k
            differingCount += 1
        }
        return true
    }

    /// Appends the line of added or removed pledge `c`, whose row is `row`,
    /// as ``DiffFiles/appendText(_:_:_:_:)`` writes it (its row split here,
    /// not parsed as a record: unrelated runs that share no pledge print
    /// 2,000,000 of them); false, with nothing appended, when it leaves it to that.
    func appendOne(_ c: DiffFiles.Change, row: UnsafeRawBufferPointer, to text: ReportBytes) -> Bool {
        let isNew = c.kind == .added
        let side = isNew ? newSide : oldSide, bounds = isNew ? newBounds : oldBounds
        guard c.kind == .added || c.kind == .removed, Self.split(row, isNew ? newWidth : oldWidth, into: bounds) else { return false }
        text.ascii(isNew ? "+ " : "- ")
        text.pledgeRow(side, amount: c.rowAmount, isEmpty: { bounds[2 * $0] == bounds[2 * $0 + 1] }) { i, body in
            withValue(row, bounds, i, body)
        }
        text.newline()
        return true
    }

    /// Appends the changes.csv rows of changed pledge `c` (a row per field
    /// that differs, as `RunDiff.rows(of:)` makes them and `CSVWriter`
    /// writes them); false, with nothing appended, when it leaves them to the general code.
    func appendCSV(_ c: DiffFiles.Change, before: UnsafeRawBufferPointer, after: UnsafeRawBufferPointer, to text: ReportBytes) -> Bool {
        guard compare(c, before, after) else { return false }
        for n in 0..<differingCount {
            let k = differing[n]
            text.ascii("->,")
            csvCell(after, newBounds, source, text)
            text.put(0x2C)
            csvCell(after, newBounds, investor, text)
            text.put(0x2C)
            csvNames.withUnsafeBytes { text.put(UnsafeRawBufferPointer(rebasing: $0[csvStarts[k]..<csvStarts[k + 1]])) }
            if oldColumns[k] >= 0 { csvCell(before, oldBounds, oldColumns[k], text) }
            text.put(0x2C)
            if newColumns[k] >= 0 { csvCell(after, newBounds, newColumns[k], text) }
            text.put(0x2C)
            if k == deltaField, let d = c.delta { text.string(RunDiff.csvDelta(d, currency)) }
            text.ascii(",\n")
        }
        return true
    }

    /// Appends the lines of changed pledge `c` whose rows are `before` and
    /// `after`; false, with nothing appended, when it leaves them to `appendText`.
    func append(_ c: DiffFiles.Change, before: UnsafeRawBufferPointer, after: UnsafeRawBufferPointer, to text: ReportBytes) -> Bool {
        guard compare(c, before, after) else { return false }
        text.ascii("~ ")
        print(after, newBounds, source, text)
        text.ascii(" | ")
        print(after, newBounds, investor, text)
        if let d = c.delta {
            text.ascii(" | ")
            text.signed(d, currency)
            currencyBytes.withUnsafeBytes { text.put($0) }
        }
        text.newline()
        for n in 0..<differingCount {
            let k = differing[n]
            text.put(UnsafeRawBufferPointer(start: prefixes + prefixStarts[k], count: prefixStarts[k + 1] - prefixStarts[k]))
            if oldColumns[k] >= 0 { show(before, oldBounds, oldColumns[k], text) }
            text.utf8(" → ")
            if newColumns[k] >= 0 { show(after, newBounds, newColumns[k], text) }
            text.newline()
        }
        return true
    }

    /// Cell `i` as written (quotes included); empty for no column.
    @inline(__always)
    private static func written(_ row: UnsafeRawBufferPointer, _ bounds: UnsafeMutablePointer<Int>, _ i: Int) -> UnsafeRawBufferPointer {
        guard i >= 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: row[bounds[2 * i]..<bounds[2 * i + 1]])
    }

    /// Cell `i`'s value, made printable.
    @inline(__always)
    private func print(_ row: UnsafeRawBufferPointer, _ bounds: UnsafeMutablePointer<Int>, _ i: Int, _ text: ReportBytes) {
        withValue(row, bounds, i) { text.printable($0) }
    }

    /// Cell `i`'s value, which ``compare(_:_:_:)`` found canonical (and so
    /// shown as it is, ``DiffSide/isCanonical(_:)``): copied up to the
    /// length ``ReportBytes/printable(_:)`` copies, made printable past it.
    @inline(__always)
    private func show(_ row: UnsafeRawBufferPointer, _ bounds: UnsafeMutablePointer<Int>, _ i: Int, _ text: ReportBytes) {
        withValue(row, bounds, i) { $0.count <= ReportBytes.asIsLimit ? text.put($0) : text.printable($0) }
    }

    /// Cell `i`'s value as a CSV cell of changes.csv.
    @inline(__always)
    private func csvCell(_ row: UnsafeRawBufferPointer, _ bounds: UnsafeMutablePointer<Int>, _ i: Int, _ text: ReportBytes) {
        withValue(row, bounds, i) { text.csvText($0) }
    }

    /// Calls `body` with cell `i`'s value: a quoted cell's without its quotes, doubled quotes undone.
    @inline(__always)
    private func withValue(_ row: UnsafeRawBufferPointer, _ bounds: UnsafeMutablePointer<Int>, _ i: Int,
                           _ body: (UnsafeRawBufferPointer) -> Void) {
        let w = Self.written(row, bounds, i)
        guard w.count >= 2, w[0] == 0x22 else { return body(w) }
        let inner = UnsafeRawBufferPointer(rebasing: w[1..<(w.count - 1)])
        guard inner.contains(0x22) else { return body(inner) }
        value.removeAll(keepingCapacity: true)
        var from = 0, k = 0
        while k < inner.count {   // "" is one quote: up to and with the first, then past the second
            if inner[k] == 0x22 {
                value.append(contentsOf: inner[from...k])
                k += 2
                from = k
            } else {
                k += 1
            }
        }
        if from < inner.count { value.append(contentsOf: inner[from...]) }
        value.withUnsafeBytes { body($0) }
    }

    /// Splits `row` (one record and its LF) into exactly `count` cells:
    /// false when it is not that, or holds a CR or a quote inside an
    /// unquoted cell (left to the full parser).
    static func split(_ row: UnsafeRawBufferPointer, _ count: Int, into bounds: UnsafeMutablePointer<Int>) -> Bool {
        var n = row.count
        guard n > 0 else { return false }
        if row[n - 1] == 0x0A { n -= 1 }
        var i = 0, cell = 0
        while true {
            guard cell < count else { return false }
            let start = i
            if i < n && row[i] == 0x22 {
                i += 1
                while true {
                    guard let q = find(row, from: i, to: n, 0x22) else { return false }
                    if q + 1 < n && row[q + 1] == 0x22 {
                        i = q + 2
                    } else {
                        i = q + 1
                        break
                    }
                }
            } else {
                i = plainEnd(row, from: i, to: n)
                if i < n && row[i] != 0x2C { return false }   // a quote or CR: the full parser's case
            }
            bounds[2 * cell] = start
            bounds[2 * cell + 1] = i
            cell += 1
            if i == n { break }
            guard row[i] == 0x2C else { return false }
            i += 1
        }
        return cell == count
    }

    /// The first `byte` in `from..<to`, 8 bytes at a time.
    @inline(__always)
    private static func find(_ b: UnsafeRawBufferPointer, from: Int, to n: Int, _ byte: UInt8) -> Int? {
        var i = from
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        while i + 8 <= n {
            let x = b.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
            let z = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if z != 0 { return i + z.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            if b[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// The first `,`, `"` or CR in `from..<to`, or `to`, 8 bytes at a time.
    @inline(__always)
    private static func plainEnd(_ b: UnsafeRawBufferPointer, from: Int, to n: Int) -> Int {
        var i = from
        while i + 8 <= n {
            let w = b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let c = w ^ 0x2C2C_2C2C_2C2C_2C2C, q = w ^ 0x2222_2222_2222_2222, r = w ^ 0x0D0D_0D0D_0D0D_0D0D
            let z = ((c &- 0x0101_0101_0101_0101) & ~c | (q &- 0x0101_0101_0101_0101) & ~q
                | (r &- 0x0101_0101_0101_0101) & ~r) & 0x8080_8080_8080_8080
            if z != 0 { return i + z.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            let x = b[i]
            if x == 0x2C || x == 0x22 || x == 0x0D { return i }
            i += 1
        }
        return n
    }
}
