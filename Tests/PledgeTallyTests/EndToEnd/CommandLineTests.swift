import Foundation
import Testing

/// Exit codes and messages of the executable (docs/cli.md), one case each.
@Suite("Command line", .serialized)
struct CommandLineTests {
    /// An input folder copied from the shipped one, to break on purpose.
    func input(_ dir: TemporaryDirectory) throws -> String { try Command.copyDefaultInput(to: dir) }

    @Test func aMissingInputFolderExits66() throws {
        let dir = try TemporaryDirectory()
        let r = try Command.run(["run", "--input", dir.path("nowhere"), "--output", dir.path("Out")])
        #expect(r.status == 66)
        #expect(r.stderr == "pledgetally: \(dir.path("nowhere")): input folder not found\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path("Out")))
    }

    @Test func noRatesFileExits66() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir)
        try FileManager.default.removeItem(atPath: folder + "/rates/eurofxref-hist.csv")
        let r = try Command.run(["run", "--input", folder, "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 66)
        #expect(r.stderr == "pledgetally: \(folder)/rates: no ECB rates file (eurofxref-hist.csv or eurofxref.csv)\n")
    }

    @Test func anUnreadablePledgeFileExits66() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir)
        try FileManager.default.createSymbolicLink(atPath: folder + "/pledges/03-lost.csv", withDestinationPath: dir.path("gone.csv"))
        let r = try Command.run(["run", "--input", folder, "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 66)
        #expect(r.stderr == "pledgetally: \(folder)/pledges/03-lost.csv: cannot read: No such file or directory\n")
    }

    @Test func anUnexpectedFileExits65() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir)
        try dir.write("Input/pledges/notes.txt", "hello")
        let r = try Command.run(["run", "--input", folder, "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("notes.txt: not a pledge file"))
    }

    @Test func aMissingDomainMappingExits66() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir)
        try FileManager.default.removeItem(atPath: folder + "/domains.csv")
        let r = try Command.run(["run", "--input", folder, "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 66)
        #expect(r.stderr == "pledgetally: \(folder)/domains.csv: the domain mapping is missing\n")
    }

    @Test func badOptionsExit64WithASentenceNamingTheFlag() throws {
        let cases: [([String], String)] = [
            (["run", "--currency", "usd"], "--currency must be an ISO 4217 code"),
            (["run", "--date", "2025-02-30"], "--date must be a real day"),
            (["run", "--lang", "de"], "--lang must be en or fr"),
            (["run", "--bogus"], "Unknown option '--bogus'"),
        ]
        for (args, message) in cases {
            let r = try Command.run(args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    @Test func aCurrencyWithoutRatesIsAUsageError() throws {
        let dir = try TemporaryDirectory()
        let r = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("Out"), "--currency", "XYZ"])
        #expect(r.status == 64)
        #expect(r.stderr == "pledgetally: --currency XYZ: the ECB rates files have no rate for XYZ\n")
    }

    @Test func anOutputPathThatIsAFileExits73AndKeepsTheFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write("Out", "not a folder")
        let r = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 73)
        #expect(r.stderr.contains("a file of that name exists"))
        #expect(try Command.read(dir.path("Out")) == "not a folder")
    }

    @Test func rejectedRecordsAreReportedAndKept() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir)
        try dir.write("Input/pledges/03-more.csv", "investor,amount,domain\nAcme,beaucoup d’argent,cloud\nBeta,5 M€,cloud\n")
        let r = try Command.run(["run", "--input", folder, "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("03-more.csv:2: amount ‘beaucoup d’argent’: "))
        let rejected = try Command.read(dir.path("Out/rejected.csv")).split(separator: "\n")
        #expect(rejected.count == 2)
        #expect(rejected[1].hasPrefix("03-more.csv,2,Acme,beaucoup d’argent,amount,beaucoup d’argent,"))
        let manifest = try Command.read(dir.path("Out/manifest.json"))
        #expect(manifest.contains("\"path\": \"pledges/03-more.csv\""))
        #expect(manifest.contains("\"records\": 2,\n      \"accepted\": 1,\n      \"rejected\": 1"))
        // --strict: the same input fails and the outputs stay as they were.
        let before = try Command.read(dir.path("Out/pledges.csv"))
        try dir.write("Input/pledges/04-bad.csv", "investor,amount,domain\nGamma,,cloud\nDelta,lots,cloud\n")
        let strict = try Command.run(["run", "--input", folder, "--output", dir.path("Out"), "--date", "2025-02-10", "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("--strict"))
        #expect(try Command.read(dir.path("Out/pledges.csv")) == before)
    }

    @Test func nothingValidExits65() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir)
        for f in try FileManager.default.contentsOfDirectory(atPath: folder + "/pledges") {
            try FileManager.default.removeItem(atPath: folder + "/pledges/" + f)
        }
        try dir.write("Input/pledges/a.csv", "investor,amount,domain\nX,n’importe quoi,cloud\n")
        let r = try Command.run(["run", "--input", folder, "--output", dir.path("Out"), "--date", "2025-02-10"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("no valid pledge in 1 records"))
    }

    @Test func noDateAndNoDefaultRejectsWithAReason() throws {
        let dir = try TemporaryDirectory()
        let r = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("Out")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("no date: add a date column or pass --date"))
    }

    @Test func parsePrintsOneJSONObjectPerPhrase() throws {
        let r = try Command.run(["parse", "jusqu’à 50 milliards d’euros", "Non spécifié", "beaucoup"])
        #expect(r.status == 65)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"text":"jusqu’à 50 milliards d’euros","qualifier":"up_to","amount":"50000000000","amount_low":null,"currency":"EUR"}"#)
        #expect(lines[1] == #"{"text":"Non spécifié","qualifier":"unspecified","amount":null,"amount_low":null,"currency":null}"#)
        #expect(lines[2].hasPrefix(#"{"text":"beaucoup","error":""#))
        let ok = try Command.run(["parse", "$5bn"])
        #expect(ok.status == 0)
        #expect(ok.stdout == #"{"text":"$5bn","qualifier":"exact","amount":"5000000000","amount_low":null,"currency":"USD"}"# + "\n")
    }

    @Test func diffExitsLikeDiff() throws {
        let dir = try TemporaryDirectory()
        let folder = try input(dir)
        let args = ["run", "--input", folder, "--output", dir.path("Out"), "--date", "2025-02-10"]
        #expect(try Command.run(args).status == 0)
        #expect(try Command.run(args).status == 0)
        // The same run twice rotates nothing.
        #expect(!FileManager.default.fileExists(atPath: dir.path("Out/previous")))
        let same = try Command.run(["diff", dir.path("Out"), dir.path("Out")])
        #expect(same.status == 0)
        #expect(same.stdout == "no changes\n")
        // Change one amount and add one pledge.
        let table = folder + "/pledges/01-summit-table.md"
        try Command.read(table).replacingOccurrences(of: "plus de 1,2 milliard", with: "plus de 1,5 milliard")
            .write(toFile: table, atomically: true, encoding: .utf8)
        try dir.write("Input/pledges/03-late.csv", "investor,amount,domain\nNew Fund,2 Md€,cloud\n")
        #expect(try Command.run(args).status == 0)
        let changed = try Command.run(["diff", dir.path("Out/previous"), dir.path("Out"), "--csv", dir.path("diff.csv")])
        #expect(changed.status == 1)
        let lines = changed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "1 pledge added, 0 removed, 1 changed, 0 now rejected, 0 no longer rejected; 5 domain rows changed; rejections: 0 new, 0 gone")
        #expect(lines.contains("~ 01-summit-table.md | Amazon | +300,000,000.00 EUR"))
        #expect(lines.contains("    amount: 1200000000.00 → 1500000000.00"))
        #expect(lines.contains("+ 03-late.csv | New Fund | 2 Md€ | 2,000,000,000.00 EUR"))
        // Every share moves, so all five rows change. Cloud: 1.2 + 0.3 + 2 billion;
        // the grand total grows by 2.3 billion.
        #expect(lines.contains("  Cloud infrastructure (+2,300,000,000.00)"))
        #expect(lines.contains("  TOTAL (+2,300,000,000.00)"))
        let csv = try Command.read(dir.path("diff.csv"))
        #expect(csv.contains("+++,03-late.csv,New Fund,amount_eur,,2000000000.00,2000000000.00,2 Md€\n"))
        let trouble = try Command.run(["diff", dir.path("nowhere"), dir.path("Out")])
        #expect(trouble.status == 2)
    }
}
