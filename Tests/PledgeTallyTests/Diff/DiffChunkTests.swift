import Foundation
import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import RunCompare
import Render

/// The diff's text written a chunk of rows at a time (``RowArena``) against
/// the same text with each row read alone, and pass 2's weighing from pass 1's
/// facts against reading the rows.
@Suite("Diff chunks")
struct DiffChunkTests {
    static let pledgeHeader = "source,line,investor,domain,amount_text,amount_eur,notes\n"
    static let rejectedHeader = "source,line,investor,amount_text,field,value,reason\n"

    let dir: TemporaryDirectory

    init() throws { dir = try TemporaryDirectory() }

    /// Cells that are plain, quoted, accented, decomposed (not canonical), long.
    static func cell(_ g: inout SplitMix64, long: Bool) -> String {
        switch g.next() % 11 {
        case 0: return "\"a, \"\"quoted\"\" \(g.next() % 50)\""
        case 1: return "Énergie \(g.next() % 40)"
        case 2: return "E\u{301}nergie \(g.next() % 40)"   // é decomposed: compared as a String
        case 3: return "\"Eau, \u{2019}\(g.next() % 30)\u{20AC}\""
        case 4: return long ? String(repeating: "x", count: 300 + Int(g.next() % 200)) : "long"
        case 5: return ""
        case 6: return g.next() % 2 == 0 ? "=1+\(g.next() % 9)" : "\"@x, \"\"y\"\" \(g.next() % 9)\""   // guarded in changes.csv
        case 7:   // not shown as it is: escaped in the text
            return ["tab\t\(g.next() % 9)", "\"two\nlines \(g.next() % 9)\"", "bidi\u{202E}\(g.next() % 9)", "c1\u{85}\(g.next() % 9)",
                    "\"del\u{7F}, \(g.next() % 9)\""][Int(g.next() % 5)]
        default: return "plain\(g.next() % 60)"
        }
    }

    static func amount(_ g: inout SplitMix64) -> String {
        switch g.next() % 7 {
        case 0: return ""
        case 1: return "123456789012345678901234.5"   // too long to keep: read back
        case 2: return "-\(g.next() % 1000).5"
        default: return "\(g.next() % 100_000).\(g.next() % 100)"
        }
    }

    /// Two runs of `n` investors each: most rows changed, some only in one run,
    /// some rejected in one; the new pledges.csv ends without a line end.
    /// `permuted`: the new run's columns in another order, with one more
    /// (the compared cells are then not side by side, and one is in one run only).
    /// `currencies`: the old and the new run's reporting currencies (the amount column's name).
    func makeRuns(n: Int, seed: UInt64, permuted: Bool = false, currencies: (String, String) = ("eur", "eur")) throws {
        var g = SplitMix64(seed: seed)
        for (folder, side) in [("o", 0), ("n", 1)] {
            let reorder = permuted && side == 1
            let amount = "amount_" + (side == 0 ? currencies.0 : currencies.1)
            var pledges = reorder ? "source,line,investor,notes,amount_text,domain,\(amount),extra\n"
                : Self.pledgeHeader.replacingOccurrences(of: "amount_eur", with: amount)
            var rejected = Self.rejectedHeader
            for i in 0..<n {
                let investor = "Investor \(i % (n / 3 + 1))"   // repeated investors: n-th occurrences
                let r = g.next() % 20
                if r == 0 && side == 0 || r == 1 && side == 1 { continue }   // removed, added
                if r == 2 + UInt64(side) {
                    // Values quoted, accented or not canonical; some reasons past the escape's length limit.
                    let reason = g.next() % 4 == 0 ? String(repeating: "r\u{301}", count: 450 + Int(g.next() % 150)) : "unknown word ‘lots’"
                    rejected += "s.csv,\(i + 2),\(investor),lots,amount,\(Self.cell(&g, long: false)),\(reason)\n"
                    continue
                }
                let long = g.next() % 5 == 0
                var cells = [Self.cell(&g, long: long), Self.cell(&g, long: false), Self.amount(&g), Self.cell(&g, long: long)]
                if reorder { cells = [cells[3], cells[1], cells[0], cells[2], Self.cell(&g, long: false)] }
                pledges += "s.csv,\(i + 2),\(investor),\(cells.joined(separator: ","))\n"
            }
            if side == 1 { pledges.removeLast() }
            try dir.write("\(folder)/pledges.csv", pledges)
            try dir.write("\(folder)/rejected.csv", rejected)
            try dir.write("\(folder)/by_domain.csv", "domain,pledges,total_eur\n")
        }
    }

    func text(_ d: RunDiff, _ tuning: RowArena.Tuning?) throws -> [UInt8] {
        var out: [UInt8] = []
        try d.writeText(escape: { StandardError.appendPrintable($0, to: &$1) }, escapeText: { StandardError.printable($0) },
                        tuning: tuning) { out.append(contentsOf: $0) }
        return out
    }

    static let tunings: [RowArena.Tuning] = [
        .init(budget: 1, gap: 0, span: 1, piece: 1),                // a chunk per change, a read per row
        .init(budget: 700, gap: 64, span: 900, piece: 300),         // long rows outgrow the span
        .init(budget: 5000, gap: 1 << 20, span: 4096, piece: 2000), // every row joined up to the span
        .init(budget: 1 << 20, gap: 8 << 10, span: 1 << 20, piece: 1 << 20),
        .init(),
    ]

    /// Also with pass 1's facts (`parallel`, as the diff command: changes
    /// weighed without their rows, changed rows known canonical) and with the
    /// runs' columns in different orders.
    @Test(arguments: [(1, false), (2, false), (3, false), (4, true), (5, true)])
    func chunkedTextIsTheTextReadRowByRow(seed: UInt64, permuted: Bool) throws {
        try makeRuns(n: 400, seed: seed, permuted: permuted)
        let serial = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"))
        #expect(serial.count(.changed) > 100 && serial.count(.added) > 0 && serial.count(.removed) > 0)
        #expect(serial.count(.nowRejected) + serial.count(.noLongerRejected) > 0)
        let reference = try text(serial, nil)
        #expect(String(decoding: reference, as: UTF8.self) == (try serial.text()))
        let withFacts = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"), parallel: true)
        for d in [serial, withFacts] {
            #expect(try text(d, nil) == reference)
            for t in Self.tunings { #expect(try text(d, t) == reference, "\(t)") }
        }
    }

    /// In a currency without minor digits (an amount then shown with its
    /// own decimals), with three, and across two currencies (no delta at
    /// all: an added or removed pledge's amount read from its row).
    @Test(arguments: [("jpy", "jpy"), ("eur", "usd"), ("kwd", "kwd")])
    func chunkedTextIsTheTextReadRowByRowInAnyCurrency(old: String, new: String) throws {
        try makeRuns(n: 300, seed: 8, currencies: (old, new))
        let serial = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"))
        #expect(serial.oldCurrency == old.uppercased() && serial.newCurrency == new.uppercased())
        #expect(serial.count(.added) > 0 && serial.count(.removed) > 0)
        let reference = try serial.text()
        if old == "jpy" { #expect(reference.contains(".5 JPY\n")) }   // written with one decimal, shown so
        let withFacts = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"), parallel: true)
        for d in [serial, withFacts] {
            #expect(String(decoding: try text(d, nil), as: UTF8.self) == reference)
            for t in Self.tunings { #expect(String(decoding: try text(d, t), as: UTF8.self) == reference, "\(t)") }
        }
    }

    /// changes.csv written a chunk of rows at a time, from the rows' bytes,
    /// against `CSVWriter` writing the rows one by one.
    @Test(arguments: [(1, false), (2, false), (4, true), (6, true)])
    func chunkedCSVIsTheCSVWrittenRowByRow(seed: UInt64, permuted: Bool) throws {
        try makeRuns(n: 400, seed: seed, permuted: permuted)
        for parallel in [false, true] {
            let d = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"), parallel: parallel)
            #expect(d.count(.changed) > 100 && d.count(.nowRejected) + d.count(.noLongerRejected) > 0)
            let path = dir.path("rows-\(seed)-\(parallel).csv")
            let file = try OutputFile(path: path)
            try d.writeCSV(to: file)   // fewer than 2,049 changes: row by row
            try file.finish()
            let reference = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(String(decoding: reference, as: UTF8.self).contains("'="))
            for t in Self.tunings {
                var out: [UInt8] = []
                try d.writeCSV(tuning: t) { out.append(contentsOf: $0) }
                #expect(out == reference, "\(t)")
            }
        }
    }

    /// Past 65,536 pairs (two blocks), the diff command weighs them on two
    /// threads from pass 1's facts: the same changes, counts and bridge as
    /// one thread reading the rows.
    @Test func pairsWeighedOnTwoThreadsAreThoseOfOne() throws {
        var g = SplitMix64(seed: 77)
        for (folder, side) in [("o", 0), ("n", 1)] {
            var pledges = Self.pledgeHeader, rejected = Self.rejectedHeader
            for i in 0..<140_000 {
                if i % 97 == 0 {   // the same values, the new run's domain quoted: a pair that is no change
                    let d = side == 1 ? "\"d\(i % 3)\"" : "d\(i % 3)"
                    pledges += "s.csv,\(i + 2),I\(i),\(d),x,\(i).50,\n"
                    continue
                }
                let r = g.next() % 50
                if r == 0 && side == 0 || r == 1 && side == 1 { continue }   // removed, added
                if r == 2 + UInt64(side) {
                    rejected += "s.csv,\(i + 2),I\(i),lots,amount,lots,bad\n"
                    continue
                }
                let amount = r == 5 ? "" : "\(g.next() % 9_000).\(g.next() % 100)"
                pledges += "s.csv,\(i + 2),I\(i),d\(g.next() % 3),x,\(amount),\(r == 6 ? "\"a, b\"" : "")\n"
            }
            try dir.write("\(folder)/pledges.csv", pledges)
            try dir.write("\(folder)/rejected.csv", rejected)
            try dir.write("\(folder)/by_domain.csv", "domain,pledges,total_eur\n")
        }
        let one = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"))
        let two = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"), parallel: true)
        #expect(one.pledgeChangeCount > 1 << 17)
        #expect(one.count(.nowRejected) > 0 && one.count(.noLongerRejected) > 0 && one.count(.added) > 0)
        #expect(one.bridge == two.bridge)
        for kind in RunDiff.Kind.allCases { #expect(one.count(kind) == two.count(kind)) }
        #expect(one.changeList.count == two.changeList.count && one.changeList.count < 140_000 - 140_000 / 97)
        #expect(zip(one.changeList, two.changeList).allSatisfy { $0.kind == $1.kind && $0.old == $1.old && $0.new == $1.new && $0.delta == $1.delta })
    }

    @Test func theLastRowOfAFileWithoutItsLineEnd() throws {
        try dir.write("o/pledges.csv", Self.pledgeHeader + "s.csv,2,A,x,1 €,1.00,\ns.csv,3,B,x,2 €,2.00,")
        try dir.write("n/pledges.csv", Self.pledgeHeader + "s.csv,2,A,x,1 €,1.00,\ns.csv,3,B,y,3 €,3.00,")
        for f in ["o", "n"] {
            try dir.write("\(f)/rejected.csv", Self.rejectedHeader)
            try dir.write("\(f)/by_domain.csv", "domain,pledges,total_eur\n")
        }
        let d = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"))
        #expect(d.count(.changed) == 1)
        let reference = try text(d, nil)
        for t in Self.tunings { #expect(try text(d, t) == reference) }
    }

    @Test func aFileThatShrankIsReportedAsChanged() throws {
        try makeRuns(n: 200, seed: 9)
        let d = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"))
        let path = dir.path("n/pledges.csv")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        for t in [nil] + Self.tunings {
            let error = #expect(throws: DiffError.self) { _ = try text(d, t) }
            #expect(error?.message.hasSuffix("changed while the runs were being compared") == true)
        }
    }

    /// Pairs told apart by their hashes only: the same value written another
    /// way (quoted, decomposed) is no change; a canonical cell that differs is.
    @Test func weighingFromFactsAgreesWithTheRows() throws {
        try dir.write("o/pledges.csv", Self.pledgeHeader + """
            s.csv,2,A,x,"quoted",1.50,
            s.csv,3,B,x,é,2.00,
            s.csv,4,C,x,"a, b",3.00,
            s.csv,5,D,x,1 €,123456789012345678901234.5,

            """)
        try dir.write("n/pledges.csv", Self.pledgeHeader + """
            s.csv,2,A,x,quoted,1.50,
            s.csv,3,B,x,e\u{301},2.00,
            s.csv,4,C,x,"a, c",3.25,
            s.csv,5,D,x,2 €,123456789012345678901234.6,

            """)
        for f in ["o", "n"] {
            try dir.write("\(f)/rejected.csv", Self.rejectedHeader)
            try dir.write("\(f)/by_domain.csv", "domain,pledges,total_eur\n")
        }
        // `parallel`: as the diff command, which keeps the facts; without, each row is read.
        for parallel in [true, false] {
            let d = try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"), parallel: parallel)
            #expect(try d.pledgeChanges().map(\.investor) == ["C", "D"])
            #expect(d.bridge.changed == DecimalAmount(plain: "0.35"))
        }
    }

    /// The one-pass check of a stretch of cells against the check of each cell.
    @Test func aStretchIsCanonicalWhenEachOfItsCellsIs() {
        var g = SplitMix64(seed: 5)
        // Odd cells, and runs of cells that put a comma at the end of 8 bytes.
        let odd = [["\"quoted\""], ["a\rb"], ["x\"y"], ["\"\""], ["\"a\nb\""], ["\"12345678,12345678\""], ["d\u{2001}"],
                   ["", ""], ["\"x,\"\",\""], ["abcdefg", ""], ["abcdefg", "\"q,\""], ["abcdefg", "\"q\""], ["\"abcdefghijklmnop\""],
                   ["tab\there"], ["\"12345678\t, x\""], ["bidi\u{202E}x"], ["c1\u{85}"], ["del\u{7F}"], ["1234567\u{1}"],
                   ["\"a\u{2066}b,\""], ["nbsp\u{A0}"], ["\u{2069}"], ["\u{2065}x"]]
        for _ in 0..<3000 {
            var parts: [String] = []
            for _ in 0..<(1 + g.next() % 6) {
                parts += g.next() % 4 == 0 ? odd[Int(g.next() % UInt64(odd.count))] : [Self.cell(&g, long: false)]
            }
            var stretch = parts.joined(separator: ",")
            let each = parts.allSatisfy { c in
                var c = c
                return c.withUTF8 { DiffSide.isCanonical(UnsafeRawBufferPointer($0)) }
            }
            let whole = stretch.withUTF8 { DiffSide.isCanonical(stretch: UnsafeRawBufferPointer($0)) }
            #expect(whole == each, "\(parts)")
            // A canonical cell's value is shown as it is.
            for c in parts {
                var c = c
                guard c.withUTF8({ DiffSide.isCanonical(UnsafeRawBufferPointer($0)) }) else { continue }
                var value = c.hasPrefix("\"") ? String(c.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : c
                #expect(value.withUTF8 { PrintableText.isAsIs(UnsafeRawBufferPointer($0)) }, "\(c)")
                #expect(StandardError.printable(value) == value)
            }
        }
    }

    @Test func canonicalCells() {
        func canonical(_ s: String) -> Bool {
            var s = s
            return s.withUTF8 { DiffSide.isCanonical(UnsafeRawBufferPointer($0)) }
        }
        #expect(canonical("plain text 12345678901234567890"))
        #expect(canonical("\"a, b\"") && canonical("\"say \"\"hi\"\"\"") && canonical("Énergie – 3 €\u{202F}"))
        #expect(canonical(""))
        #expect(!canonical("\"quoted\""))            // could be written without quotes
        #expect(!canonical("\"\""))
        #expect(!canonical("E\u{301}nergie"))         // a combining mark
        #expect(!canonical("\u{2126}") && !canonical("\u{2001}") && !canonical("日本"))
        #expect(!canonical("a\rb") && !canonical("a\"b"))
        // Shown as it is, too: no control character (quoted or not), no bidirectional control.
        #expect(!canonical("\"a\nb\"") && !canonical("\"a,\r\nb\"") && !canonical("tab\there") && !canonical("del\u{7F}"))
        #expect(!canonical("\u{85}") && !canonical("x\u{200E}") && !canonical("x\u{200F}") && !canonical("\"x\u{2028}, y\""))
        #expect(!canonical("\u{202E}") && !canonical("\u{2066}") && !canonical("\u{2069}"))
        #expect(canonical("nbsp\u{A0}") && canonical("\u{2027}\u{202F}\u{2065}") && canonical("\"a\u{2013}b, c\""))
        let cut: [UInt8] = [0x61, 0xC3]   // a sequence cut short: not valid UTF-8
        #expect(!cut.withUnsafeBytes { DiffSide.isCanonical($0) })
    }
}
