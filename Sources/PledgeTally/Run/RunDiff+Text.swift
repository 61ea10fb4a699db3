import Render
import RunCompare

extension RunDiff {
    /// The report with every text from the files escaped as on stderr (`\\n`, `\\u{202E}`).
    public func text() throws -> String { try text(escaping: { StandardError.printable($0) }) }

    /// The same report, line by line (without line ends), as it is made.
    public func writeText(line: (String) throws -> Void) throws {
        try writeText(escaping: { StandardError.printable($0) }, line: line)
    }
}
