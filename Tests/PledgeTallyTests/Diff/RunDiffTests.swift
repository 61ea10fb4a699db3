import Foundation
import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Render
@testable import RunCompare

@Suite("RunDiff")
struct RunDiffTests {
    static let pledgeHeader = "source,line,investor,amount_text,amount_eur\n"
    static let rejectedHeader = "source,line,investor,amount_text,field,value,reason\n"
    static let domainHeader = "domain,pledges,total_eur\n"

    /// Lives as long as the test: a diff reads its changes' text from the files when walked.
    let dir: TemporaryDirectory

    init() throws { dir = try TemporaryDirectory() }

    func diff(old: String, new: String, oldRejected: String = "", newRejected: String = "",
              oldDomains: String = "", newDomains: String = "") throws -> RunDiff {
        try dir.write("o/pledges.csv", Self.pledgeHeader + old)
        try dir.write("n/pledges.csv", Self.pledgeHeader + new)
        try dir.write("o/rejected.csv", Self.rejectedHeader + oldRejected)
        try dir.write("n/rejected.csv", Self.rejectedHeader + newRejected)
        try dir.write("o/by_domain.csv", Self.domainHeader + oldDomains)
        try dir.write("n/by_domain.csv", Self.domainHeader + newDomains)
        return try RunDiff(oldFolder: dir.path("o"), newFolder: dir.path("n"))
    }

    @Test func identicalRunsHaveNoChanges() throws {
        let rows = "a.csv,2,A,1 €,1.00\n"
        let d = try diff(old: rows, new: rows, oldDomains: "X,1,1.00\n", newDomains: "X,1,1.00\n")
        #expect(d.isEmpty)
        #expect(try d.text() == "no changes\n")
    }

    @Test func insertingARowDoesNotChangeTheOthers() throws {
        let d = try diff(old: "a.csv,2,A,1 €,1.00\na.csv,3,B,2 €,2.00\n",
                         new: "a.csv,2,X,9 €,9.00\na.csv,3,A,1 €,1.00\na.csv,4,B,3 €,3.00\n")
        #expect(try d.pledgeChanges().map(\.kind) == [.added, .changed])
        #expect(try d.pledgeChanges()[1].fields == [.init(field: "amount_text", old: "2 €", new: "3 €"),
                                        .init(field: "amount_eur", old: "2.00", new: "3.00")])
        #expect(try d.pledgeChanges()[1].delta == DecimalAmount(plain: "1"))
    }

    @Test func aRepeatedInvestorWhoseFirstPledgeIsRejectedIsNowRejectedNotChanged() throws {
        // Occurrences are counted over pledges and rejections together, in line order.
        let d = try diff(old: "a.csv,2,A,1 €,1.00\na.csv,5,A,7 €,7.00\n", new: "a.csv,5,A,7 €,7.00\n",
                         newRejected: "a.csv,2,A,lots,amount,lots,unknown word ‘lots’\n")
        #expect(try d.pledgeChanges().map(\.kind) == [.nowRejected])
        #expect(try d.pledgeChanges()[0].rejection == "amount ‘lots’: unknown word ‘lots’")
        #expect(d.bridge.nowRejected == DecimalAmount(plain: "-1"))
        #expect(d.rejectionsAdded == 0)
    }

    @Test func theBridgeAddsUpToTheChangeOfTheTotal() throws {
        // Worked by hand: old 1 + 2 + 4 + 8 = 15; new 2.50 (B changed +0.50) + 8 (D) + 16 (E added) + 32 (F no longer rejected) = 58.50.
        let d = try diff(old: "a.csv,2,A,x,1.00\na.csv,3,B,x,2.00\na.csv,4,C,x,4.00\na.csv,5,D,x,8.00\n",
                         new: "a.csv,3,B,x,2.50\na.csv,5,D,x,8.00\na.csv,6,E,x,16.00\na.csv,7,F,x,32.00\n",
                         oldRejected: "a.csv,7,F,y,amount,y,bad\n",
                         newRejected: "a.csv,4,C,z,amount,z,bad\n")
        #expect(d.oldTotal == DecimalAmount(plain: "15"))
        #expect(d.newTotal == DecimalAmount(plain: "58.5"))
        #expect(d.bridge.added == DecimalAmount(plain: "16"))
        #expect(d.bridge.removed == DecimalAmount(plain: "-1"))
        #expect(d.bridge.changed == DecimalAmount(plain: "0.5"))
        #expect(d.bridge.nowRejected == DecimalAmount(plain: "-4"))
        #expect(d.bridge.noLongerRejected == DecimalAmount(plain: "32"))
        #expect(try d.bridge.sum == d.newTotal.subtracting(d.oldTotal))
        // Largest absolute delta first.
        #expect(try d.pledgeChanges().map(\.investor) == ["F", "E", "C", "A", "B"])
        #expect(d.bridgeLine == "total 15.00 → 58.50 EUR: +16.00 added, −1.00 removed, +0.50 changed, −4.00 now rejected, +32.00 no longer rejected")
    }

    @Test func domainTotalsCarryTheirDelta() throws {
        let d = try diff(old: "", new: "", oldDomains: "X,2,10.50\nGone,1,1.00\n", newDomains: "X,3,7.25\nNew,1,4.00\n")
        #expect(d.domains.map(\.domain) == ["X", "New", "Gone"])
        #expect(d.domains[0].totalDelta == DecimalAmount(plain: "-3.25"))
        #expect(d.domains[1].totalDelta == DecimalAmount(plain: "4"))
        #expect(d.domains[2].totalDelta == DecimalAmount(plain: "-1"))
        #expect(try d.text().contains("  X (−3.25)\n    pledges: 2 → 3\n    total_eur: 10.50 → 7.25"))
    }

    @Test func csvKeepsPlainDecimalsAndNamesEveryKind() throws {
        let d = try diff(old: "a.csv,2,B,2 €,2.00\na.csv,4,G,1 €,1.00\n", new: "a.csv,2,B,3 €,3.00\na.csv,3,=X,1 €,1000.00\n",
                         newRejected: "a.csv,4,G,?,amount,?,bad\n", oldDomains: "D,1,2.00\n", newDomains: "D,2,4.00\n")
        let path = NSTemporaryDirectory() + "diff-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path)
        try d.writeCSV(to: file)
        try file.finish()
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        #expect(text == """
            change,source,key,field,old,new,delta,note
            +++,a.csv,'=X,amount_eur,,1000.00,1000.00,1 €
            ->,a.csv,B,amount_text,2 €,3 €,,
            ->,a.csv,B,amount_eur,2.00,3.00,1.00,
            now-rejected,a.csv,G,amount_eur,1.00,,-1.00,amount ‘?’: bad
            ->,by_domain.csv,D,pledges,1,2,,
            ->,by_domain.csv,D,total_eur,2.00,4.00,2.00,

            """)
    }
}
