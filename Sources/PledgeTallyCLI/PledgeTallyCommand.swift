import ArgumentParser
import PledgeTally

/// The `pledgetally` command: investment pledges in, exact spreadsheets out.
public struct PledgeTallyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pledgetally",
        abstract: "Turn investment pledges as the press writes them into exact, diffable reports."
    )
    public init() {}
}
