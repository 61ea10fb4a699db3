#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One temporary file, rewritten in place for every input, that the readers
/// open by path.
///
/// The file is unlinked as soon as it is made and reached through
/// `/proc/self/fd/N`, so a fuzzer that is killed or crashes leaves nothing in
/// the temporary folder.
public final class ScratchFile {
    /// The path to hand to the readers.
    public let path: String
    private let descriptor: Int32

    public init() {
        var template = Array("/tmp/pledgetally-fuzz-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { fatalError("cannot make a temporary file: \(String(cString: strerror(errno)))") }
        let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(name)
        self.descriptor = descriptor
        self.path = "/proc/self/fd/\(descriptor)"
    }

    deinit {
        close(descriptor)
    }

    /// Replaces the file's contents with `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard ftruncate(descriptor, 0) == 0 else { fatalError("ftruncate: \(String(cString: strerror(errno)))") }
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(done))
            if written < 0 {
                if errno == EINTR { continue }
                fatalError("pwrite: \(String(cString: strerror(errno)))")
            }
            done += written
        }
    }
}
