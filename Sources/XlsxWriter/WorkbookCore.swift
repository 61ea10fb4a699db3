import CXlsxWriter
import CZipLevel
import Glibc
import Synchronization

private let nextWorkbookID = Atomic<UInt64>(1)

/// The reference-counted owner of an `lxw_workbook*`, shared by the
/// ``Workbook`` and every ``Worksheet`` and ``Chart`` it made.
///
/// Once the workbook is closed or abandoned `handle` is nil, and every handle
/// that still points into it throws ``XlsxError/workbookClosed(operation:)``
/// instead of touching freed memory.
final class WorkbookCore {
    let id: UInt64
    let path: String
    let constantMemory: Bool
    /// The zlib level for `close()`, or nil for libxlsxwriter's own.
    var compressionLevel: Int?
    private(set) var handle: UnsafeMutablePointer<lxw_workbook>?
    /// Our copy of the tmpdir string given to C, freed once C is done.
    private var tmpdirCopy: UnsafeMutablePointer<CChar>?

    var sheets: [Worksheet] = []
    var sheetKeys: [String: String] = [:]
    var formats: [Format: CellFormat] = [:]
    var charts: [Chart] = []
    var dateFormat: CellFormat?

    init(path: String, options: WorkbookOptions, properties: DocumentProperties) throws(XlsxError) {
        if path.isEmpty || path.utf8.contains(0) {
            throw .invalidArgument(operation: "Workbook(path:)", detail: "the path must be non-empty and free of NUL")
        }
        if properties.created <= 0 || properties.created > 253_402_300_799 {
            throw .invalidArgument(
                operation: "DocumentProperties",
                detail: "created (\(properties.created)) must be in 1...253402300799 seconds since 1970 (0 would mean the current time)")
        }
        for s in properties.strings { if let s, s.utf8.contains(0) {
            throw .invalidArgument(operation: "DocumentProperties", detail: "a property contains NUL")
        } }
        if let dir = options.tmpdir {
            var st = stat()
            if dir.utf8.contains(0) || stat(dir, &st) != 0 {
                throw .invalidTmpdir(path: dir, reason: String(cString: strerror(errno)))
            }
            if (st.st_mode & S_IFMT) != S_IFDIR { throw .invalidTmpdir(path: dir, reason: "not a directory") }
            if access(dir, W_OK | X_OK) != 0 { throw .invalidTmpdir(path: dir, reason: String(cString: strerror(errno))) }
            tmpdirCopy = strdup(dir)
        }
        self.id = nextWorkbookID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.path = path
        self.constantMemory = options.constantMemory
        self.compressionLevel = options.compressionLevel

        var cOptions = lxw_workbook_options(
            constant_memory: options.constantMemory ? 1 : 0,
            tmpdir: tmpdirCopy,
            use_zip64: options.useZip64 ? 1 : 0)
        guard let wb = workbook_new_opt(path, &cOptions) else {
            free(tmpdirCopy)
            tmpdirCopy = nil
            throw .library(operation: "Workbook(path: '\(path)')", code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue),
                           message: "libxlsxwriter could not create the workbook")
        }
        handle = wb

        // C copies the strings; ours are freed right after.
        let copies = properties.strings.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        var props = lxw_doc_properties()
        props.title = copies[0]
        props.subject = copies[1]
        props.author = copies[2]
        props.manager = copies[3]
        props.company = copies[4]
        props.category = copies[5]
        props.keywords = copies[6]
        props.comments = copies[7]
        props.status = copies[8]
        props.created = time_t(properties.created)
        let err = workbook_set_properties(wb, &props)
        if err != LXW_NO_ERROR {
            abandon()
            throw .library(operation: "Workbook document properties", code: Int(err.rawValue), message: cMessage(err))
        }
    }

    deinit { abandon() }

    func requireOpen(_ operation: @autoclosure () -> String) throws(XlsxError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw .workbookClosed(operation: operation()) }
        return handle
    }

    /// Writes the file and frees the C workbook, whatever the outcome.
    func close() throws(XlsxError) {
        guard let wb = handle else { throw .workbookClosed(operation: "close '\(path)'") }

        // Fail early, with the system's reason, when the file cannot be created:
        // libxlsxwriter only learns this after assembling, and its error path
        // leaves the constant-memory temporary files open.
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o666)
        if fd < 0 {
            let reason = String(cString: strerror(errno))
            abandon()
            throw .cannotCreateFile(path: path, reason: reason)
        }
        Glibc.close(fd)

        let temps = sheets.compactMap { TempFileIdentity($0.pointer.pointee.optimize_tmpfile) }
        errno = 0
        if let level = compressionLevel { _ = xlsx_set_deflate_level(Int32(level)) }
        let err = workbook_close(wb)
        if compressionLevel != nil { _ = xlsx_set_deflate_level(-2) }
        let savedErrno = errno
        handle = nil
        release()
        guard err != LXW_NO_ERROR else { return }

        temps.forEach { $0.closeIfStillOpen() }
        var reason = cMessage(err)
        if savedErrno != 0 { reason += " (\(String(cString: strerror(savedErrno))))" }
        if err == LXW_ERROR_CREATING_XLSX_FILE { throw .cannotCreateFile(path: path, reason: reason) }
        throw .saveFailed(path: path, reason: reason)
    }

    /// Frees the C workbook without writing anything. Idempotent.
    func abandon() {
        guard let wb = handle else { return }
        // lxw_workbook_free does not close a constant-memory sheet's temporary file.
        for sheet in sheets {
            if let f = sheet.pointer.pointee.optimize_tmpfile {
                fclose(f)
                sheet.pointer.pointee.optimize_tmpfile = nil
            }
        }
        lxw_workbook_free(wb)
        handle = nil
        release()
    }

    /// Drops the handles (breaking the sheet <-> core cycle) and our C strings.
    private func release() {
        sheets.removeAll()
        charts.removeAll()
        formats.removeAll()
        dateFormat = nil
        free(tmpdirCopy)
        tmpdirCopy = nil
    }
}

/// A temporary file's descriptor and inode, to close it after a failed
/// `workbook_close` only if the descriptor still refers to that same file.
private struct TempFileIdentity {
    let fd: Int32
    let dev: UInt
    let ino: UInt

    init?(_ file: UnsafeMutablePointer<FILE>?) {
        guard let file else { return nil }
        fd = fileno(file)
        var st = stat()
        guard fd >= 0, fstat(fd, &st) == 0 else { return nil }
        dev = UInt(st.st_dev)
        ino = UInt(st.st_ino)
    }

    func closeIfStillOpen() {
        var st = stat()
        if fstat(fd, &st) == 0, UInt(st.st_dev) == dev, UInt(st.st_ino) == ino, st.st_nlink == 0 {
            Glibc.close(fd)
        }
    }
}
