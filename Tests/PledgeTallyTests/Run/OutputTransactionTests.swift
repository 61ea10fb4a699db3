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

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func firstRunCreatesTheFolder() throws {
        let out = root + "/Output"
        let t = try OutputTransaction(target: out)
        try write("one", to: t.path("a.csv"))
        #expect(!FileManager.default.fileExists(atPath: out))
        try t.publish()
        #expect(read(out + "/a.csv") == "one")
        #expect(!FileManager.default.fileExists(atPath: out + "/previous"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [".Output.lock", "Output"])
    }

    @Test func secondRunKeepsOneGenerationAsPrevious() throws {
        let out = root + "/Output"
        for content in ["one", "two", "three"] {
            let t = try OutputTransaction(target: out)
            try write(content, to: t.path("a.csv"))
            try t.publish()
        }
        #expect(read(out + "/a.csv") == "three")
        #expect(read(out + "/previous/a.csv") == "two")
        #expect(!FileManager.default.fileExists(atPath: out + "/previous/previous"))
    }

    @Test func anAbandonedRunLeavesTheOutputsAsTheyWere() throws {
        let out = root + "/Output"
        let first = try OutputTransaction(target: out)
        try write("good", to: first.path("a.csv"))
        try first.publish()
        let failed = try OutputTransaction(target: out)
        try write("half", to: failed.path("a.csv"))
        failed.abandon()
        #expect(read(out + "/a.csv") == "good")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [".Output.lock", "Output"])
    }

    @Test func staleStagingFromAKilledRunIsRemoved() throws {
        let out = root + "/Output"
        try FileManager.default.createDirectory(atPath: root + "/.Output.partial-99999", withIntermediateDirectories: true)
        try write("junk", to: root + "/.Output.partial-99999/a.csv")
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
