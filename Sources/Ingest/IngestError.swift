#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem with the pledges folder or a file in it that stops the run.
///
/// Problems inside a file's contents are not errors: they are rejections
/// (`IngestEvent.rejected`), and the run goes on. The run chooses the exit
/// status (`RunError`).
public enum IngestError: Error, Equatable, CustomStringConvertible {
    /// The pledges folder does not exist (or is not a folder).
    case folderMissing(path: String)
    /// Something in the pledges folder that is not a pledge file: another
    /// extension, or a folder or special file named like one: the input is
    /// there but its contents are wrong.
    case unexpectedFile(path: String)
    /// A file that must be a regular file is a folder, a named pipe or a
    /// device.
    case notRegularFile(path: String)
    /// Opening or reading failed; `reason` is the system's (strerror).
    case unreadable(path: String, reason: String)

    /// One line naming the file and the reason.
    public var description: String {
        switch self {
        case .folderMissing(let path):
            return "\(path): no such folder; pledge files are read from it"
        case .unexpectedFile(let path):
            if PledgeFileFormat(fileName: path) != nil {
                return "\(path): not a regular file (a folder or a special file); pledge files must be plain .csv, .tsv or .md files"
            }
            return "\(path): not a pledge file; only .csv, .tsv and .md files belong in the pledges folder"
        case .notRegularFile(let path):
            return "\(path): not a regular file (a folder or a special file)"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        }
    }

    /// The system's message for an errno value.
    package static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
