#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Ingest {
    /// The pledge files of a folder in file-name order (byte order of the UTF-8
    /// names, independent of the order the file system lists them, of locale).
    ///
    /// Hidden files (name starting with `.`) are skipped. Throws
    /// ``IngestError/folderMissing(path:)`` when the folder does not exist,
    /// ``IngestError/unexpectedFile(path:)`` for the first entry (in name
    /// order) that is not a regular `.csv`, `.tsv` or `.md` file (symbolic
    /// links are followed), ``IngestError/unreadable(path:reason:)`` when the
    /// folder cannot be listed or a link in it is broken.
    public static func pledgeFiles(in folder: String) throws(IngestError) -> [PledgeFile] {
        guard let directory = opendir(folder) else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .folderMissing(path: folder) }
            throw .unreadable(path: folder, reason: IngestError.systemMessage(code))
        }
        defer { closedir(directory) }

        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                let code = errno
                if code != 0 { throw .unreadable(path: folder, reason: IngestError.systemMessage(code)) }
                break
            }
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name.first == UInt8(ascii: ".") { continue }   // ".", "..", hidden files
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }

        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var files: [PledgeFile] = []
        files.reserveCapacity(names.count)
        for bytes in names {
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw .unexpectedFile(path: prefix + String(decoding: bytes, as: UTF8.self))
            }
            let path = prefix + name
            guard let format = PledgeFileFormat(fileName: name) else {
                throw .unexpectedFile(path: path)
            }
            var status = stat()
            if stat(path, &status) != 0 {
                let code = errno
                // A broken link: the file it names cannot be read (exit 66).
                throw .unreadable(path: path, reason: IngestError.systemMessage(code))
            }
            guard status.st_mode & S_IFMT == S_IFREG else { throw .unexpectedFile(path: path) }
            files.append(PledgeFile(name: name, path: path, format: format))
        }
        return files
    }
}
