import Foundation
import FuzzChecks
import Testing

/// Every input of the fuzz corpora (`Tests/Fuzz/`) through the checks the fuzz
/// targets make, so that an input a fuzzer once found keeps passing.
///
/// In debug builds the file checks also compare chunk sizes (see
/// ``PledgeFileChecks``). To add an input, drop a file into the corpus
/// folder; `make fuzz` with `FUZZ_MERGE=1` adds those that reach new code.
@Suite("Fuzz corpus replay")
struct CorpusReplayTests {
    /// `Tests/Fuzz/`, found from this file.
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Fuzz
        .deletingLastPathComponent()   // PledgeTallyTests
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Fuzz").path

    static func names(_ corpus: String) -> [String] {
        Replay.inputs([fuzzFolder + "/" + corpus]).map { ($0 as NSString).lastPathComponent }
    }

    static func contents(_ corpus: String, _ name: String) throws -> [UInt8] {
        try #require(Replay.contents(fuzzFolder + "/" + corpus + "/" + name), "cannot read \(corpus)/\(name)")
    }

    @Test("both corpora are there")
    func corporaPresent() {
        #expect(Self.names("amount-corpus").count >= 40)
        #expect(Self.names("file-corpus").count >= 20)
    }

    @Test("amount phrases keep the parser's promises", arguments: names("amount-corpus"))
    func amountPhrase(name: String) throws {
        let problems = try Self.contents("amount-corpus", name).withUnsafeBytes(AmountPhraseChecks.problems)
        #expect(problems.isEmpty, "\(name):\n\(problems.joined(separator: "\n"))")
    }

    @Test("pledge files keep the readers' promises", arguments: names("file-corpus"))
    func pledgeFile(name: String) throws {
        let scratch = ScratchFile()
        let problems = try Self.contents("file-corpus", name).withUnsafeBytes {
            PledgeFileChecks.problems($0, in: scratch)
        }
        #expect(problems.isEmpty, "\(name):\n\(problems.joined(separator: "\n"))")
    }
}
