import PledgeTallyCore
import Ingest
import Normalise
#if canImport(Glibc)
import Glibc
#endif

/// One run's output files as `diff` reads them: the columns it needs, and
/// pass 1 over pledges.csv and rejected.csv.
struct DiffSide: Sendable {
    /// One row of pledges.csv or rejected.csv, reduced to what pairing needs:
    /// 32 bytes, whatever the row's length.
    struct Entry {
        /// A hash of (source, investor trimmed), compared byte for byte.
        var key: UInt64
        /// The line (order kept for negative ones) << 32, bit 31 set for a
        /// rejection, bits 0–30 the row's index in its file (``row``).
        var rank: UInt64
        /// Where the row lies in its file: offset << 25 | length.
        var place: UInt64
        /// A hash of the compared cells (0 for a rejection).
        var content: UInt64

        /// The row's index in its file: where its ``Facts`` are kept.
        var row: Int { Int(rank & 0x7FFF_FFFF) }
    }

    /// The reporting amount, normalised, as mantissa << 8 | flags: bits 0–4
    /// its scale, bit 5 "there is an amount", bit 6 "the amount is here"
    /// (it fits 56 bits; otherwise the row is read), bit 7 "every compared
    /// cell is canonical" (``isCanonical(_:)``: then differing hashes are a
    /// real change).
    ///
    /// Why: pass 2 read both rows of every differing pair back (one pread
    /// each) only to confirm the change and get the amounts; for two unrelated
    /// 1,000,000-pledge runs that was 2,000,000 preads, 31 % of `diff`'s time.
    /// Kept beside the entries, by row, and only for the `diff` command
    /// (`keepFacts`): a run comparing itself with the previous one keeps its
    /// 32 bytes a row (issue 11's bound on a run's memory).
    struct Facts: Equatable {
        var bits: Int64

        static let present: Int64 = 1 << 5, known: Int64 = 1 << 6, plain: Int64 = 1 << 7

        /// No amount cell (empty); `plain` says whether the compared cells are plain.
        init(noAmount plainCells: Bool) { bits = Self.known | (plainCells ? Self.plain : 0) }

        init(bits: Int64) { self.bits = bits }

        /// An amount: here when its mantissa fits 56 bits, else "read the row".
        init(_ a: DecimalAmount, plain plainCells: Bool) {
            let flags = plainCells ? Self.plain : 0
            guard a.mantissa >= -(1 << 55) && a.mantissa < 1 << 55 else {
                bits = Self.present | flags
                return
            }
            bits = Int64(a.mantissa) << 8 | Self.present | Self.known | flags | Int64(a.scale)
        }

        /// A plain amount as pass 1 parsed it (`mantissa` / 10^`scale`),
        /// normalised here in 64 bits: through ``DecimalAmount`` (128-bit
        /// remainders) it made the 1,000-change diff of 1M-pledge runs 0.2 s slower.
        init(mantissa: Int128, scale: Int, plain plainCells: Bool) {
            let flags = plainCells ? Self.plain : 0
            guard mantissa >= -(1 << 55) && mantissa < 1 << 55 else {
                bits = Self.present | flags
                return
            }
            var m = Int64(mantissa), s = scale
            while s > 0 && m % 10 == 0 {
                m /= 10
                s -= 1
            }
            bits = m << 8 | Self.present | Self.known | flags | Int64(s)
        }

        var isPlain: Bool { bits & Self.plain != 0 }
        var isKnown: Bool { bits & Self.known != 0 }
        /// The amount as (mantissa, scale), normalised; nil without one. Only when `isKnown`.
        var parts: (Int128, Int)? { bits & Self.present == 0 ? nil : (Int128(bits >> 8), Int(bits & 31)) }
    }

    let folder: String
    let pledgeHeader: [String]
    let rejectedHeader: [String]
    let currency: String
    let source, investor, line: Int
    let reporting: Int?
    let amountText: Int?
    let rejectedSource, rejectedLine: Int
    let rejectedInvestor: Int?
    /// rejected.csv's field, value and reason: what a rejection says.
    let rejectedField, rejectedValue, rejectedReason: Int?

    /// What a report line shows of a pledge that came or left: its columns
    /// and its amount's currency (``ReportBytes/pledgeRow(_:amount:isEmpty:value:)``).
    struct Shown {
        let source, investor: Int
        let amountText, reporting: Int?
        let currency: String
    }

    var shown: Shown { Shown(source: source, investor: investor, amountText: amountText, reporting: reporting, currency: currency) }

    var pledgesPath: String { folder + "/pledges.csv" }
    var rejectedPath: String { folder + "/rejected.csv" }

    init(folder: String) throws {
        self.folder = folder
        let pledgesPath = folder + "/pledges.csv", rejectedPath = folder + "/rejected.csv"
        pledgeHeader = try Self.header(pledgesPath)
        rejectedHeader = try Self.header(rejectedPath)
        func column(_ name: String, _ header: [String], _ path: String, _ what: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw DiffError("\(path): no ‘\(name)’ column: not the \(what) of a pledgetally run")
            }
            return i
        }
        source = try column("source", pledgeHeader, pledgesPath, "pledges.csv")
        investor = try column("investor", pledgeHeader, pledgesPath, "pledges.csv")
        line = try column("line", pledgeHeader, pledgesPath, "pledges.csv")
        rejectedSource = try column("source", rejectedHeader, rejectedPath, "rejected.csv")
        rejectedLine = try column("line", rejectedHeader, rejectedPath, "rejected.csv")
        rejectedInvestor = rejectedHeader.firstIndex(of: "investor")
        rejectedField = rejectedHeader.firstIndex(of: "field")
        rejectedValue = rejectedHeader.firstIndex(of: "value")
        rejectedReason = rejectedHeader.firstIndex(of: "reason")
        amountText = pledgeHeader.firstIndex(of: "amount_text")
        let header = pledgeHeader
        let r = header.firstIndex { $0.hasPrefix("amount_") && $0.utf8.count == 10 && $0 != "amount_low" }
        reporting = r
        currency = r.map { String(header[$0].dropFirst(7)).uppercased() } ?? ""
    }

    private struct Stop: Error {}

    /// The first row of a CSV file.
    static func header(_ path: String) throws -> [String] {
        var found: [String] = []
        do {
            try CSVRecords.scan(path: path, header: { found = $0; throw Stop() }, row: { _ in })
        } catch is Stop {}
        return found
    }

    /// The compared columns' indexes in pledges.csv (nil: not in this run's file).
    func columns(_ fields: [String]) -> [Int?] { fields.map { pledgeHeader.firstIndex(of: $0) } }

    /// True when `columns` are side by side in the file, in order: they are
    /// then hashed as one stretch of bytes.
    static func isContiguous(_ columns: [Int?]) -> Bool {
        guard let first = columns.first, let start = first else { return false }
        return columns.enumerated().allSatisfy { $1 == start + $0 }
    }

    /// Pass 1: an entry for every row of pledges.csv and rejected.csv, sorted
    /// by (key, line, rejection, place), and the total of the reporting amounts.
    ///
    /// Cells are hashed from the read buffer (`contiguous`: the compared
    /// columns as one stretch, when both runs have them side by side); a
    /// string is made only for an investor with spaces to trim or quotes, a
    /// line or amount that is not plain.
    func scan(compared fields: [String], contiguous: Bool, keepFacts: Bool = false) throws
        -> (entries: [Entry], total: DecimalAmount, facts: [Facts]) {
        let columns = columns(fields)
        let first = columns.first.flatMap { $0 } ?? 0, last = first + columns.count - 1
        // A column missing from one run hashes unlike an empty one: the plain flag needs them all.
        let complete = columns.allSatisfy { $0 != nil }
        let (s, i, l, rep, path) = (source, investor, line, reporting, pledgesPath)
        var entries: [Entry] = []
        var facts: [Facts] = []
        // Room for every row at once: grown by doubling, the array is copied
        // at each step (16 MB more at the last one for 1M rows, counted in a
        // run's peak). A row is longer than 32 bytes; pages never written are
        // never resident, so a generous guess costs address space only.
        entries.reserveCapacity((Self.fileSize(pledgesPath) + Self.fileSize(rejectedPath)) / 32 + 16)
        if keepFacts { facts.reserveCapacity(Self.fileSize(pledgesPath) / 32 + 16) }
        var total = DecimalSum()
        try CSVRecords.scan(path: path, header: { _ in }) { r in
            var h = RowHash()
            if contiguous {
                r.hash(cells: first, through: last, into: &h)
            } else {
                for c in columns {
                    if let c { r.hash(c, into: &h) } else { h.addEmpty() }
                }
            }
            let plain = keepFacts
                && (contiguous ? Self.isCanonical(stretch: r.written(cells: first, through: last)) : complete && Self.isCanonical(r, columns))
            var fact = Facts(noAmount: plain)
            if let rep, !r.isEmpty(rep) {
                if let b = r.plainBytes(rep), let (m, places) = Self.plainDecimal(b) {
                    try total.add(m, scale: places)
                    if keepFacts { fact = Facts(mantissa: m, scale: places, plain: plain) }
                } else {
                    let text = r.string(rep)
                    guard let a = DecimalAmount(plain: text) else {
                        throw DiffError("\(path): row \(r.index + 2): ‘\(text)’ is not an amount")
                    }
                    try total.add(a)
                    fact = Facts(a, plain: plain)
                }
            }
            entries.append(Entry(key: Self.key(r, s, i), rank: Self.rank(r, l, rejected: false),
                                 place: try Self.place(r, path), content: h.value))
            if keepFacts { facts.append(fact) }
        }
        let (rs, rl, ri, rpath) = (rejectedSource, rejectedLine, rejectedInvestor, rejectedPath)
        try CSVRecords.scan(path: rpath, header: { _ in }) { r in
            entries.append(Entry(key: Self.key(r, rs, ri), rank: Self.rank(r, rl, rejected: true),
                                 place: try Self.place(r, rpath), content: 0))
        }
        Self.sort(&entries)
        return (entries, try total.total(), facts)
    }

    private static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? max(0, Int(st.st_size)) : 0
    }

    /// `-`? digits (`.` digits)?, at most 36 digits: (mantissa, places); nil otherwise.
    @inline(__always)
    static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> (Int128, Int)? {
        guard !b.isEmpty, b.count <= 37 else { return nil }
        var m: Int128 = 0
        var places = 0, digits = 0
        var point = false
        let negative = b[0] == 0x2D
        for k in (negative ? 1 : 0)..<b.count {
            let x = b[k]
            if x == 0x2E {
                if point { return nil }
                point = true
            } else if x >= 0x30 && x <= 0x39 {
                m = m * 10 + Int128(x - 0x30)
                digits += 1
                if point { places += 1 }
            } else {
                return nil
            }
        }
        guard digits > 0, digits <= 36, places <= DecimalAmount.maxScale else { return nil }
        return (negative ? -m : m, places)
    }

    /// (source, investor trimmed) hashed by their bytes; a string is made
    /// only for a value with spaces to trim.
    @inline(__always)
    static func key(_ r: CSVRecords.Record, _ source: Int, _ investor: Int?) -> UInt64 {
        var h = RowHash()
        text(r, source, trim: false, into: &h)
        if let investor { text(r, investor, trim: true, into: &h) } else { h.addEmpty() }
        return h.value
    }

    @inline(__always)
    private static func text(_ r: CSVRecords.Record, _ i: Int, trim: Bool, into h: inout RowHash) {
        let done = r.withValue(i) { b in
            guard !trim || !mayTrim(b) else { return false }
            h.add(b)
            return true
        }
        if done { return }
        var value = r.string(i)
        if trim { value = value.trimmingSpaces() }
        value.withUTF8 { h.add(UnsafeRawBufferPointer($0)) }
    }

    /// Whether `trimmingSpaces()` might cut something: the first or last byte
    /// may belong to a space, tab, CR, LF, U+00A0 or U+202F.
    @inline(__always)
    private static func mayTrim(_ b: UnsafeRawBufferPointer) -> Bool {
        guard let f = b.first, let l = b.last else { return false }
        return f == 0x20 || f == 0x09 || f == 0x0A || f == 0x0D || f == 0xC2 || f == 0xE2
            || l == 0x20 || l == 0x09 || l == 0x0A || l == 0x0D || l == 0xA0 || l == 0xAF
    }

    /// The line cell as pairing orders it: a rejection after a pledge of the same line.
    @inline(__always)
    private static func rank(_ r: CSVRecords.Record, _ l: Int, rejected: Bool) -> UInt64 {
        var n: Int?
        if let b = r.plainBytes(l), !b.isEmpty, b.count <= 18 {
            var v = 0
            for x in b {
                guard x >= 0x30 && x <= 0x39 else { v = -1; break }
                v = v * 10 + Int(x - 0x30)
            }
            if v >= 0 { n = v }
        }
        let line = n ?? Int(r.string(l)) ?? 0
        let ordered = UInt64(UInt32(bitPattern: Int32(clamping: line)) ^ 0x8000_0000)
        // Within one (key, line) the row index orders as the place would
        // (one file): the sort's order is unchanged by it.
        return ordered << 32 | (rejected ? 1 << 31 : 0) | UInt64(min(r.index, Self.noRow))
    }

    /// The row index kept for a row past 2^31 − 2: its facts are not kept.
    static let noRow = 0x7FFF_FFFF

    private static func place(_ r: CSVRecords.Record, _ path: String) throws -> UInt64 {
        guard r.offset < 1 << 39 else { throw DiffError("\(path): larger than diff can compare (512 GiB)") }
        return UInt64(r.offset) << 25 | UInt64(r.length)
    }
}
