import Foundation
import Testing
import Ingest
import Normalise
import PledgeTallyCore
@testable import PledgeTally

/// The stages below the run name no command-line flag: a refusal whose fix is
/// an option (no date: `--date`) is worded by the run, in `RunWords`.
@Suite("Normaliser words")
struct NormaliserWordsTests {
    static let undated = RawRecord(source: "p.csv", line: 2, investor: "Fund", amount: "€5bn", domain: "cloud")

    @Test("a record without a date is refused with the words the caller gives")
    func noDateReasonIsTheCallers() {
        var normaliser = Normaliser(domains: DomainMap(rules: []), defaultDate: nil, words: { _ in "undated (test)" })
        guard case .failure(let r) = normaliser.normalise(Self.undated) else {
            Issue.record("an undated record without a default date was accepted")
            return
        }
        #expect(r.field == "date")
        #expect(r.reason == "undated (test)")
    }

    @Test("the run's words for it name --date, as rejected.csv always said")
    func runWordsNameTheFlag() {
        var normaliser = Normaliser(domains: DomainMap(rules: []), defaultDate: nil, words: RunWords.reason)
        guard case .failure(let r) = normaliser.normalise(Self.undated) else {
            Issue.record("an undated record without a default date was accepted")
            return
        }
        #expect(r.reason == "no date: add a date column or pass --date")
    }

    /// Every string literal of the targets below the run and the command line,
    /// searched for a `--flag`.
    @Test("no string below the run names a flag")
    func noFlagBelowTheRun() throws {
        let below = ["PledgeTallyCore", "AmountLanguage", "Ingest", "Normalise", "Aggregate", "RunCompare", "Render",
                     "XlsxWriter"]
        let flag = try Regex(#""[^"\n]*--[a-z][^"\n]*""#)
        var found: [String] = []
        for target in below {
            let folder = Command.packageRoot + "/Sources/" + target
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".swift") {
                let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") { continue }
                    if line.contains(flag) { found.append("\(target)/\(name):\(i + 1): \(code)") }
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
