import Foundation
import Testing

/// SIGKILL at 28 points of a run of 60,000 pledges, spread over reading,
/// writing the CSV files and the workbook rows, closing (zipping) the
/// workbook and publishing: after each, the previous outputs are
/// byte-identical (or, if the run won the race, the new outputs are complete),
/// and a following run succeeds and removes what the killed ones left.
@Suite("Hostile: killed at random points", .serialized)
struct KillTests {
    @Test func killedAnywhereThePreviousOutputsSurviveByteForByte() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path("Out")
        let summit = ["run", "--input", Command.packageRoot + "/Input", "--output", out, "--date", "2025-02-10"]
        let first = try Command.run(summit)
        #expect(first.status == 0, "\(first.stderr)")
        let summitOutputs = Command.snapshot(out)
        var reference = summitOutputs
        #expect(reference.keys.contains("report.xlsx"))

        let input = try UnattendedRunTests.bigInput(dir, rows: 60_000)
        let args = ["run", "--input", input, "--output", out, "--date", "2025-02-10"]
        // Time a full run (into another folder, after the same summit run, so
        // that its changes.csv, history.csv and workbook are those of a run into Out) to place the kills.
        let timingSummit = try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", dir.path("Timing"),
                                            "--date", "2025-02-10"])
        #expect(timingSummit.status == 0, "\(timingSummit.stderr)")
        let started = Date()
        let probe = try Command.run(["run", "--input", input, "--output", dir.path("Timing"), "--date", "2025-02-10"])
        #expect(probe.status == 0, "\(probe.stderr)")
        let measured = Date().timeIntervalSince(started)
        let complete = Command.snapshot(dir.path("Timing"))

        // 24 even fractions, and 4 more packed at the end (closing the workbook, the swap).
        // Runs get faster or slower with the machine's load: a run that ends
        // before its kill gives a better estimate of the run's length, and
        // the remaining points are placed on it.
        let fractions = (0..<24).map { Double($0) / 24 } + [0.97, 0.985, 0.993, 0.998]
        var full = measured
        var killed = 0
        for fraction in fractions {
            let delay = full * fraction
            let start = Date()
            let p = try UnattendedRunTests.start(args)
            while p.isRunning && Date().timeIntervalSince(start) < delay { Thread.sleep(forTimeInterval: 0.002) }
            let finishedAfter = Date().timeIntervalSince(start)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let after = Command.snapshot(out)
            if p.terminationReason == .uncaughtSignal {
                killed += 1
                if after != reference {
                    // Killed after its outputs took the folder's place (removing the old ones, syncing, exiting):
                    // the folder then holds the whole new run, and previous/ the whole run before it.
                    let published = Self.current(after) == Self.current(complete)
                        && Self.current(reference).allSatisfy { after["previous/" + $0.key] == $0.value }
                    #expect(published, "outputs changed after a kill at \(String(format: "%.3f", delay)) s (\(fraction) of \(full) s)")
                    reference = after
                }
            } else {
                // The run finished first: its outputs are complete and become the reference.
                #expect(p.terminationStatus == 0, "at \(fraction)")
                for (name, bytes) in complete where !name.hasPrefix("previous/") {
                    #expect(after[name] == bytes, "\(name) after a run that was not killed")
                }
                reference = after
                full = min(full, finishedAfter)
            }
        }
        #expect(killed >= 20, "only \(killed) of \(fractions.count) runs were killed before they finished")

        // The next run cleans up what the killed ones left and succeeds.
        let next = try Command.run(summit)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Hostile.leftovers(dir).isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        // The same run each time: whether previous/ exists depends on which runs were killed.
        #expect(files.filter { $0 != "previous" } == ["by_domain.csv", "changes.csv", "history.csv", "manifest.json", "pledges.csv",
                                                     "rejected.csv", "report.xlsx", "unclassified.csv"])
        // Its outputs are the first run's again, byte for byte (no clock in them),
        // but for what compares with the run before: changes.csv, history.csv and the workbook's Changes sheet.
        let last = Command.snapshot(out)
        for (name, bytes) in summitOutputs where !name.hasPrefix("previous/") && !["changes.csv", "history.csv", "report.xlsx"].contains(name) {
            #expect(last[name] == bytes, "\(name)")
        }
    }

    /// A snapshot's files but those of previous/.
    static func current(_ snapshot: [String: Data]) -> [String: Data] {
        snapshot.filter { !$0.key.hasPrefix("previous/") }
    }
}
