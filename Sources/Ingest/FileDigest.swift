import Crypto
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 of files, read in chunks so large inputs cost no memory.
public enum FileDigest {
    /// The lower-case hex SHA-256 of the file at `path`.
    public static func sha256(path: String) throws(IngestError) -> String {
        // Non-blocking open, then only a regular file: a named pipe swapped in
        // for an input must not stall the run (nor this digest's thread).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw .unreadable(path: path, reason: IngestError.systemMessage(errno)) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .notRegularFile(path: path)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: IngestError.systemMessage(errno))
            }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        }
        return hex(hasher.finalize())
    }

    /// The lower-case hex SHA-256 of `bytes`.
    public static func sha256(bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// SHA-256 of several files, computed on another thread while the run reads
/// them (the digest is the manifest's, so it may arrive late).
public final class BackgroundDigests: @unchecked Sendable {
    private let group = DispatchGroup()
    private var results: [String: Result<String, IngestError>] = [:]

    public init(paths: [String]) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var found: [String: Result<String, IngestError>] = [:]
            for path in paths {
                do throws(IngestError) { found[path] = .success(try FileDigest.sha256(path: path)) } catch { found[path] = .failure(error) }
            }
            results = found
            group.leave()
        }
    }

    /// The digest of `path`, waiting for the computation if needed.
    public func sha256(_ path: String) throws(IngestError) -> String {
        group.wait()
        guard let result = results[path] else { return try FileDigest.sha256(path: path) }
        return try result.get()
    }
}
