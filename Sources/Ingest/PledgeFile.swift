/// The format of a pledge file, told by its extension.
public enum PledgeFileFormat: Sendable {
    /// `.csv`: comma- or semicolon-separated values, RFC 4180 quoting.
    case csv
    /// `.tsv`: tab-separated values, quoted the same way.
    case tsv
    /// `.md`: Markdown pipe tables among other text.
    case markdown
    /// `.xlsx` and `.xlsm` workbooks; `.xls` and `.xlsb` too, to be told
    /// they must be saved as `.xlsx`.
    case xlsx

    /// The format of a file name's extension (`.csv`, `.tsv`, `.md`, `.xlsx`…, in any
    /// case), or nil when it is none of these.
    public init?(fileName: String) {
        let lower = fileName.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if lower.count > 4, lower.suffix(4).elementsEqual(".csv".utf8) {
            self = .csv
        } else if lower.count > 4, lower.suffix(4).elementsEqual(".tsv".utf8) {
            self = .tsv
        } else if lower.count > 3, lower.suffix(3).elementsEqual(".md".utf8) {
            self = .markdown
        } else if lower.count > 5, [".xlsx", ".xlsm", ".xlsb"].contains(where: { lower.suffix(5).elementsEqual($0.utf8) }) {
            self = .xlsx
        } else if lower.count > 4, lower.suffix(4).elementsEqual(".xls".utf8) {
            self = .xlsx
        } else {
            return nil
        }
    }
}

/// One file of the pledges folder.
public struct PledgeFile: Sendable, Equatable {
    /// The file name, relative to the pledges folder ("summit.md"); becomes
    /// `RawRecord.source`.
    public var name: String
    /// The path to open.
    public var path: String
    public var format: PledgeFileFormat

    public init(name: String, path: String, format: PledgeFileFormat) {
        self.name = name
        self.path = path
        self.format = format
    }
}
