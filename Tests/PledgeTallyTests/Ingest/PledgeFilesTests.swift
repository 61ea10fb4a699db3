import Foundation
import Testing
@testable import PledgeTally
@testable import Ingest

extension IngestTests {
    @Suite("Ingest.pledgeFiles: the pledges folder")
    struct PledgeFilesTests {
        @Test("files come in byte order of their UTF-8 names, whatever order they were made in", arguments: [
            ["b.csv", "a.md", "Z.tsv", "é.csv", "e.csv", "a.csv", "10.csv", "2.csv"],
            ["2.csv", "10.csv", "a.csv", "e.csv", "é.csv", "Z.tsv", "a.md", "b.csv"],
        ])
        func order(creation: [String]) throws {
            let folder = try TemporaryDirectory()
            for name in creation { try folder.write(name, "") }
            let files = try Ingest.pledgeFiles(in: folder.path)
            #expect(files.map(\.name) == ["10.csv", "2.csv", "Z.tsv", "a.csv", "a.md", "b.csv", "e.csv", "é.csv"])
            #expect(files.map(\.format) == [.csv, .csv, .tsv, .csv, .markdown, .csv, .csv, .csv])
            #expect(files.first?.path == folder.path + "/10.csv")
        }

        @Test("extensions in any case; hidden files skipped")
        func extensionsAndHiddenFiles() throws {
            let folder = try TemporaryDirectory()
            for name in ["A.CSV", "b.Md", "c.TSV", ".DS_Store", ".gitkeep", ".~lock.A.CSV#"] { try folder.write(name, "") }
            #expect(try Ingest.pledgeFiles(in: folder.path).map(\.name) == ["A.CSV", "b.Md", "c.TSV"])
        }

        @Test("an empty folder has no pledge files")
        func emptyFolder() throws {
            let folder = try TemporaryDirectory()
            #expect(try Ingest.pledgeFiles(in: folder.path).isEmpty)
        }

        @Test("a file of another kind stops the listing", arguments: ["notes.txt", "pledges.ods", "csv", "README"])
        func unexpectedFile(name: String) throws {
            let folder = try TemporaryDirectory()
            try folder.write("a.csv", "")
            try folder.write(name, "")
            #expect(throws: IngestError.unexpectedFile(path: folder.path(name))) {
                try Ingest.pledgeFiles(in: folder.path)
            }
        }

        @Test("a folder named like a pledge file is unexpected; a broken link is unreadable")
        func notRegularFiles() throws {
            let folder = try TemporaryDirectory()
            try folder.makeFolder("archive.csv")
            #expect(throws: IngestError.unexpectedFile(path: folder.path("archive.csv"))) {
                try Ingest.pledgeFiles(in: folder.path)
            }
            let other = try TemporaryDirectory()
            try FileManager.default.createSymbolicLink(atPath: other.path("gone.md"), withDestinationPath: other.path("nowhere.md"))
            #expect(throws: IngestError.unreadable(path: other.path("gone.md"), reason: "No such file or directory")) {
                try Ingest.pledgeFiles(in: other.path)
            }
        }

        @Test("a link to a pledge file is followed")
        func symbolicLink() throws {
            let folder = try TemporaryDirectory()
            let target = try folder.write("real.csv", "investor,amount,domain\nA,1,x\n")
            let pledges = try folder.makeFolder("pledges")
            try FileManager.default.createSymbolicLink(atPath: pledges + "/linked.csv", withDestinationPath: target)
            let files = try Ingest.pledgeFiles(in: pledges)
            #expect(files == [PledgeFile(name: "linked.csv", path: pledges + "/linked.csv", format: .csv)])
            #expect(try ingestEvents(files[0]) == [record("linked.csv", 2, "A", "1", "x")])
        }

        @Test("a missing folder", arguments: ["does-not-exist", "a-file.csv/"])
        func folderMissing(name: String) throws {
            let folder = try TemporaryDirectory()
            try folder.write("a-file.csv", "")
            let path = folder.path(name)
            #expect(throws: IngestError.folderMissing(path: path)) {
                try Ingest.pledgeFiles(in: path)
            }
        }

        @Test("a file that cannot be opened is unreadable, with the system's reason")
        func unreadableFile() throws {
            let file = PledgeFile(name: "gone.csv", path: "/nonexistent-dir/gone.csv", format: .csv)
            #expect(throws: IngestError.unreadable(path: "/nonexistent-dir/gone.csv", reason: "No such file or directory")) {
                try Ingest.read(file) { _ in }
            }
        }

        @Test("errors read as one line naming the file and the reason, with their exit codes", arguments: [
            (IngestError.folderMissing(path: "Input/pledges"), "Input/pledges: no such folder; pledge files are read from it", 66 as Int32),
            (IngestError.unexpectedFile(path: "Input/pledges/notes.txt"),
             "Input/pledges/notes.txt: not a pledge file; only .csv, .tsv and .md files belong in the pledges folder", 65),
            (IngestError.unexpectedFile(path: "Input/pledges/old.csv"),
             "Input/pledges/old.csv: not a regular file (a folder or a special file); pledge files must be plain .csv, .tsv or .md files", 65),
            (IngestError.unreadable(path: "Input/pledges/a.csv", reason: "Permission denied"),
             "Input/pledges/a.csv: cannot read: Permission denied", 66),
        ])
        func descriptions(error: IngestError, text: String, exitCode: Int32) {
            #expect(error.description == text)
            #expect(RunError(error).exitCode == exitCode)
        }
    }
}
