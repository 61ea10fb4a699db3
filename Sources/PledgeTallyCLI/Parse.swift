import ArgumentParser
import AmountLanguage
import PledgeTally
import Normalise
import Render

extension PledgeTallyCommand {
    /// `pledgetally parse`: how the amount grammar reads phrases.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse amount phrases and print one JSON object per phrase (exit 65 if any failed)."
        )

        @Argument(help: "Amount phrases, e.g. \"jusqu’à 50 milliards d’euros\".")
        var phrases: [String]

        func run() throws {
            var failed = false
            for phrase in phrases {
                let result = AmountParser.parse(phrase)
                if case .failure = result { failed = true }
                do {
                    try StandardOutput.write(Self.json(phrase, result) + "\n")
                } catch {
                    StandardError.line("pledgetally parse: \(error)")
                    throw ExitCodeError(code: 74)
                }
            }
            if failed { throw ExitCodeError(code: 65) }
        }

        /// The object of docs/cli.md (parse) for one phrase, on one line.
        static func json(_ text: String, _ result: Result<ParsedAmount, AmountParseError>) -> String {
            switch result {
            case .success(let p):
                return JSONText.object([
                    ("text", .string(text)),
                    ("qualifier", .string(p.qualifier.rawValue)),
                    ("amount", .optional(p.amount?.description)),
                    ("amount_low", .optional(p.amountLow?.description)),
                    ("currency", .optional(p.currency)),
                ]).rendered(indent: nil)
            case .failure(let e):
                return JSONText.object([("text", .string(text)), ("error", .string(e.reason))]).rendered(indent: nil)
            }
        }
    }
}
