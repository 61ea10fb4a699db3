import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Decompressing one part, its compressed bytes bounded by its header
/// (``ZipEntryReader`` says why ZIPFoundation's own extract is not used for
/// deflated parts).
extension XlsxArchive {
    /// Decompresses the part in chunks of ``bufferSize`` bytes to `consumer`;
    /// returns the CRC-32 of what was decompressed (0 when `skipCRC32`).
    func extract(_ entry: Entry, path: String, skipCRC32: Bool, consumer: (Data) throws -> Void) throws -> CRC32 {
        guard let data = ZipEntryReader.entryData(entry) else {
            throw XlsxProblem("\(path) cannot be located in the zip container")
        }
        switch data.method {
        case 0:
            return try archive.extract(entry, bufferSize: Self.bufferSize, skipCRC32: skipCRC32, consumer: consumer)
        case 8:
            do {
                return try ZipEntryReader.inflate(
                    entry, path: path, bufferSize: Self.bufferSize, skipCRC32: skipCRC32,
                    read: { buffer, count, at in readBytes(into: buffer, count: count, at: data.offset + at) },
                    consumer: consumer)
            } catch let problem as ZipEntryReader.Problem {
                throw XlsxProblem(problem.description)
            }
        default:
            throw XlsxProblem("\(path) is compressed with method \(data.method), not deflate; save the workbook again in Excel or LibreOffice")
        }
    }

    /// Reads `count` bytes of the file at `offset` into the start of `buffer`;
    /// returns how many were read (fewer at the end of the file, -1 on an error).
    private func readBytes(into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: UInt64) -> Int {
        guard let base = buffer.baseAddress, offset <= UInt64(Int64.max - Int64(count)) else { return -1 }
        var done = 0
        while done < count {
            let n = pread(descriptor, base + done, count - done, off_t(offset) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return -1 }
            if n == 0 { break }
            done += n
        }
        return done
    }
}
