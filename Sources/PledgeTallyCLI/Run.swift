import ArgumentParser
import PledgeTally
import PledgeTallyCore
import Aggregate

extension PledgeTallyCommand {
    /// `pledgetally run`: the whole pipeline.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the pledges in the input folder and write the reports into the output folder."
        )

        @Option(help: "The input folder: pledges/, domains.csv, rates/.")
        var input = "Input"

        @Option(help: "The output folder, replaced as a whole when the run succeeds.")
        var output = "Output"

        @Option(help: "The reporting currency: EUR or any currency of the ECB rates (ISO 4217 code).")
        var currency = "EUR"

        @Option(help: ArgumentHelp("The pledge date for records that carry none.", valueName: "YYYY-MM-DD"))
        var date: String?

        @Option(help: "The language of the workbook's labels and sheet names: en or fr.")
        var lang = "en"

        @Flag(help: "Fail (exit 65, outputs untouched) when any record is rejected.")
        var strict = false

        func validate() throws {
            guard currency.count == 3, currency.utf8.allSatisfy({ (65...90).contains($0) }) else {
                throw ValidationError("--currency must be an ISO 4217 code in capitals, like EUR or USD; got ‘\(currency)’.")
            }
            if let date, Day(iso: date) == nil {
                throw ValidationError("--date must be a real day written YYYY-MM-DD, like 2025-02-10; got ‘\(date)’.")
            }
            guard Language(rawValue: lang) != nil else {
                throw ValidationError("--lang must be en or fr; got ‘\(lang)’.")
            }
        }

        func run() throws {
            let options = RunOptions(
                input: input, output: output, currency: Currency(currency), date: date.flatMap { Day(iso: $0) },
                language: Language(rawValue: lang) ?? .en, strict: strict)
            Interruption.install()   // SIGTERM, SIGINT, SIGHUP: staging removed, exit 128 + signal
            let facts = try Pipeline.run(options)
            StandardError.line(RunWords.summary(facts, output: output))
        }
    }
}
