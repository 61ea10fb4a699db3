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

    /// Past ``DiffEngine/parallelSortMinimum`` changes, the keys' halves
    /// sorted on two threads and merged: the same order as one thread and
    /// as the reference, ties (equal magnitudes) included.
    @Test func sortsOnTwoThreadsAsOnOne() {
        let n = DiffEngine.parallelSortMinimum + 4_321
        let list = Self.changes(n, seed: 77)
        var one = list, two = list
        DiffEngine.sortInReportOrder(&one)
        DiffEngine.sortInReportOrder(&two, parallel: true)
        #expect(Self.same(one, two))
        #expect(Self.same(two, Self.reference(list)))
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

    /// Text shown as it is (valid UTF-8 without a control or bidirectional
    /// character, ``PrintableText/isAsIs(_:)``) up to 256 bytes is copied;
    /// anything else goes through the escape.
    @Test func onlyTextShownAsItIsBypassesTheEscape() {
        let text = ReportBytes { b, out in
            out.append(0x5B)   // [
            out.append(contentsOf: b)
            out.append(0x5D)   // ]
        }
        let long = String(repeating: "x", count: 257), fits = String(repeating: "y", count: 256)
        let accented = String(repeating: "é", count: 128), tooLong = String(repeating: "é", count: 129)
        let cases = ["plain text, with ~ and |", "tab\there", "é", "Montréal, jusqu’à 5 Mrd €", "del\u{7F}", "", long, fits,
                     "12345678\u{1}", "c1 \u{85}", "bidi \u{202E}x", "lrm \u{200E}", "isolate \u{2066}", "nbsp\u{A0}",
                     "🙂", accented, tooLong]
        for s in cases {
            text.escaped(s)
            text.newline()
        }
        let got = text.withBytes { String(decoding: $0, as: UTF8.self) }
        let expected = ["plain text, with ~ and |", "[tab\there]", "é", "Montréal, jusqu’à 5 Mrd €", "[del\u{7F}]", "", "[\(long)]",
                        fits, "[12345678\u{1}]", "[c1 \u{85}]", "[bidi \u{202E}x]", "[lrm \u{200E}]", "[isolate \u{2066}]",
                        "nbsp\u{A0}", "🙂", accented, "[\(tooLong)]"]
        #expect(got == expected.map { $0 + "\n" }.joined())
    }

    /// Invalid UTF-8 (a lone continuation byte, a cut sequence, an overlong
    /// form, a surrogate) goes through the escape.
    @Test func invalidUTF8GoesThroughTheEscape() {
        let text = ReportBytes { b, out in
            out.append(0x5B)
            out.append(contentsOf: b)
            out.append(0x5D)
        }
        let bad: [[UInt8]] = [[0x61, 0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        for b in bad {
            b.withUnsafeBytes { text.printable($0) }
        }
        #expect(text.withBytes { Array($0) } == bad.flatMap { [0x5B] + $0 + [0x5D] })
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

    /// A parser asked for a second record while it lends the first (the old
    /// row kept while the new one is read) leaves the first one's cells as they were.
    @Test func aNestedRecordLeavesTheOuterOneWhole() {
        let parser = CSVRecordParser()
        let outer = Array("a,\"b,c\",d\n".utf8), inner = Array("wxyz,\"q\"\"r\",s,t\n".utf8)
        let cells: ([String], [String])? = outer.withUnsafeBytes { o in
            parser.withRecord(o) { r in
                let nested = inner.withUnsafeBytes { i in parser.withRecord(i) { $0.strings } }
                return (r.strings, nested ?? [])
            }
        }
        #expect(cells?.0 == ["a", "b,c", "d"])
        #expect(cells?.1 == ["wxyz", "q\"r", "s", "t"])
        // And the parser is whole again after it.
        let again = inner.withUnsafeBytes { i in parser.withRecord(i) { $0.strings } }
        #expect(again == ["wxyz", "q\"r", "s", "t"])
    }

    /// A record of more cells than the parser first has room for (32) keeps
    /// every cell, and so does the next, shorter one.
    @Test func aWideRecordKeepsEveryCell() {
        let parser = CSVRecordParser()
        let cells = (0..<100).map { $0 % 7 == 0 ? "\"c\($0), \"\"q\"\"\"" : "c\($0)" }
        let wide = Array((cells.joined(separator: ",") + "\n").utf8)
        let read = wide.withUnsafeBytes { b in parser.withRecord(b) { $0.strings } }
        #expect(read == (0..<100).map { $0 % 7 == 0 ? "c\($0), \"q\"" : "c\($0)" })
        let short = Array("x,\"y\"\n".utf8)
        #expect(short.withUnsafeBytes { b in parser.withRecord(b) { $0.strings } } == ["x", "y"])
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
