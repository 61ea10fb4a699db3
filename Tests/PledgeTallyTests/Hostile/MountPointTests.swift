import Foundation
import Testing

/// An output folder that is a mount point (a bind mount, as a Docker volume
/// is, or a file system of its own) cannot be renamed: the run finds it out
/// before the work and publishes file by file inside it, manifest.json last.
/// Real mounts, so the suite is skipped where `mount` is not permitted.
@Suite("Hostile: a mount point as the output folder", .serialized,
       .enabled(if: Fault.canMount, "mount is not permitted here (needs root with CAP_SYS_ADMIN)"))
struct MountPointTests {
    /// Two runs into `out`: both succeed, `out` stays the mount point, holds
    /// the outputs and the first run as previous/, and nothing of the staging.
    func twoRuns(into out: String, _ dir: TemporaryDirectory) throws {
        let input = try Hostile.input(dir)
        try #require(chmod(out, 0o750) == 0)
        let summit = try Fault.summit(out)
        #expect(summit.status == 0, "\(summit.stderr)")
        let first = Command.snapshot(out)
        let r = try Command.run(["run", "--input", input, "--output", out, "--date", "2025-02-10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Hostile.shell("mountpoint -q '\(out)'") == 0, "\(out) is no longer the mount point")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            == [".pledgetally.lock", "by_domain.csv", "changes.csv", "history.csv", "manifest.json", "pledges.csv", "previous",
                "rejected.csv", "report.xlsx"])
        for (name, bytes) in first where !name.hasPrefix("previous/") && !name.hasPrefix(".") {
            #expect(Command.snapshot(out + "/previous")[name] == bytes, "previous/\(name)")
        }
        try Hostile.checkCounts(out)
        #expect(try Hostile.counts(out).keys.sorted() == ["pledges/00-good.csv"])
        var st = stat()
        _ = stat(out, &st)
        #expect(st.st_mode & 0o7777 == 0o750)
        _ = stat(out + "/report.xlsx", &st)
        #expect(st.st_mode & 0o7777 == 0o640)
        // A foreign file in the mount point is refused like anywhere else.
        try dir.write(String(out.dropFirst(dir.path.count + 1)) + "/notes.txt", "x")
        let refused = try Command.run(["run", "--input", input, "--output", out, "--date", "2025-02-10"])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("‘notes.txt’"))
    }

    @Test func aBindMountIsFilledFileByFile() throws {
        let dir = try TemporaryDirectory()
        try dir.makeFolder("volume")
        let out = try dir.makeFolder("Out")
        try #require(Hostile.shell("mount --bind '\(dir.path("volume"))' '\(out)'") == 0)
        defer { Hostile.shell("umount -l '\(out)'") }
        try twoRuns(into: out, dir)
        #expect(FileManager.default.fileExists(atPath: dir.path("volume/previous/manifest.json")))
    }

    @Test func aFileSystemOfItsOwnIsFilledFileByFile() throws {
        let dir = try TemporaryDirectory()
        let mount = try Fault.Mount(in: dir, size: "8m")
        try twoRuns(into: mount.path, dir)
    }

    @Test func aRunKilledWhileWritingIntoAMountPointLeavesItAsItWas() throws {
        let dir = try TemporaryDirectory()
        let mount = try Fault.Mount(in: dir, size: "64m")
        let out = mount.path
        #expect(try Fault.summit(out).status == 0)
        func outputs() -> [String: Data] { Command.snapshot(out).filter { !$0.key.hasPrefix(".pledgetally.partial-") } }
        let before = outputs()
        let input = try UnattendedRunTests.bigInput(dir, rows: 60_000)
        let p = try UnattendedRunTests.start(["run", "--input", input, "--output", out, "--date", "2025-02-10"])
        let staging = out + "/.pledgetally.partial-\(p.processIdentifier)"
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning && !FileManager.default.fileExists(atPath: staging + "/pledges.csv") && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(outputs() == before)
        // The next run removes the killed one's staging folder.
        #expect(try Fault.summit(out).status == 0)
        #expect(!FileManager.default.fileExists(atPath: staging))
    }
}
