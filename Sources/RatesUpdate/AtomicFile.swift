import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file at once: the new bytes go to a hidden temporary file in
/// the same folder, are synced, then renamed over the old one. A reader sees
/// the old file or the new one, never a part; a failure removes the
/// temporary file and leaves the old one as it was.
enum AtomicFile {
    static func replace(_ path: String, with bytes: [UInt8]) throws(RatesUpdateError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreate("\(folder): cannot create the folder: \(error.localizedDescription)")
            }
        } else if !isFolder.boolValue {
            throw .cannotCreate("\(folder): not a folder; the history cannot be written there")
        }
        var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw .cannotCreate("\(folder): cannot create a file there: \(String(cString: strerror(errno)))")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var done = false
        defer {
            if !done { unlink(temporary) }
        }
        func failure(_ what: String) -> RatesUpdateError {
            .ioError("\(path): \(what): \(String(cString: strerror(errno)))")
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let error = failure("cannot write")
                close(fd)
                throw error
            }
            offset += n
        }
        guard fchmod(fd, 0o644) == 0, fsync(fd) == 0 else {
            let error = failure("cannot write")
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure("cannot write") }
        guard rename(temporary, path) == 0 else { throw failure("cannot replace the file") }
        done = true
        // The rename itself made durable.
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }
}
