#if canImport(Glibc)
import Glibc
#endif
import PledgeTallyCore

/// A file being written through a large buffer, with every failure reported
/// as an `OutputError` naming the file.
///
/// Numbers, days and text go straight into the buffer, without making a
/// `String` per value: pledges.csv has millions of cells.
public final class OutputFile {
    public let path: String
    private var fd: Int32
    private let storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0

    /// Creates (or truncates) `path`, mode 0644.
    public init(path: String, capacity: Int = 1 << 20) throws(OutputError) {
        self.path = path
        self.capacity = max(capacity, 256)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw OutputError.cannotCreate(path: path, reason: OutputError.errnoText()) }
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        if fd >= 0 { close(fd) }
        storage.deallocate()
    }

    /// Room for `n` more bytes in the buffer (n ≤ capacity).
    @inline(__always)
    private func reserve(_ n: Int) throws(OutputError) {
        if count + n > capacity { try flush() }
    }

    @inline(__always)
    public func write(raw bytes: UnsafeBufferPointer<UInt8>) throws(OutputError) {
        if bytes.count > capacity - count {
            try flush()
            if bytes.count > capacity {
                try writeAll(UnsafeRawBufferPointer(bytes))
                return
            }
        }
        if let base = bytes.baseAddress { (storage + count).update(from: base, count: bytes.count) }
        count += bytes.count
    }

    @inline(__always)
    public func write(byte: UInt8) throws(OutputError) {
        if count == capacity { try flush() }
        storage[count] = byte
        count += 1
    }

    public func write(_ text: String) throws(OutputError) {
        var text = text
        var failure: OutputError?
        text.withUTF8 { bytes in
            do throws(OutputError) { try write(raw: bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// A non-negative or negative integer in decimal.
    public func write(int value: Int) throws(OutputError) {
        try reserve(24)
        if value < 0 {
            storage[count] = UInt8(ascii: "-")
            count += 1
        }
        writeDigits(UInt64(value.magnitude), minimumDigits: 1)
    }

    /// `YYYY-MM-DD`.
    public func write(day: Day) throws(OutputError) {
        try reserve(16)
        let (y, m, d) = day.components
        writeDigits(UInt64(y), minimumDigits: 4)
        storage[count] = UInt8(ascii: "-")
        count += 1
        writeDigits(UInt64(m), minimumDigits: 2)
        storage[count] = UInt8(ascii: "-")
        count += 1
        writeDigits(UInt64(d), minimumDigits: 2)
    }

    /// A plain decimal with exactly `places` places (rounded half to even if
    /// the value has more), no exponent: `4844961240.31`.
    public func write(decimal value: DecimalAmount, places: Int) throws(OutputError) {
        let v = value.rounded(places: places)
        guard let m = v.mantissa(atScale: places), m.magnitude <= UInt128(UInt64.max) else {
            try write(v.formatted(places: places))   // beyond 64 bits: the general path
            return
        }
        try reserve(48)
        if m < 0 {
            storage[count] = UInt8(ascii: "-")
            count += 1
        }
        let magnitude = UInt64(m.magnitude)
        if places == 0 {
            writeDigits(magnitude, minimumDigits: 1)
            return
        }
        let divisor = Self.powers[places]
        writeDigits(magnitude / divisor, minimumDigits: 1)
        storage[count] = UInt8(ascii: ".")
        count += 1
        writeDigits(magnitude % divisor, minimumDigits: places)
    }

    private static let powers: [UInt64] = (0...19).map { n in (0..<n).reduce(1) { acc, _ in acc * 10 } }

    /// Digits of `value`, zero-padded to `minimumDigits`, into the reserved buffer.
    @inline(__always)
    private func writeDigits(_ value: UInt64, minimumDigits: Int) {
        var digits = 1
        var v = value
        while v >= 10 {
            v /= 10
            digits += 1
        }
        let n = max(digits, minimumDigits)
        var rest = value
        var i = count + n - 1
        while i >= count {
            storage[i] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            i -= 1
        }
        count += n
    }

    /// Hands the buffer to the kernel.
    public func flush() throws(OutputError) {
        try writeAll(UnsafeRawBufferPointer(start: storage, count: count))
        count = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError.writeFailed(path: path, reason: OutputError.errnoText())
            }
            offset += n
        }
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
