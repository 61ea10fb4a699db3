import Foundation
import Testing

/// The whole job on the shipped summit data, through the executable.
///
/// Expected figures were worked out by hand and checked with Python's
/// `decimal` module (an independent implementation): Apollo's 5,000,000,000
/// USD at the ECB's 1.032 USD/EUR of 2025-02-10 is 4,844,961,240.3100775… EUR;
/// the other seven pledges are in euros: 20 + 50 + 1.2 + 10 + 100 + 109 = 290.2
/// billion, plus Mistral AI's unpriced one. Shares: 279 / 295.04496124031 =
/// 94.56 %, 10 / … = 3.39 %, 4.84496124031 / … = 1.64 %, 1.2 / … = 0.41 %.
@Suite("Summit run", .serialized)
struct SummitRunTests {
    static let expectedByDomain = """
        domain,pledges,unpriced,total_eur,ceiling_eur,floor_eur,share_pct
        Unspecified,4,0,279000000000.00,50000000000.00,0.00,94.56
        Supercomputing,2,1,10000000000.00,0.00,10000000000.00,3.39
        Energy,1,0,4844961240.31,0.00,0.00,1.64
        Cloud infrastructure,1,0,1200000000.00,0.00,1200000000.00,0.41
        TOTAL,8,1,295044961240.31,50000000000.00,11200000000.00,100.00

        """

    @Test func byDomainMatchesTheFiguresWorkedByHand() throws {
        let dir = try TemporaryDirectory()
        let r = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Command.read(dir.path("Out/by_domain.csv")) == Self.expectedByDomain)
        #expect(try Command.read(dir.path("Out/rejected.csv")) == "source,line,investor,amount_text,field,value,reason\n")
        #expect(r.stderr.contains("8 records, 8 pledges, 0 rejected; total 295,044,961,240.31 EUR"))
        for file in ["report.xlsx", "pledges.csv", "by_domain.csv", "rejected.csv", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.path("Out/" + file)), "\(file) missing")
        }
    }

    @Test func pledgesCsvHasEveryPledgeInInputOrder() throws {
        let dir = try TemporaryDirectory()
        let r = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try Command.read(dir.path("Out/pledges.csv")).split(separator: "\n").map(String.init)
        #expect(lines.first == "source,line,investor,domain,domain_text,amount_text,qualifier,amount,amount_low,currency,date,rate,rate_date,amount_eur,source_url,notes,rate_source")
        #expect(lines.count == 9)
        #expect(lines[1] == "01-summit-table.md,3,Brookfield (Canada),Unspecified,Non spécifié,20 milliards d’euros,exact,20000000000.00,,EUR,2025-02-10,1.000000000,,20000000000.00,,,")
        #expect(lines[2].contains(",up_to,50000000000.00,,EUR,"))
        #expect(lines[3].contains(",at_least,1200000000.00,,EUR,"))
        #expect(lines[4] == "01-summit-table.md,6,Apollo Global Management,Energy,Innovations énergétiques liées à l’IA,5 milliards de dollars,exact,5000000000.00,,USD,2025-02-10,0.9689922481,2025-02-10,4844961240.31,,,ECB")
        #expect(lines[5].contains(",initial,10000000000.00,,EUR,"))
        #expect(lines[6] == "01-summit-table.md,8,Mistral AI,Supercomputing,Développement du plus grand supercalculateur d’IA d’Europe,Non spécifié,unspecified,,,,2025-02-10,,,,,,")
        #expect(lines[7].hasPrefix("02-summit-prose.csv,2,Union européenne (InvestAI),Unspecified,"))
        #expect(lines[8].hasPrefix("02-summit-prose.csv,3,France,Unspecified,"))
    }

    /// In USD: the seven euro pledges, 290.2 billion EUR × 1.032 = 299,486,400,000 USD,
    /// plus Apollo's 5,000,000,000 USD unconverted: 304,486,400,000.00 USD.
    @Test func reportsInUSD() throws {
        let dir = try TemporaryDirectory()
        let r = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("Out"), "--date", "2025-02-10", "--currency", "USD"])
        #expect(r.status == 0, "\(r.stderr)")
        let byDomain = try Command.read(dir.path("Out/by_domain.csv"))
        #expect(byDomain.hasPrefix("domain,pledges,unpriced,total_usd,ceiling_usd,floor_usd,share_pct\n"))
        #expect(byDomain.contains("\nEnergy,1,0,5000000000.00,0.00,0.00,"))
        #expect(byDomain.hasSuffix("TOTAL,8,1,304486400000.00,51600000000.00,11558400000.00,100.00\n"))
    }

    @Test func sameInputsGiveByteIdenticalOutputs() throws {
        let dir = try TemporaryDirectory()
        let args = ["run", "--input", Command.packageRoot + "/Input", "--date", "2025-02-10", "--output"]
        #expect(try Command.run(args + [dir.path("A")]).status == 0)
        Thread.sleep(forTimeInterval: 1.1)   // a clock that leaked into a file would now differ
        #expect(try Command.run(args + [dir.path("B")], environment: ["TZ": "Asia/Tokyo", "LC_ALL": "fr_FR.UTF-8"]).status == 0)
        for file in ["report.xlsx", "pledges.csv", "by_domain.csv", "rejected.csv", "manifest.json"] {
            let a = FileManager.default.contents(atPath: dir.path("A/" + file))
            let b = FileManager.default.contents(atPath: dir.path("B/" + file))
            #expect(a != nil && a == b, "\(file) differs between two runs")
        }
    }
}
