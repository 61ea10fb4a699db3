#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read with POSIX `read(2)` into one reusable buffer.
///
/// Readers scan `bytes[0..<count]`. When they reach the end they call
/// ``refill(keepingFrom:)``, which drops the bytes before the unfinished record,
/// moves the rest to the front and reads the next chunk after it. The buffer
/// only grows while one record is longer than half of it, up to `maxCapacity`.
final class ChunkedFile {
    let path: String
    private let descriptor: Int32
    /// The buffer; valid until the next ``refill(keepingFrom:)``.
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes of the buffer holding file data.
    private(set) var count = 0
    /// The file offset of `bytes[0]`.
    private(set) var offset = 0
    /// True once `read(2)` has returned 0.
    private(set) var isAtEnd = false
    let chunkSize: Int
    let maxCapacity: Int

    convenience init(path: String, chunkSize: Int, maxCapacity: Int) throws(IngestError) {
        try self.init(path: RawPath(path), chunkSize: chunkSize, maxCapacity: maxCapacity)
    }

    /// Opens a regular file only, through ``InputFile/open(_:)``; a folder or
    /// special file in its place is ``IngestError/unexpectedFile(path:)``.
    init(path raw: RawPath, chunkSize: Int, maxCapacity: Int) throws(IngestError) {
        precondition(chunkSize > 0 && maxCapacity >= 2 * chunkSize)
        let path = raw.shown
        let descriptor: Int32
        do throws(InputFile.Failure) {
            descriptor = try InputFile.open(raw).descriptor
        } catch {
            switch error {
            case .cannotOpen(let code): throw .unreadable(path: path, reason: IngestError.systemMessage(code))
            case .notRegular: throw .unexpectedFile(path: path)
            }
        }
        self.path = path
        self.descriptor = descriptor
        self.chunkSize = chunkSize
        self.maxCapacity = maxCapacity
        self.capacity = chunkSize
        self.bytes = .allocate(capacity: chunkSize)
    }

    deinit {
        bytes.deallocate()
        close(descriptor)
    }

    /// Drops `bytes[..<keep]`, moves the rest to the front and reads up to one
    /// chunk after it.
    ///
    /// - Returns: false at the end of the file, when nothing more was read.
    /// Indexes into the buffer shift down by `keep`.
    func refill(keepingFrom keep: Int) throws(IngestError) -> Bool {
        precondition(keep >= 0 && keep <= count)
        if keep > 0 {
            memmove(bytes, bytes + keep, count - keep)
            count -= keep
            offset += keep
        }
        if isAtEnd { return false }
        if count > capacity / 2 && capacity < maxCapacity {
            let grown = min(capacity * 2, maxCapacity)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = larger
            capacity = grown
        }
        let room = min(capacity - count, chunkSize)
        precondition(room > 0, "record longer than the buffer can hold")
        while true {
            let got = read(descriptor, bytes + count, room)
            if got > 0 {
                count += got
                return true
            }
            if got == 0 {
                isAtEnd = true
                return false
            }
            let code = errno
            if code == EINTR { continue }
            throw .unreadable(path: path, reason: IngestError.systemMessage(code))
        }
    }

    /// Goes back to the start of the file with an empty buffer.
    func rewind() throws(IngestError) {
        if lseek(descriptor, 0, SEEK_SET) < 0 {
            throw .unreadable(path: path, reason: IngestError.systemMessage(errno))
        }
        count = 0
        offset = 0
        isAtEnd = false
    }
}
