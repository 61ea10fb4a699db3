import Foundation
import Testing

/// The output folder is the job's only when missing, empty or holding a
/// previous run (its manifest.json): anything else is refused before any
/// work (73) and nothing in it is moved or deleted; `--output` overlapping
/// `--input` is a usage error (64). "Before any work" is shown by a pledge
/// file with a rejected record: a run that read it would say so on stderr.
@Suite("Hostile: the output folder", .serialized)
struct OutputFolderTests {
    /// An input whose run would print a rejection line.
    static func input(_ dir: TemporaryDirectory) throws -> String {
        try Hostile.input(dir, text: ["01-bad.csv": "investor,amount,domain,date\nBad,beaucoup,cloud,2025-02-10\n"])
    }

    /// `run` into `out`; checks a refusal: `status`, one stderr line holding `words`.
    @discardableResult
    static func refused(_ input: String, _ out: String, status: Int32, _ words: String..., in cwd: String? = nil,
                        environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try Command.run(["run", "--input", input, "--output", out, "--date", "2025-02-10"], in: cwd, environment: environment)
        #expect(r.status == status, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "more than the refusal: \(r.stderr)", sourceLocation: sourceLocation)
        for w in words { #expect(r.stderr.contains(w), "\(r.stderr)", sourceLocation: sourceLocation) }
        return r.stderr
    }

    @Test func aForeignFileIsRefusedAndKept() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        let out = dir.path("Out")
        #expect(try Hostile.run(input, dir).status == 0)
        try dir.write("Out/notes.txt", "notes\n")
        let before = Command.snapshot(out)
        for _ in 0..<2 {
            let line = try Self.refused(input, out, status: 73, "‘notes.txt’", "not an output folder of pledgetally")
            #expect(line.hasPrefix("pledgetally: \(out): "))
        }
        #expect(Command.snapshot(out) == before)
        #expect(try Command.read(out + "/notes.txt") == "notes\n")
        #expect(try Hostile.leftovers(dir).isEmpty)
    }

    @Test func aForeignFolderOrAFolderInAnEmptyOutputIsRefusedBeforeTheWork() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        // A previous run with a .git/ beside it.
        let out = dir.path("Out")
        #expect(try Hostile.run(input, dir).status == 0)
        try dir.makeFolder("Out/.git")
        try dir.write("Out/.git/HEAD", "ref: refs/heads/main\n")
        let before = Command.snapshot(out)
        try Self.refused(input, out, status: 73, "‘.git/’")
        #expect(Command.snapshot(out) == before)
        // A subfolder in a folder that holds nothing else (found only after the whole run before).
        try dir.makeFolder("Other/charts")
        try Self.refused(input, dir.path("Other"), status: 73, "‘charts/’")
        #expect(FileManager.default.fileExists(atPath: dir.path("Other/charts")))
        #expect(!FileManager.default.fileExists(atPath: dir.path(".Other.lock")))
    }

    @Test func filesOfOurNamesWithoutOurManifestAreNotOurs() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        try dir.makeFolder("Mine")
        try dir.write("Mine/pledges.csv", "my own list\n")
        try Self.refused(input, dir.path("Mine"), status: 73, "‘pledges.csv’", "no manifest.json")
        #expect(try Command.read(dir.path("Mine/pledges.csv")) == "my own list\n")
        try dir.write("Mine/manifest.json", #"{"tool": {"name": "something else"}}"#)
        try Self.refused(input, dir.path("Mine"), status: 73, "‘manifest.json’")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("Mine")).sorted() == ["manifest.json", "pledges.csv"])
    }

    @Test func previousHoldingAForeignFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        let out = dir.path("Out")
        #expect(try Hostile.run(input, dir).status == 0)
        #expect(try Hostile.run(input, dir).status == 0)
        try dir.write("Out/previous/keep.txt", "mine\n")
        try Self.refused(input, out, status: 73, "‘previous/keep.txt’")
        #expect(try Command.read(out + "/previous/keep.txt") == "mine\n")
    }

    @Test func anOlderRunWithFewerFilesIsStillTheJobs() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        let out = dir.path("Out")
        #expect(try Hostile.run(input, dir).status == 0)
        try FileManager.default.removeItem(atPath: out + "/report.xlsx")
        // Another run than the one in Out/ (the same run again rotates nothing).
        let r = try Hostile.run(input, dir, ["--lang", "fr"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/previous").sorted()
            == ["by_domain.csv", "changes.csv", "history.csv", "manifest.json", "pledges.csv", "rejected.csv", "unclassified.csv"])
        #expect(FileManager.default.fileExists(atPath: out + "/report.xlsx"))
    }

    @Test func anOutputOverlappingTheInputExits64AndMovesNothing() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        let inputs = Command.snapshot(input)
        try FileManager.default.createSymbolicLink(atPath: dir.path("Link"), withDestinationPath: input)
        for out in [input + "/pledges", input, input + "/", dir.path("Link"), dir.path("Link/rates/Out"), dir.path("Input/../Input")] {
            try Self.refused(input, out, status: 64, "--output ")
        }
        // An output folder holding the input (not the current folder).
        let outer = try dir.makeFolder("outer")
        let inner = try Hostile.input(dir, as: "outer/Input")
        try Self.refused(inner, outer, status: 64, "holds the input folder")
        #expect(Command.snapshot(input) == inputs)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["Input", "Link", "outer"])
    }

    @Test func theRootTheCurrentFolderAndAHomeFolderAreRefusedBeforeTheWork() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        let root = try FileManager.default.contentsOfDirectory(atPath: "/").sorted()
        try Self.refused(input, "/", status: 73, "/: refused as the output folder: it is the root folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/").sorted() == root)   // no /.lock
        let work = try dir.makeFolder("work")
        try dir.write("work/notes.txt", "x")
        try Self.refused(input, ".", status: 73, "it is the current folder", "‘notes.txt’", in: work)
        let home = try dir.makeFolder("home")
        try dir.write("home/.profile", "x")
        try Self.refused(input, home, status: 73, "it is a home folder", "‘.profile’", environment: ["HOME": home])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["Input", "home", "work"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work) == ["notes.txt"])
    }

    @Test func aLockPathThatIsASymbolicLinkIsRefused() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        try FileManager.default.createSymbolicLink(atPath: dir.path(".Out.lock"), withDestinationPath: dir.path("victim"))
        let r = try Hostile.run(input, dir)
        #expect(r.status == 73)
        #expect(r.stderr.hasSuffix(".Out.lock: cannot create the lock file: it is a symbolic link, which pledgetally does not follow; remove it\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("victim")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("Out")))
    }

    @Test func aSymlinkedOutputFolderIsFilledThroughTheLink() throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        try dir.makeFolder("share")
        try FileManager.default.createSymbolicLink(atPath: dir.path("Out"), withDestinationPath: "share")
        // Two different runs (the same run again rotates nothing).
        for extra in [[], ["--lang", "fr"]] { #expect(try Hostile.run(input, dir, extra).status == 0) }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("Out")) == "share")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("share")).sorted()
            == ["by_domain.csv", "changes.csv", "history.csv", "manifest.json", "pledges.csv", "previous", "rejected.csv", "report.xlsx",
               "unclassified.csv"])
        #expect(FileManager.default.fileExists(atPath: dir.path("share/previous/manifest.json")))
        try Hostile.checkCounts(dir.path("share"))
        // A link to a folder not made yet: the folder is made where the link points.
        try FileManager.default.createSymbolicLink(atPath: dir.path("Later"), withDestinationPath: dir.path("later-target"))
        #expect(try Command.run(["run", "--input", input, "--output", dir.path("Later"), "--date", "2025-02-10"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path("later-target/manifest.json")))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("Later")) == dir.path("later-target"))
    }

    /// mode, uid, gid of a path.
    static func owner(_ path: String) -> (mode: mode_t, gid: gid_t) {
        var st = stat()
        _ = stat(path, &st)
        return (st.st_mode & 0o7777, st.st_gid)
    }

    @Test(arguments: [(mode_t(0o700), mode_t(0o600)), (0o2770, 0o660), (0o755, 0o644), (0o777, 0o664)])
    func theFolderKeepsItsModeAndGroupAndEveryFileGetsOne(folder: mode_t, file: mode_t) throws {
        let dir = try TemporaryDirectory()
        let input = try Self.input(dir)
        let out = try dir.makeFolder("Out")
        let group: gid_t = getuid() == 0 ? 4242 : getgid()
        #expect(chown(out, uid_t.max, group) == 0)
        #expect(chmod(out, folder) == 0)
        // Two different runs (the same run again rotates nothing).
        for extra in [[], ["--lang", "fr"]] { #expect(try Hostile.run(input, dir, extra).status == 0) }
        #expect(Self.owner(out) == (folder, group))
        #expect(Self.owner(out + "/previous") == (folder, group))
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).filter { !$0.hasSuffix("previous") }
        #expect(files.count == 16)   // 8 outputs, and the 8 of the run before in previous/
        for f in files {
            #expect(Self.owner(out + "/" + f).mode == file, "\(f): \(String(Self.owner(out + "/" + f).mode, radix: 8))")
            #expect(Self.owner(out + "/" + f).gid == group, "\(f)")
        }
    }
}
