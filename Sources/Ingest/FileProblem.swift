/// What is wrong with an input file, at a line (0: the file as a whole), in
/// one line a user reads: `path:line: reason`. Used for every reference file
/// (domains.csv, rates files, a previous run's CSVs) and as a warning when the
/// rest of the file still counts.
public struct FileProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var reason: String
    public var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }

    package init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }
}
