import Foundation
import Testing
@testable import PledgeTally

@Suite("OutputTransaction")
struct OutputTransactionTests {
    let root: String = {
        let path = NSTemporaryDirectory() + "txn-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A manifest.json as pledgetally writes it, so the folder holds a run.
    func writeManifest(_ t: OutputTransaction) throws {
        try write(#"{"tool": {"name": "pledgetally", "version": "test"}}"#, to: t.path("manifest.json"))
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func firstRunCreatesTheFolder() throws {
        let out = root + "/Output"
        let t = try OutputTransaction(target: out)
        try write("one", to: t.path("pledges.csv"))
        #expect(!FileManager.default.fileExists(atPath: out))
        try t.publish()
        #expect(read(out + "/pledges.csv") == "one")
        #expect(!FileManager.default.fileExists(atPath: out + "/previous"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [".Output.lock", "Output"])
    }

    @Test func secondRunKeepsOneGenerationAsPrevious() throws {
        let out = root + "/Output"
        for content in ["one", "two", "three"] {
            let t = try OutputTransaction(target: out)
            try write(content, to: t.path("pledges.csv"))
            try writeManifest(t)
            try t.publish()
        }
        #expect(read(out + "/pledges.csv") == "three")
        #expect(read(out + "/previous/pledges.csv") == "two")
        #expect(!FileManager.default.fileExists(atPath: out + "/previous/previous"))
    }

    @Test func anAbandonedRunLeavesTheOutputsAsTheyWere() throws {
        let out = root + "/Output"
        let first = try OutputTransaction(target: out)
        try write("good", to: first.path("pledges.csv"))
        try writeManifest(first)
        try first.publish()
        let failed = try OutputTransaction(target: out)
        try write("half", to: failed.path("pledges.csv"))
        failed.abandon()
        #expect(read(out + "/pledges.csv") == "good")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [".Output.lock", "Output"])
    }

    @Test func staleStagingFromAKilledRunIsRemoved() throws {
        let out = root + "/Output"
        try FileManager.default.createDirectory(atPath: root + "/.Output.partial-99999", withIntermediateDirectories: true)
        try write("junk", to: root + "/.Output.partial-99999/pledges.csv")
        let t = try OutputTransaction(target: out)
        try t.publish()
        #expect(!FileManager.default.fileExists(atPath: root + "/.Output.partial-99999"))
    }

    @Test func anOutputPathThatIsAFileCannotBeCreated() throws {
        try write("x", to: root + "/Output")
        #expect(throws: RunError.self) { try OutputTransaction(target: root + "/Output") }
        do {
            _ = try OutputTransaction(target: root + "/Output")
        } catch {
            #expect(error.exitCode == 73)
            #expect(error.message.contains("a file of that name exists"))
        }
        #expect(read(root + "/Output") == "x")
    }

    @Test func aMissingParentCannotBeCreated() {
        do {
            _ = try OutputTransaction(target: root + "/no/such/Output")
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == 73)
        }
    }
}
