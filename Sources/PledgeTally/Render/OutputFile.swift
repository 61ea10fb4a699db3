#if canImport(Glibc)
import Glibc
#endif

/// A file being written through a large buffer, with every failure reported
/// as an `OutputError` naming the file.
public final class OutputFile {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int

    /// Creates (or truncates) `path`, mode 0644.
    public init(path: String, capacity: Int = 1 << 20) throws(OutputError) {
        self.path = path
        self.capacity = capacity
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw OutputError.cannotCreate(path: path, reason: OutputError.errnoText()) }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    @inline(__always)
    public func write(_ bytes: some Sequence<UInt8>) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    @inline(__always)
    public func write(byte: UInt8) throws(OutputError) {
        buffer.append(byte)
        if buffer.count >= capacity { try flush() }
    }

    public func write(_ text: String) throws(OutputError) {
        try write(text.utf8)
    }

    /// Hands the buffer to the kernel.
    public func flush() throws(OutputError) {
        var offset = 0
        let result: OutputError? = buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return OutputError.writeFailed(path: path, reason: OutputError.errnoText())
                }
                offset += n
            }
            return nil
        }
        if let result { throw result }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs to disk and closes. The file is complete only after this.
    public func finish() throws(OutputError) {
        try flush()
        if fsync(fd) != 0 && errno != EINVAL {
            throw OutputError.writeFailed(path: path, reason: OutputError.errnoText())
        }
        let r = close(fd)
        fd = -1
        if r != 0 { throw OutputError.writeFailed(path: path, reason: OutputError.errnoText()) }
    }
}

/// Why an output could not be written; maps to exit codes 73 and 74.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// The output folder or a file in it cannot be created (exit 73).
    case cannotCreate(path: String, reason: String)
    /// Writing failed part way, e.g. the disk is full (exit 74).
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "\(path): cannot create: \(reason)"
        case .writeFailed(let path, let reason): return "\(path): write failed: \(reason)"
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
