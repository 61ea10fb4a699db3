import ArgumentParser
import Testing
@testable import PledgeTallyCLI

/// The command line's options parsed in process (`parseAsRoot`), without
/// running anything; `CommandLineTests` checks the same through the binary.
@Suite("Option parsing")
struct OptionParsingTests {
    func parse<C: ParsableCommand>(_ arguments: [String], as: C.Type) throws -> C {
        let command = try PledgeTallyCommand.parseAsRoot(arguments)
        return try #require(command as? C, "parsed as \(type(of: command))")
    }

    /// The message and the exit code the binary would give for `arguments`.
    func failure(_ arguments: [String]) -> (message: String, code: Int32)? {
        do {
            _ = try PledgeTallyCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return (PledgeTallyCommand.message(for: error), PledgeTallyCommand.exitCode(for: error).rawValue)
        }
    }

    @Test func runDefaultsAreTheDocumentedOnes() throws {
        let run = try parse(["run"], as: PledgeTallyCommand.Run.self)
        #expect(run.input == "Input")
        #expect(run.output == "Output")
        #expect(run.currency == "EUR")
        #expect(run.date == nil)
        #expect(run.lang == "en")
        #expect(run.strict == false)
    }

    @Test func runTakesEveryOption() throws {
        let run = try parse(
            ["run", "--input", "In", "--output", "Out", "--currency", "USD", "--date", "2025-02-11", "--lang", "fr", "--strict"],
            as: PledgeTallyCommand.Run.self)
        #expect(run.input == "In")
        #expect(run.output == "Out")
        #expect(run.currency == "USD")
        #expect(run.date == "2025-02-11")
        #expect(run.lang == "fr")
        #expect(run.strict)
    }

    @Test(arguments: [
        (["run", "--currency", "usd"], "--currency must be an ISO 4217 code in capitals"),
        (["run", "--currency", "EURO"], "--currency must be an ISO 4217 code in capitals"),
        (["run", "--date", "2025-02-30"], "--date must be a real day written YYYY-MM-DD"),
        (["run", "--date", "10/02/2025"], "--date must be a real day written YYYY-MM-DD"),
        (["run", "--lang", "de"], "--lang must be en or fr"),
    ])
    func badValuesAreUsageErrors(arguments: [String], message: String) throws {
        let f = try #require(failure(arguments))
        #expect(f.message.contains(message), "\(f.message)")
        #expect(f.code == 64)
    }

    @Test func unknownOptionsAndCommandsAreRefused() throws {
        let option = try #require(failure(["run", "--currencies", "EUR"]))
        #expect(option.message.contains("--currencies"))
        #expect(option.code == 64)
        #expect(failure(["report"]) != nil)
        #expect(failure(["diff", "only-one"]) != nil)
    }

    @Test func parseTakesEveryPhrase() throws {
        let command = try parse(["parse", "jusqu’à 50 milliards d’euros", "an initial $5bn"], as: PledgeTallyCommand.Parse.self)
        #expect(command.phrases == ["jusqu’à 50 milliards d’euros", "an initial $5bn"])
    }

    @Test func diffTakesTwoFoldersAndAnOptionalCSV() throws {
        let plain = try parse(["diff", "Output/previous", "Output"], as: PledgeTallyCommand.Diff.self)
        #expect(plain.old == "Output/previous")
        #expect(plain.new == "Output")
        #expect(plain.csv == nil)
        let csv = try parse(["diff", "a", "b", "--csv", "changes.csv"], as: PledgeTallyCommand.Diff.self)
        #expect(csv.csv == "changes.csv")
    }
}
