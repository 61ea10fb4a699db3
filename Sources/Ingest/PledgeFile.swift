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
    /// `RawRecord.source`. A name that is not UTF-8 is shown with its other
    /// bytes escaped (``RawPath/shown``).
    public var name: String
    /// The path, for messages (shown as `name` is).
    public var path: String
    /// The path to open: the folder entry's own bytes.
    public var rawPath: RawPath
    public var format: PledgeFileFormat

    public init(name: String, path: String, format: PledgeFileFormat) {
        self.init(name: name, rawPath: RawPath(path), format: format)
    }

    /// A file by its path's bytes; `name` is shown as it is.
    public init(name: String, rawPath: RawPath, format: PledgeFileFormat) {
        self.name = name
        self.path = rawPath.shown
        self.rawPath = rawPath
        self.format = format
    }
}
