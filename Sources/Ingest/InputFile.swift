#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path as the file system holds it: bytes, not necessarily UTF-8.
///
/// A file name is whatever bytes its folder entry holds; a name that is not
/// UTF-8 (`caf\xE9.csv`, written in Latin-1) is still opened by those bytes,
/// and shown as ``shown``.
public struct RawPath: Sendable, Hashable {
    public var bytes: [UInt8]

    public init(_ path: String) { bytes = Array(path.utf8) }
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The path for messages, output columns and the manifest: its UTF-8 as
    /// is, each byte that is not part of valid UTF-8 written `\x{FF}` (in the
    /// style stderr escapes control characters, `\u{1B}`).
    public var shown: String { Self.shown(bytes) }

    /// `bytes` as text, invalid UTF-8 bytes written `\x{HH}`.
    public static func shown(_ bytes: some Collection<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var out = ""
        var rest = Array(bytes)[...]
        while !rest.isEmpty {
            // The longest valid prefix, then one invalid byte, escaped.
            var decoder = UTF8()
            var iterator = rest.makeIterator()
            var valid = String.UnicodeScalarView()
            var used = 0
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    valid.append(scalar)
                    used += UTF8.width(scalar)
                case .emptyInput, .error:
                    break loop
                }
            }
            out.unicodeScalars.append(contentsOf: valid)
            rest = rest.dropFirst(used)
            if let bad = rest.first {
                let digits = Array("0123456789ABCDEF")
                out += "\\x{" + String([digits[Int(bad >> 4)], digits[Int(bad & 15)]]) + "}"
                rest = rest.dropFirst()
            }
        }
        return out
    }

    /// Calls `body` with the path as a NUL-terminated C string.
    func withCString<T>(_ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }
}

/// The one way an input file is opened: pledge files, their digests,
/// domains.csv and the rates files.
///
/// The open does not block (a named pipe put in place of a file after the
/// folder was listed must not stall the run until someone writes to it);
/// then only a regular file is accepted, checked with fstat on the open
/// descriptor, so no swap can slip in between the check and the reads; reads
/// then block as usual. Symbolic links are followed.
package enum InputFile {
    package enum Failure: Error, Equatable {
        /// open(2), fstat(2) or (for ``readAll(_:)``) read(2) failed with this errno.
        case cannotOpen(Int32)
        /// A folder, a named pipe, a device…
        case notRegular
    }

    /// An open descriptor on a regular file (the caller closes it), and the file's size.
    package static func open(_ path: RawPath) throws(Failure) -> (descriptor: Int32, size: Int) {
        let descriptor = path.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { throw .cannotOpen(errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw .cannotOpen(code)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegular
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return (descriptor, Int(status.st_size))
    }

    /// The whole of a regular file (opened as ``open(_:)`` does).
    package static func readAll(_ path: RawPath) throws(Failure) -> [UInt8] {
        let (fd, size) = try open(path)
        defer { close(fd) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[..<n])
            } else if n == 0 {
                return bytes
            } else if errno != EINTR {
                throw .cannotOpen(errno)
            }
        }
    }

    /// stat(2) of the path (links followed); ``Failure/cannotOpen(_:)`` with the errno.
    package static func status(_ path: RawPath) throws(Failure) -> stat {
        var status = stat()
        guard path.withCString({ stat($0, &status) }) == 0 else { throw .cannotOpen(errno) }
        return status
    }
}
