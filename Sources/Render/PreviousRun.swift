import PledgeTallyCore
import Aggregate
import RunCompare
import Foundation

/// What a run's changes are, for changes.csv and the Changes sheet.
public enum RunChanges: Sendable {
    /// No earlier run to compare with.
    case firstRun
    /// The earlier run's files could not be compared (the reason); the report is still written.
    case unavailable(String)
    case diff(RunDiff)
}

/// The run already in the output folder, and what this run makes of it.
///
/// A run whose manifest.json is byte for byte the published one's — same
/// input files (SHA-256), options and tool version, hence the same results —
/// is the same run: it compares with the same `previous/`, keeps the history
/// as it is, and rotates nothing, so its outputs are byte-identical. Any
/// other run compares with the published run, which then becomes `previous/`,
/// and appends itself to the history.
package struct PreviousRun {
    /// The published output folder.
    let target: String

    package init(target: String) { self.target = target }

    package struct Outcome {
        package var identical: Bool
        var changes: RunChanges
        var history: RunHistory
    }

    /// Writes changes.csv and history.csv (and history.damaged.csv when the
    /// old history cannot be read) into `staging`, where pledges.csv,
    /// rejected.csv, by_domain.csv and manifest.json (`manifest`) are complete.
    func compare(manifest: String, staging: String, facts: RunFacts, latestPledgeDate: Day?,
                 say: (String) -> Void) throws(OutputError) -> Outcome {
        let fm = FileManager.default
        let published = fm.contents(atPath: target + "/manifest.json")
        let identical = published == Data(manifest.utf8)
        let base = identical ? target + "/previous" : target

        let changes: RunChanges
        if fm.fileExists(atPath: base + "/pledges.csv") || fm.fileExists(atPath: base + "/manifest.json") {
            do throws(DiffError) {
                changes = .diff(try RunDiff(oldFolder: base, newFolder: staging))
            } catch {
                say("warning: cannot compare with the previous run: \(error.message); changes.csv lists no change")
                changes = .unavailable(error.message)
            }
        } else {
            changes = .firstRun
        }
        let changesFile = try OutputFile(path: staging + "/changes.csv")
        if case .diff(let d) = changes {
            do {
                try d.writeCSV(to: changesFile)
            } catch let e as OutputError {
                throw e
            } catch {
                // A run's file changed between the comparison and this write.
                throw .writeFailed(path: staging + "/changes.csv", reason: String(describing: error))
            }
        } else {
            try RunDiff.writeEmptyCSV(to: changesFile)
        }
        try changesFile.finish()

        let historyPath = target + "/history.csv"
        var history = RunHistory()
        if identical, let bytes = fm.contents(atPath: historyPath) {
            history = (try? RunHistory.read(path: historyPath)) ?? RunHistory()
            try copy(bytes, to: staging + "/history.csv")
            return Outcome(identical: true, changes: changes, history: history)
        }
        if let bytes = fm.contents(atPath: historyPath) {
            do {
                history = try RunHistory.read(path: historyPath)
            } catch {
                say("warning: \(historyPath): damaged (\(error)); the history starts again from this run, "
                    + "and the damaged file is kept as history.damaged.csv")
                try copy(bytes, to: staging + "/history.damaged.csv")
                history = RunHistory()
            }
        }
        history.append(facts, latestPledgeDate: latestPledgeDate)
        let historyFile = try OutputFile(path: staging + "/history.csv")
        try history.write(to: historyFile)
        try historyFile.finish()
        return Outcome(identical: identical, changes: changes, history: history)
    }

    private func copy(_ bytes: Data, to path: String) throws(OutputError) {
        let file = try OutputFile(path: path)
        do {
            try bytes.withUnsafeBytes { raw in try file.write(raw: raw.bindMemory(to: UInt8.self)) }
        } catch let e as OutputError {
            throw e
        } catch {
            throw .writeFailed(path: path, reason: String(describing: error))
        }
        try file.finish()
    }
}
