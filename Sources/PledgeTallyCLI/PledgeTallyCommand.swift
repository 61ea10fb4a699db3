import ArgumentParser
import PledgeTally

/// The `pledgetally` command: investment pledges in, exact spreadsheets out.
public struct PledgeTallyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pledgetally",
        abstract: "Turn investment pledges as the press writes them into exact, diffable reports.",
        version: Pipeline.version,
        subcommands: [Run.self, Parse.self, Diff.self, Rates.self]
    )
    public init() {}

    /// Runs the command line and exits with the documented code (sysexits, docs/cli.md).
    public static func mainExit(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            exit(withError: nil)
        } catch let error as RunError {
            StandardError.report("pledgetally: \(error.message)")
            terminate(error.exitCode)
        } catch let error as ExitCodeError {
            terminate(error.code)
        } catch {
            // Usage errors exit 64 (EX_USAGE), help and version 0.
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            StandardError.line(fullMessage(for: error))
            // `diff` exits like diff(1): 2 for any trouble, usage included.
            let args = arguments ?? Array(CommandLine.arguments.dropFirst())
            terminate(args.first == "diff" ? 2 : 64)
        }
    }
}

/// A command that has already said what went wrong and only needs to exit.
struct ExitCodeError: Error {
    var code: Int32
}
