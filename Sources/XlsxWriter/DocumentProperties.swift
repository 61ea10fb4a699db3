/// The document properties stored in `docProps/core.xml`, with a fixed creation date.
///
/// libxlsxwriter stamps the current time when the creation date is unset (0).
/// Here it is always set: by default to 1980-01-01T00:00:00Z, the same instant
/// libxlsxwriter gives every zip entry, so that the same content always gives
/// the same bytes. Pass a date of your own (seconds since 1970, UTC) to show
/// one in Excel; it is written as both "created" and "modified".
public struct DocumentProperties: Hashable, Sendable {
    /// 1980-01-01T00:00:00Z in seconds since the Unix epoch.
    public static let defaultCreated: Int64 = 315_532_800

    public var title: String?
    public var subject: String?
    public var author: String?
    public var manager: String?
    public var company: String?
    public var category: String?
    public var keywords: String?
    public var comments: String?
    public var status: String?
    /// Creation (and modification) time, seconds since 1970-01-01T00:00:00Z; must be positive
    /// (libxlsxwriter would read 0 as "now").
    public var created: Int64

    public init(
        title: String? = nil, subject: String? = nil, author: String? = nil,
        manager: String? = nil, company: String? = nil, category: String? = nil,
        keywords: String? = nil, comments: String? = nil, status: String? = nil,
        created: Int64 = DocumentProperties.defaultCreated
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.status = status
        self.created = created
    }

    var strings: [String?] { [title, subject, author, manager, company, category, keywords, comments, status] }
}

/// How libxlsxwriter builds the workbook.
public struct WorkbookOptions: Hashable, Sendable {
    /// libxlsxwriter's `constant_memory`: each worksheet keeps only its current
    /// row in memory and flushes it to a temporary file when a later row is
    /// started. It applies to the whole workbook. Each sheet has its own row
    /// cursor, so sheets may be filled in any interleaving, but within a sheet
    /// rows must come in increasing order: writing to an earlier row throws
    /// ``XlsxError/rowAlreadyWritten(sheet:row:col:)``. Strings are written
    /// inline (no shared-strings table), `mergeRange` and `setRow` only work on
    /// the current row, and charts carry no cached data (readers recompute them).
    public var constantMemory: Bool
    /// Directory for libxlsxwriter's temporary files (default: the system's).
    /// Checked at ``Workbook/init(path:options:properties:)``: libxlsxwriter
    /// would otherwise fall back silently to another directory.
    public var tmpdir: String?
    /// Allow ZIP64 extensions, needed when the file or a part of it exceeds 4 GB.
    public var useZip64: Bool
    /// The zlib level (0 none … 9 smallest) for the zip parts; nil keeps
    /// libxlsxwriter's (zlib's default, 6). Level 1 deflates a large sheet in
    /// about half the time for a file about a fifth larger. Applied at
    /// ``Workbook/close()`` to this workbook only.
    public var compressionLevel: Int?

    public init(constantMemory: Bool = false, tmpdir: String? = nil, useZip64: Bool = false, compressionLevel: Int? = nil) {
        self.constantMemory = constantMemory
        self.tmpdir = tmpdir
        self.useZip64 = useZip64
        self.compressionLevel = compressionLevel.map { min(9, max(0, $0)) }
    }
}
