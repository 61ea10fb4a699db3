import Foundation
import Testing

/// Runs as cron makes them: killed at any moment, started twice at once,
/// under another locale or clock, on a file system that lists files in
/// another order. The previous outputs must survive all of it.
@Suite("Unattended runs", .serialized)
struct UnattendedRunTests {
    /// An input folder with `rows` generated pledges (plus the shipped
    /// domains and rates), large enough that a run takes a while.
    static func bigInput(_ dir: TemporaryDirectory, rows: Int) throws -> String {
        let folder = try Command.copyDefaultInput(to: dir, as: "Big")
        var text = "investor,amount,domain,date\n"
        text.reserveCapacity(rows * 64)
        let phrases = ["20 milliards d’euros", "jusqu’à 5 Md€", "plus de 1,2 milliard de dollars", "$35M", "up to £2 billion", "Non spécifié"]
        let domains = ["Infrastructure cloud", "Énergie", "Supercalculateur", "Autre"]
        for i in 0..<rows {
            text += "\"Investor \(i % 997), Inc.\",\(phrases[i % phrases.count]),\(domains[i % domains.count]),2025-0\(1 + i % 9)-1\(i % 10)\n"
        }
        try text.write(toFile: folder + "/pledges/03-generated.csv", atomically: false, encoding: .utf8)
        return folder
    }

    static func start(_ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Command.binary))
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test func killedAtAnyMomentTheOutputsStayAsTheyWere() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path("Out")
        let good = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", out, "--date", "2025-02-10"])
        #expect(good.status == 0, "\(good.stderr)")
        let before = Command.snapshot(out)
        #expect(before.keys.contains("report.xlsx"))

        let input = try Self.bigInput(dir, rows: 150_000)
        let args = ["run", "--input", input, "--output", out, "--date", "2025-02-10"]
        // Kill at delays spread over the whole run: reading, writing, closing the workbook.
        let started = Date()
        let probe = try Command.run(args + ["--output", dir.path("Timing")])
        #expect(probe.status == 0, "\(probe.stderr)")
        let full = Date().timeIntervalSince(started)
        var killedBeforeTheEnd = 0
        for i in 0..<12 {
            let delay = full * Double(i) / 12
            let p = try Self.start(args)
            Thread.sleep(forTimeInterval: delay)
            if p.isRunning { killedBeforeTheEnd += 1 }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let after = Command.snapshot(out)
            if p.terminationReason == .uncaughtSignal {
                #expect(after == before, "outputs changed after a kill at \(delay) s")
            } else {
                // It finished before the kill: the new outputs are complete; make them the reference.
                #expect(p.terminationStatus == 0)
                #expect(after["previous/report.xlsx"] != nil)
                return
            }
        }
        #expect(killedBeforeTheEnd >= 10)
        // The next run cleans up what the killed ones left and succeeds.
        #expect(try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", out, "--date", "2025-02-10"]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial-") || $0.contains(".old-") }
        #expect(leftovers.isEmpty)
    }

    @Test func twoRunsAtOnceTakeTurns() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path("Out")
        let input = try Self.bigInput(dir, rows: 60_000)
        let args = ["run", "--input", input, "--output", out, "--date", "2025-02-10"]
        let first = try Self.start(args)
        // The first run holds the lock once its staging folder exists (it is made after the lock is
        // taken); a fixed pause would let a slow first run start after the second on a loaded machine.
        let staging = dir.path(".Out.partial-\(first.processIdentifier)")
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: staging) && first.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        try #require(first.isRunning, "the first run ended before the second started")
        let second = try Command.run(args)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.status == 0)
        #expect(second.stderr.contains("another pledgetally run is writing here; waiting for it to finish"))
        // Both complete; the second is the same run as the first, so it rotates nothing.
        #expect(FileManager.default.fileExists(atPath: out + "/report.xlsx"))
        #expect(!FileManager.default.fileExists(atPath: out + "/previous"))
    }

    @Test func listingOrderDoesNotChangeTheOutputs() throws {
        let dir = try TemporaryDirectory()
        // Same files created in the opposite order.
        let a = try Command.copyDefaultInput(to: dir, as: "A")
        let b = dir.path("B")
        try FileManager.default.createDirectory(atPath: b + "/pledges", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: a + "/rates", toPath: b + "/rates")
        for name in try FileManager.default.contentsOfDirectory(atPath: a + "/pledges").sorted().reversed() {
            try FileManager.default.copyItem(atPath: a + "/pledges/" + name, toPath: b + "/pledges/" + name)
        }
        try FileManager.default.copyItem(atPath: a + "/domains.csv", toPath: b + "/domains.csv")
        #expect(try Command.run(["run", "--input", a, "--output", dir.path("OutA"), "--date", "2025-02-10"]).status == 0)
        #expect(try Command.run(["run", "--input", b, "--output", dir.path("OutB"), "--date", "2025-02-10"]).status == 0)
        for f in ["pledges.csv", "by_domain.csv", "rejected.csv", "report.xlsx"] {
            #expect(FileManager.default.contents(atPath: dir.path("OutA/" + f)) == FileManager.default.contents(atPath: dir.path("OutB/" + f)), "\(f)")
        }
    }
}
