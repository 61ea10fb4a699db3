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
}
