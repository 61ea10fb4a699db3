import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Normalise
@testable import Aggregate

@Suite("DuplicateFinder")
struct DuplicateFinderTests {
    func pledge(_ investor: String, _ amount: String, line: Int, source: String = "a.csv", domain: String = "Cloud", date: String = "2025-02-10") -> Pledge {
        Pledge(source: source, line: line, investor: investor, domain: "D", domainText: domain, amountText: amount,
               qualifier: .exact, amount: 1, amountLow: nil, currency: "EUR", date: Day(iso: date)!)
    }

    @Test func namesTheFirstPlaceOfARepeatedPledge() {
        var f = DuplicateFinder()
        #expect(f.check(pledge("Amazon", "5 Md€", line: 2)) == nil)
        #expect(f.check(pledge("Other", "5 Md€", line: 3)) == nil)
        #expect(f.check(pledge("AMAZON", "5 Md€", line: 9, source: "b.csv")) == "a.csv:2")
        #expect(f.check(pledge("Émirats", "1 €", line: 4)) == nil)
        #expect(f.check(pledge("emirats", "1 €", line: 5)) == "a.csv:4")
        #expect(f.count == 2)
    }

    @Test func anyDifferentFieldMakesADifferentPledge() {
        var f = DuplicateFinder()
        #expect(f.check(pledge("A", "5 Md€", line: 2)) == nil)
        #expect(f.check(pledge("A", "6 Md€", line: 3)) == nil)
        #expect(f.check(pledge("A", "5 Md€", line: 4, domain: "Energy")) == nil)
        #expect(f.check(pledge("A", "5 Md€", line: 5, date: "2025-02-11")) == nil)
        #expect(f.count == 0)
    }

    @Test func growsWithoutLosingEntries() {
        var f = DuplicateFinder()
        for i in 0..<20_000 { #expect(f.check(pledge("I\(i)", "1 €", line: i + 2)) == nil) }
        #expect(f.check(pledge("I12345", "1 €", line: 99_999)) == "a.csv:12347")
        #expect(!f.isSaturated)
    }

    /// Non-ASCII names are folded once and remembered, a bounded number of
    /// them: past that bound, and for a name too long to remember, in either
    /// case and normalisation form, a name still meets its earlier spelling,
    /// and different names stay apart.
    @Test func foldedNamesAreRememberedWithinBounds() {
        var f = DuplicateFinder()
        let names = (0..<(DuplicateFinder.foldedNamesLimit * 2 + 10)).map { "Société n°\($0)" }
        for (i, name) in names.enumerated() { #expect(f.check(pledge(name, "1 €", line: i + 2)) == nil) }
        // The last names were never remembered by the memo; the finder still knows them all.
        #expect(f.check(pledge("SOCIÉTÉ N°0", "1 €", line: 90_000)) == "a.csv:2")
        let last = names.count - 1
        #expect(f.check(pledge("socie\u{0301}te\u{0301} n°\(last)", "1 €", line: 90_001)) == "a.csv:\(last + 2)")
        #expect(f.check(pledge("Société n°1x", "1 €", line: 90_002)) == nil)
        let long = String(repeating: "Généreux ", count: 40)   // 400 bytes: never remembered
        #expect(f.check(pledge(long, "1 €", line: 90_003)) == nil)
        #expect(f.check(pledge(long.uppercased(), "1 €", line: 90_004)) == "a.csv:90003")
        #expect(f.count == 3)
    }
}
