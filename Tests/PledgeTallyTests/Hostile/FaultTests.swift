import Foundation
import Testing

/// The output side failing: a read-only file system and a full disk. Root
/// ignores file modes, so the faults are real mounts: a small tmpfs, remounted
/// read-only for the first case. Where `mount` is not permitted (no root or
/// no CAP_SYS_ADMIN, as in most containers), the suite is skipped with that
/// reason. (An output path that is a file is CommandLineTests.)
@Suite("Hostile: faults", .serialized, .enabled(if: Fault.canMount, "mount -t tmpfs is not permitted here (needs root with CAP_SYS_ADMIN); the read-only and disk-full cases cannot be staged"))
struct FaultTests {
    @Test func aReadOnlyOutputFileSystemExits73AndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let mount = try Fault.Mount(in: dir, size: "4m")
        let out = mount.path + "/Out"
        #expect(try Fault.summit(out).status == 0)
        let before = Command.snapshot(out)
        try #require(Hostile.shell("mount -o remount,ro '\(mount.path)'") == 0)
        let r = try Fault.summit(out)
        #expect(r.status == 73)
        #expect(r.stderr == "pledgetally: \(mount.path)/.Out.lock: cannot create the lock file: Read-only file system\n")
        #expect(Command.snapshot(out) == before)
    }

    @Test func aReadOnlyOutputFolderInsideAWritableParentExits73BeforeTheWork() throws {
        // Out/ itself on a read-only bind mount: a mount point, so its lock
        // is inside it, and cannot be created: exit 73 before the work
        // (it was 74 after all of it: "cannot keep as previous"), nothing changed.
        let dir = try TemporaryDirectory()
        let out = dir.path("Out")
        #expect(try Fault.summit(out).status == 0)
        let before = Command.snapshot(out)
        try #require(Hostile.shell("mount --bind '\(out)' '\(out)' && mount -o remount,bind,ro '\(out)'") == 0)
        defer { Hostile.shell("umount '\(out)'") }
        let r = try Fault.summit(out)
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr == "pledgetally: \(out)/.pledgetally.lock: cannot create the lock file: Read-only file system\n")
        #expect(Command.snapshot(out) == before)
        #expect(try Hostile.leftovers(dir).isEmpty)
    }

    /// Previous outputs (the summit) on a 2 MB tmpfs, then a run of `rows`
    /// generated pledges that does not fit: exit 74 naming the file, the
    /// previous outputs byte-identical, no staging folder left.
    func diskFull(rows: Int, failingFile: String) throws {
        let dir = try TemporaryDirectory()
        let mount = try Fault.Mount(in: dir, size: "2m")
        let out = mount.path + "/Out"
        #expect(try Fault.summit(out).status == 0)
        let before = Command.snapshot(out)
        let input = try Hostile.input(dir)
        var text = "investor,amount,domain,date\n"
        for i in 0..<rows { text += "\"Investor \(i), Inc.\",jusqu’à 5 Md€,supercalculateur,2025-02-10\n" }
        try dir.write("Input/pledges/01-many.csv", text)
        let r = try Command.run(["run", "--input", input, "--output", out, "--date", "2025-02-10"])
        #expect(r.status == 74)
        let ours = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("[ERROR]") }
        #expect(ours.count == 1, "\(r.stderr)")
        let line = String(ours.first ?? "")
        #expect(line.hasPrefix("pledgetally: \(mount.path)/.Out.partial-"))
        #expect(failingFile.split(separator: "|").contains { line.contains("/\($0): write failed: ") }, "\(line)")
        #expect(line.hasSuffix("No space left on device") || line.hasSuffix("(No space left on device)"))
        #expect(Command.snapshot(out) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: mount.path).filter { $0.contains(".partial-") || $0.contains(".old-") }
        #expect(left.isEmpty)
        // Space back: the same run succeeds.
        try? FileManager.default.removeItem(atPath: out + "/previous")
        try text.prefix(2000).split(separator: "\n").dropLast().joined(separator: "\n").appending("\n")
            .write(toFile: input + "/pledges/01-many.csv", atomically: false, encoding: .utf8)
        #expect(try Command.run(["run", "--input", input, "--output", out, "--date", "2025-02-10"]).status == 0)
    }

    @Test func aDiskFullWhileWritingTheCSVExits74() throws {
        try diskFull(rows: 40_000, failingFile: "pledges.csv")
    }

    @Test func aDiskFullWhileClosingTheWorkbookExits74() throws {
        // pledges.csv (1.7 MB) fits; the end of the run does not: changes.csv (12,000
        // pledges added since the summit run) or the workbook, whichever fills the disk.
        try diskFull(rows: 12_000, failingFile: "changes.csv|report.xlsx")
    }
}

enum Fault {
    /// Whether this process may mount a tmpfs (tried once, on a scratch folder).
    static let canMount: Bool = {
        let probe = NSTemporaryDirectory() + "/pledgetally-mount-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard Hostile.shell("mount -t tmpfs -o size=64k tmpfs '\(probe)'") == 0 else { return false }
        Hostile.shell("umount '\(probe)'")
        return true
    }()

    /// A tmpfs of `size` mounted in `dir`, unmounted when released.
    final class Mount {
        let path: String
        init(in dir: TemporaryDirectory, size: String) throws {
            path = try dir.makeFolder("mnt")
            try #require(Hostile.shell("mount -t tmpfs -o size=\(size) tmpfs '\(path)'") == 0)
        }
        deinit { Hostile.shell("umount -l '\(path)'") }
    }

    /// The shipped input into `out`.
    static func summit(_ out: String) throws -> Command.Result {
        try Command.run(["run", "--input", Command.packageRoot + "/Input", "--output", out, "--date", "2025-02-10"])
    }
}
