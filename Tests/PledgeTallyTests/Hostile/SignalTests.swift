import Foundation
import Testing

/// SIGTERM, SIGINT or SIGHUP while a run writes its outputs: it stops within
/// a second, exits 128 + the signal, removes its staging folder and leaves
/// the previous outputs byte for byte.
@Suite("Hostile: signals", .serialized)
struct SignalTests {
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalStopsTheRunWithinASecondAndChangesNothing(signal: Int32) throws {
        let dir = try TemporaryDirectory()
        let out = dir.path("Out")
        let first = try Fault.summit(out)
        #expect(first.status == 0, "\(first.stderr)")
        let before = Command.snapshot(out)
        let input = try UnattendedRunTests.bigInput(dir, rows: 150_000)

        let errPath = dir.path("stderr.txt")
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Command.binary))
        p.arguments = ["run", "--input", input, "--output", out, "--date", "2025-02-10"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try p.run()
        // Wait until the run is writing: its staging pledges.csv has had its first buffer.
        let staging = dir.path(".Out.partial-\(p.processIdentifier)/pledges.csv")
        let deadline = Date().addingTimeInterval(60)
        func written() -> Int { (try? FileManager.default.attributesOfItem(atPath: staging)[.size] as? Int) ?? 0 }
        while p.isRunning && written() == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        try #require(p.isRunning, "the run ended before it could be signalled")

        let sent = Date()
        kill(p.processIdentifier, signal)
        while p.isRunning && Date().timeIntervalSince(sent) < 10 { Thread.sleep(forTimeInterval: 0.005) }
        let took = Date().timeIntervalSince(sent)
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()

        #expect(took < 1.0, "stopped \(took) s after the signal")
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 128 + signal)
        #expect(try Command.read(errPath).hasSuffix("pledgetally: stopped by \([SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][signal] ?? "?"); the outputs are left as they were\n"))
        #expect(try Hostile.leftovers(dir).isEmpty)
        #expect(Command.snapshot(out) == before)
        // The lock was released with the process: the next run goes ahead at once.
        #expect(try Fault.summit(out).status == 0)
    }
}
