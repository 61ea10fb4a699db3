import Render

extension RunDiff {
    /// The report with every text from the files escaped as on stderr (`\\n`, `\\u{202E}`).
    public var text: String { text(escaping: { StandardError.printable($0) }) }
}
