#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Ingest {
    /// The pledge files of a folder in file-name order (byte order of the
    /// names, independent of the order the file system lists them, of locale).
    /// A name that is not UTF-8 is read all the same, shown escaped.
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
            // A name that is not UTF-8 is opened by its bytes and shown escaped.
            let name = RawPath.shown(bytes)
            let raw = RawPath(bytes: Array(prefix.utf8) + bytes)
            guard let format = PledgeFileFormat(fileName: name) else {
                throw .unexpectedFile(path: raw.shown)
            }
            let status: stat
            do throws(InputFile.Failure) {
                status = try InputFile.status(raw)
            } catch {
                // A broken link: the file it names cannot be read (exit 66).
                guard case .cannotOpen(let code) = error else { throw .unexpectedFile(path: raw.shown) }
                throw .unreadable(path: raw.shown, reason: IngestError.systemMessage(code))
            }
            guard status.st_mode & S_IFMT == S_IFREG else { throw .unexpectedFile(path: raw.shown) }
            files.append(PledgeFile(name: name, rawPath: raw, format: format))
        }
        return files
    }
}
