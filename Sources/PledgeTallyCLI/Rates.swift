import ArgumentParser
import Foundation
import PledgeTally
import RatesUpdate

extension PledgeTallyCommand {
    /// `pledgetally rates …`: the reference rates the runs use.
    struct Rates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep the ECB reference rates in the input folder fresh.",
            subcommands: [Update.self]
        )
    }
}

extension PledgeTallyCommand.Rates {
    /// `pledgetally rates update`: the ECB history downloaded and swapped in.
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download the ECB history and replace rates/eurofxref-hist.csv when it is valid and only adds days.",
            discussion: """
                Exit status: 0 updated or already up to date; 75 the network or the server failed; \
                65 the download is not a valid history, is too large, lacks a local day or changes a \
                published rate; 73/74 the local file cannot be written. On failure the local file is unchanged.
                """
        )

        @Option(help: "The input folder whose rates/eurofxref-hist.csv is updated.")
        var input = "Input"

        @Option(help: "The ECB history to download: the zip or the plain CSV (told apart by content).")
        var url = RatesUpdate.defaultURL

        @Option(help: ArgumentHelp("Give up when the server sends nothing for this long (the whole download: 10 times as long).",
                                   valueName: "SECONDS"))
        var timeout: Double = 60

        func validate() throws {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", parsed.host != nil else {
                throw ValidationError("--url must be an http or https URL, like \(RatesUpdate.defaultURL); got ‘\(url)’.")
            }
            guard timeout > 0, timeout <= 3600 else {
                throw ValidationError("--timeout must be a number of seconds above 0 and at most 3600; got \(timeout).")
            }
        }

        func run() throws {
            do {
                let line = try RatesUpdate.run(input: input, url: URL(string: url)!, timeout: timeout)
                print(line)
            } catch {
                StandardError.report("pledgetally: rates update: \(error.description); \(input)/\(RatesUpdate.historyPath) left as it was")
                throw ExitCodeError(code: error.exitCode)
            }
        }
    }
}
