import Testing
import PledgeTallyCore
import Ingest
@testable import RunCompare

/// The report's order of changes (DiffEngine+Weigh.swift), the text's byte
/// buffer (ReportBytes) and the changed pledges' own row splitter
/// (ChangedText), each against a plain reference.
@Suite("Diff report order and text bytes")
struct DiffReportOrderTests {
    /// Changes with few distinct magnitudes (ties are common), of several
    /// scales, some without a delta, of every kind.
    static func changes(_ n: Int, seed: UInt64, huge: Bool = false) -> [DiffFiles.Change] {
        var g = SplitMix64(seed: seed)
        let kinds: [RunDiff.Kind] = [.added, .removed, .changed, .nowRejected, .noLongerRejected]
        var places = (0..<n).map { UInt64($0) * 3 + 1 }
        places.shuffle(using: &g)
        return places.enumerated().map { i, p in
            let kind = kinds[Int(g.next() % 5)]
            var delta: DecimalAmount?
            if g.next() % 6 != 0 {
                // 1.5 and 1.50 and 15/10: the same value at several scales; −x and x weigh alike.
                let sign: Int128 = g.next() % 2 == 0 ? 1 : -1
                delta = DecimalAmount(mantissa: sign * Int128(g.next() % 40) * [1, 10, 100][Int(g.next() % 3)], scale: Int(g.next() % 3))
            }
            if huge && i == n / 2 { delta = DecimalAmount(mantissa: -Int128(UInt64.max) * 1000, scale: 1) }
            return DiffFiles.Change(kind: kind, old: kind == .added ? 0 : p, new: kind == .removed ? 0 : p + 1, delta: delta)
        }
    }

    /// The order as the report defines it, with DecimalAmount comparisons.
    static func reference(_ list: [DiffFiles.Change]) -> [DiffFiles.Change] {
        list.sorted { x, y in
            switch (x.magnitude, y.magnitude) {
            case (let p?, let q?) where p != q: return p > q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.order < y.order
            }
        }
    }

    static func same(_ a: [DiffFiles.Change], _ b: [DiffFiles.Change]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.kind == $1.kind && $0.old == $1.old && $0.new == $1.new && $0.delta == $1.delta }
    }

    @Test(arguments: [0, 1, 2, 3, 50, 5_000])
    func sortsLikeTheReferenceOrder(n: Int) {
        var list = Self.changes(n, seed: UInt64(n) + 11)
        let expected = Self.reference(list)
        DiffEngine.sortInReportOrder(&list)
        #expect(Self.same(list, expected))
    }

    /// A delta too large for the 64-bit keys: the comparison sort, same order.
    @Test func aDeltaBeyond64BitsIsSortedAlike() {
        var list = Self.changes(2_000, seed: 3, huge: true)
        let expected = Self.reference(list)
        DiffEngine.sortInReportOrder(&list)
        #expect(Self.same(list, expected))
        #expect(list.first?.magnitude == DecimalAmount(mantissa: Int128(UInt64.max) * 1000, scale: 1))
    }

    /// A change keeps its delta, kept as two halves and a scale, exactly:
    /// none, zero, either sign, past 64 bits, at every scale.
    @Test func aChangeKeepsItsDeltaExactly() throws {
        let big = try #require(DecimalAmount(plain: "-123456789012345678901234567.123456789"))
        let mantissas: [Int128] = [0, 1, -1, 5, -10, Int128(Int64.max), Int128(Int64.min), Int128(UInt64.max) + 1, -(Int128(UInt64.max) * 7)]
        var deltas: [DecimalAmount?] = [nil, big, DecimalAmount(mantissa: DecimalAmount.powerOfTen(18) * DecimalAmount.powerOfTen(17), scale: 0)]
        for m in mantissas { for scale in [0, 2, 9, 18] { deltas.append(DecimalAmount(mantissa: m, scale: scale)) } }
        for d in deltas {
            for kind in RunDiff.Kind.allCases {
                var c = DiffFiles.Change(kind: kind, old: 7, new: 1 << 63, delta: d, canonical: kind == .changed)
                #expect(c.delta == d && c.delta?.scale == d?.scale && c.delta?.mantissa == d?.mantissa)
                #expect(c.kind == kind && c.old == 7 && c.new == 1 << 63 && c.canonical == (kind == .changed))
                c.delta = nil
                #expect(c.delta == nil)
            }
        }
        #expect(MemoryLayout<DiffFiles.Change>.stride == 40)
    }

    /// Printable ASCII up to 256 bytes is copied; anything else goes through the escape.
    @Test func onlyPlainPrintableASCIIBypassesTheEscape() {
        let text = ReportBytes { b, out in
            out.append(0x5B)   // [
            out.append(contentsOf: b)
            out.append(0x5D)   // ]
        }
        let long = String(repeating: "x", count: 257), fits = String(repeating: "y", count: 256)
        for s in ["plain text, with ~ and |", "tab\there", "é", "del\u{7F}", "", long, fits, "12345678\u{1}"] {
            text.escaped(s)
            text.newline()
        }
        let got = text.withBytes { String(decoding: $0, as: UTF8.self) }
        #expect(got == "plain text, with ~ and |\n[tab\there]\n[é]\n[del\u{7F}]\n\n[\(long)]\n\(fits)\n[12345678\u{1}]\n")
    }

    /// The buffer grows past its first block and keeps every byte.
    @Test func theBufferGrowsWithoutLosingBytes() {
        let text = ReportBytes { b, out in out.append(contentsOf: b) }
        var expected: [UInt8] = []
        var g = SplitMix64(seed: 9)
        while expected.count < 3 * ReportBytes.block {
            let piece = (0..<Int(g.next() % 300)).map { _ in UInt8(0x20 + g.next() % 95) }
            piece.withUnsafeBytes { text.printable($0) }
            expected += piece
        }
        #expect(text.withBytes { Array($0) } == expected)
        text.removeAll()
        #expect(text.count == 0)
    }

    /// Where the changed-pledge writer splits a row itself, its cells are
    /// the full parser's, byte for byte; what it leaves (CR, a quote inside
    /// an unquoted cell, another cell count, not one record) it says so.
    @Test func theRowSplitterAgreesWithTheParser() {
        let pieces = ["a", "", "\"q\"", "\"a,b\"", "\"x\"\"y\"", "é", "\"l\nm\"", "b\"c", "d\re", "\"t\"u", "12.50",
                      "abcdefghijklmnopqrstuvwxyz", "\"abcdefgh,ijklmnop\"\"qrstuvwx\""]
        var g = SplitMix64(seed: 21)
        let parser = CSVRecordParser()
        let bounds = UnsafeMutablePointer<Int>.allocate(capacity: 64)
        defer { bounds.deallocate() }
        var split = 0, left = 0
        for _ in 0..<6000 {
            let n = 1 + Int(g.next() % 7)
            var row = (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined(separator: ",")
            row += ["\n", "\n", "\r\n", ""][Int(g.next() % 4)]
            let width = g.next() % 8 == 0 ? n + 1 : n
            Array(row.utf8).withUnsafeBytes { b in
                let cells: [[UInt8]]? = parser.withRecord(b) { r in (0..<r.count).map { Array(r.written($0)) } }
                guard ChangedText.split(b, width, into: bounds) else {
                    left += 1
                    return
                }
                split += 1
                let mine = (0..<width).map { Array(b[bounds[2 * $0]..<bounds[2 * $0 + 1]]) }
                #expect(mine == cells, "\(row.debugDescription)")
            }
        }
        #expect(split > 1000 && left > 1000)
    }
}
