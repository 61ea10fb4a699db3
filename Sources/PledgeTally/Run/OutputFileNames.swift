/// The names of the files a run writes into the output folder — the one list
/// of them. The output folder is the job's only while everything in it is one
/// of these (with `manifest.json` saying pledgetally wrote it), so a new output
/// file must be added here: staging a file whose name is not listed stops the
/// run (see `OutputTransaction.path(_:)`). A previous run written by an older
/// version, with fewer of these files, is still recognised.
public enum OutputFileNames {
    public static let all: Set<String> = [
        "by_domain.csv",
        "changes.csv",
        "history.csv",
        "history.damaged.csv",
        "manifest.json",
        "pledges.csv",
        "rejected.csv",
        "report.xlsx",
    ]

    /// The file that marks a folder as holding a run, written and published last.
    public static let manifest = "manifest.json"

    /// The folder holding the run before the current one.
    public static let previous = "previous"
}
