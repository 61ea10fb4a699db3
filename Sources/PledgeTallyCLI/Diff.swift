import ArgumentParser
import PledgeTally
import Render

extension PledgeTallyCommand {
    /// `pledgetally diff`: what changed between two runs.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed between two runs' output folders.",
            discussion: "Pledges are matched by source file and investor, not line. Exits like diff(1): 0 identical, 1 different, 2 trouble."
        )

        @Argument(help: "The older output folder, e.g. Output/previous.")
        var old: String

        @Argument(help: "The newer output folder, e.g. Output.")
        var new: String

        @Option(help: ArgumentHelp("Also write the changes as CSV rows (+++ added, --- removed, -> changed).", valueName: "FILE"))
        var csv: String?

        func run() throws {
            let diff: RunDiff
            do {
                diff = try RunDiff(oldFolder: old, newFolder: new)
                if let csv {
                    let file = try OutputFile(path: csv)
                    try diff.writeCSV(to: file)
                    try file.finish()
                }
            } catch {
                StandardError.line("pledgetally diff: \(error)")
                throw ExitCodeError(code: 2)
            }
            print(diff.text, terminator: "")
            if !diff.isEmpty { throw ExitCodeError(code: 1) }
        }
    }
}
