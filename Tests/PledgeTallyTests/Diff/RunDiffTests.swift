import Foundation
import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Render

@Suite("RunDiff")
struct RunDiffTests {
    let pledgeHeader = ["source", "line", "investor", "amount", "amount_eur"]
    let domainHeader = ["domain", "pledges", "total_eur"]
    let rejectedHeader = ["source", "line", "field", "value", "reason"]

    func diff(old: [[String]], new: [[String]], oldDomains: [[String]] = [], newDomains: [[String]] = [],
              oldRejected: [[String]] = [], newRejected: [[String]] = []) -> RunDiff {
        RunDiff(oldPledges: .init(header: pledgeHeader, rows: old), newPledges: .init(header: pledgeHeader, rows: new),
                oldDomains: .init(header: domainHeader, rows: oldDomains), newDomains: .init(header: domainHeader, rows: newDomains),
                oldRejected: .init(header: rejectedHeader, rows: oldRejected), newRejected: .init(header: rejectedHeader, rows: newRejected))
    }

    @Test func identicalRunsHaveNoChanges() {
        let rows = [["a.csv", "2", "A", "1", "1.00"]]
        let d = diff(old: rows, new: rows, oldDomains: [["X", "1", "1.00"]], newDomains: [["X", "1", "1.00"]])
        #expect(d.isEmpty)
        #expect(d.summary == "no changes")
    }

    @Test func insertingARowDoesNotChangeTheOthers() {
        let old = [["a.csv", "2", "A", "1", "1.00"], ["a.csv", "3", "B", "2", "2.00"]]
        let new = [["a.csv", "2", "X", "9", "9.00"], ["a.csv", "3", "A", "1", "1.00"], ["a.csv", "4", "B", "3", "3.00"]]
        let d = diff(old: old, new: new)
        #expect(d.pledges == [
            .init(kind: .added, source: "a.csv", investor: "X"),
            .init(kind: .changed, source: "a.csv", investor: "B", fields: [
                .init(field: "amount", old: "2", new: "3"), .init(field: "amount_eur", old: "2.00", new: "3.00"),
            ]),
        ])
    }

    @Test func removedAndRepeatedInvestorsPairInOrder() {
        let old = [["a.csv", "2", "A", "1", "1.00"], ["a.csv", "3", "A", "2", "2.00"], ["b.csv", "2", "C", "5", "5.00"]]
        let new = [["a.csv", "2", "A", "1", "1.00"]]
        let d = diff(old: old, new: new)
        #expect(d.pledges.map(\.kind) == [.removed, .removed])
        #expect(d.pledges.map(\.investor) == ["A", "C"])
    }

    @Test func domainTotalsCarryTheirDelta() {
        let d = diff(old: [], new: [], oldDomains: [["X", "2", "10.50"], ["Gone", "1", "1.00"]],
                     newDomains: [["X", "3", "7.25"], ["New", "1", "4.00"]])
        #expect(d.domains.map(\.domain) == ["X", "New", "Gone"])
        #expect(d.domains[0].totalDelta == DecimalAmount(plain: "-3.25"))
        #expect(d.domains[1].totalDelta == DecimalAmount(plain: "4"))
        #expect(d.domains[2].totalDelta == DecimalAmount(plain: "-1"))
        #expect(d.text.contains("  X (-3.25)\n    pledges: 2 → 3\n    total_eur: 10.50 → 7.25"))
    }

    @Test func rejectionsAreCountedNotKeyedByLine() {
        let d = diff(old: [], new: [], oldRejected: [["a.csv", "5", "amount", "x", "no number"]],
                     newRejected: [["a.csv", "9", "amount", "x", "no number"], ["a.csv", "10", "date", "y", "bad"]])
        #expect(d.rejectionsAdded == 1)
        #expect(d.rejectionsRemoved == 0)
    }

    @Test func csvUsesDaffMarkers() throws {
        let d = diff(old: [["a.csv", "2", "B", "2", "2.00"]], new: [["a.csv", "2", "B", "3", "3.00"], ["a.csv", "3", "=X", "1", "1.00"]],
                     oldDomains: [["D", "1", "2.00"]], newDomains: [["D", "2", "4.00"]])
        let path = NSTemporaryDirectory() + "diff-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path)
        try d.writeCSV(to: file)
        try file.finish()
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        #expect(text == """
            change,source,key,field,old,new,delta
            ->,a.csv,B,amount,2,3,
            ->,a.csv,B,amount_eur,2.00,3.00,
            +++,a.csv,'=X,,,,
            ->,by_domain.csv,D,pledges,1,2,
            ->,by_domain.csv,D,total_eur,2.00,4.00,2

            """)
    }
}
