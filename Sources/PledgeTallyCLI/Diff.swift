import ArgumentParser
import PledgeTally
import Render
import RunCompare

extension PledgeTallyCommand {
    /// `pledgetally diff`: what changed between two runs.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed between two runs' output folders.",
            discussion: """
                Pledges are matched by source file, investor and n-th occurrence, not line. The first line counts the \
                changes, the second bridges the old total to the new one; then one line per change, largest first: \
                + added, - removed, ~ changed, ! now rejected, * no longer rejected. Exits like diff(1): 0 identical, \
                1 different, 2 trouble (a missing or damaged file, or output that cannot be written).
                """
        )

        @Argument(help: "The older output folder, e.g. Output/previous.")
        var old: String

        @Argument(help: "The newer output folder, e.g. Output.")
        var new: String

        @Option(help: ArgumentHelp("Also write the changes as CSV rows (+++ added, --- removed, -> changed, now-rejected, no-longer-rejected).", valueName: "FILE"))
        var csv: String?

        func run() throws {
            let diff: RunDiff
            do {
                diff = try RunDiff(oldFolder: old, newFolder: new, parallel: true)
                if let csv {
                    let file = try OutputFile(path: csv)
                    try diff.writeCSV(to: file, chunked: true)
                    try file.finish()
                }
            } catch {
                StandardError.line("pledgetally diff: \(error)")
                throw ExitCodeError(code: 2)
            }
            do {
                // Streamed in blocks of about 1 MiB: a diff of a million changes is never held whole.
                try diff.writeTextBlocks { bytes throws(StandardOutput.WriteFailed) in try StandardOutput.write(bytes) }
            } catch {
                StandardError.line("pledgetally diff: \(error)")
                throw ExitCodeError(code: 2)
            }
            if !diff.isEmpty { throw ExitCodeError(code: 1) }
        }
    }
}
