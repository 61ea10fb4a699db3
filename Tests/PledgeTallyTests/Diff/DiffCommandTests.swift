import Foundation
import Testing

/// `pledgetally diff` as a script or a person meets it: hostile text in the
/// files, files that are not a run's, output that cannot be written.
@Suite("diff command")
struct DiffCommandTests {
    /// Two hand-written run folders.
    func folders(_ dir: TemporaryDirectory, oldPledges: String, newPledges: String) throws -> (String, String) {
        for (name, pledges) in [("Old", oldPledges), ("New", newPledges)] {
            try dir.write("\(name)/pledges.csv", pledges)
            try dir.write("\(name)/rejected.csv", "source,line,investor,amount_text,field,value,reason\n")
            try dir.write("\(name)/by_domain.csv", "domain,pledges,unpriced,total_eur,ceiling_eur,floor_eur,share_pct\n")
        }
        return (dir.path("Old"), dir.path("New"))
    }

    static let header = "source,line,investor,amount_text,amount_eur\n"

    @Test func controlCharactersInAnyFieldCannotForgeALine() throws {
        let dir = try TemporaryDirectory()
        let evil = "\"Evil\n+ x.csv | Forged | 1 € | 1.00 EUR\u{202E}\""
        let (old, new) = try folders(dir, oldPledges: Self.header,
                                     newPledges: Self.header + "a.csv,2,\(evil),\"5 €\r\n- y\",5.00\n")
        let r = try Command.run(["diff", old, new])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.hasPrefix("+ x.csv") || $0.hasPrefix("- y") })
        #expect(lines.contains("+ a.csv | Evil\\n+ x.csv | Forged | 1 € | 1.00 EUR\\u{202E} | 5 €\\r\\n- y | 5.00 EUR"))
    }

    @Test func aPledgesFileWithoutItsColumnsIsTrouble() throws {
        let dir = try TemporaryDirectory()
        let (old, new) = try folders(dir, oldPledges: "a,b\n1,2\n3,4\n", newPledges: Self.header)
        let r = try Command.run(["diff", old, new])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(old)/pledges.csv: no ‘source’ column: not the pledges.csv of a pledgetally run"))
        #expect(r.stdout.isEmpty)
    }

    /// Runs the command with stdout on /dev/full.
    func toFullDevice(_ arguments: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Command.binary))
        p.arguments = arguments
        p.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test func writeErrorsOnStandardOutputCount() throws {
        let dir = try TemporaryDirectory()
        let (old, new) = try folders(dir, oldPledges: Self.header, newPledges: Self.header + "a.csv,2,A,5 €,5.00\n")
        #expect(try toFullDevice(["diff", old, new]) == 2)
        #expect(try toFullDevice(["parse", "5 M€"]) == 74)
    }

    @Test func fortyThousandDomainsArePairedByName() throws {
        // Not timed: the pairing is by dictionary (it was quadratic); the result is checked.
        let dir = try TemporaryDirectory()
        let (old, new) = try folders(dir, oldPledges: Self.header, newPledges: Self.header)
        func domains(_ bump: Int) -> String {
            "domain,pledges,unpriced,total_eur,ceiling_eur,floor_eur,share_pct\n"
                + (0..<40_000).map { "D\($0),1,0,\($0 == 7 ? bump : 1).00,0.00,0.00,0.00\n" }.joined()
        }
        try dir.write("Old/by_domain.csv", domains(1))
        try dir.write("New/by_domain.csv", domains(3))
        let r = try Command.run(["diff", old, new])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\n  D7 (+2.00)\n    total_eur: 1.00 → 3.00\n"))
    }
}
