import Crypto
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 of files, read in chunks so large inputs cost no memory.
public enum FileDigest {
    /// The lower-case hex SHA-256 of the file at `path`.
    public static func sha256(path: String) throws(IngestError) -> String {
        try sha256(RawPath(path))
    }

    /// The lower-case hex SHA-256 of the file at `raw`, opened through
    /// ``InputFile/open(_:)`` (a named pipe swapped in for an input must not
    /// stall the run, nor this digest's thread).
    public static func sha256(_ raw: RawPath) throws(IngestError) -> String {
        let path = raw.shown
        let fd: Int32
        do throws(InputFile.Failure) {
            fd = try InputFile.open(raw).descriptor
        } catch {
            switch error {
            case .cannotOpen(let code): throw .unreadable(path: path, reason: IngestError.systemMessage(code))
            case .notRegular: throw .notRegularFile(path: path)
            }
        }
        defer { close(fd) }
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
    private var results: [RawPath: Result<String, IngestError>] = [:]

    public init(paths: [RawPath]) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var found: [RawPath: Result<String, IngestError>] = [:]
            for path in paths {
                do throws(IngestError) { found[path] = .success(try FileDigest.sha256(path)) } catch { found[path] = .failure(error) }
            }
            results = found
            group.leave()
        }
    }

    /// The digest of `path`, waiting for the computation if needed.
    public func sha256(_ path: RawPath) throws(IngestError) -> String {
        group.wait()
        guard let result = results[path] else { return try FileDigest.sha256(path) }
        return try result.get()
    }
}
