import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Decompressing one part, its compressed bytes bounded by its header.
///
/// ZIPFoundation 0.9.20's `Archive.extract` on Linux feeds its inflate loop
/// from the archive file until the deflate stream says it has ended, whatever
/// the part's compressed size; at the end of the file it is fed empty chunks
/// and spins forever. A crafted part whose stream never ends (a stored block
/// announcing more bytes than the file holds) would hang the whole run. It
/// also tells zlib a full chunk is there when the last one is short.
///
/// So a deflated part is inflated here with ZIPFoundation's own inflate
/// (`Data.decompress`) from a provider that hands out the part's compressed
/// bytes only: every chunk is as long as asked (zero bytes after the part's
/// end, which a deflate stream that has not ended decodes as an error or as
/// bytes the checks refuse), and a call for more after the part's last byte,
/// or a file that ends before it, throws "damaged". The provider never
/// returns an empty chunk, so the loop cannot spin. Stored parts are read by
/// ZIPFoundation, whose loop is bounded by the part's size.
extension XlsxArchive {
    /// Where a part's compressed bytes start in the file, and its compression
    /// method, as ZIPFoundation read them from the zip's headers.
    struct PartData: Equatable {
        var offset: UInt64
        var method: UInt16
    }

    /// The part's data offset and method. ZIPFoundation keeps them internal, so
    /// they are read by reflection from the entry's parsed headers: the local
    /// header's offset in the central directory (or its ZIP64 field), plus the
    /// local header's 30 bytes, name and extra field. Nil when the entry does
    /// not have those fields (another ZIPFoundation version).
    static func partData(_ entry: Entry) -> PartData? {
        let mirror = Mirror(reflecting: entry)
        guard let central = mirror.descendant("centralDirectoryStructure"),
              let shortOffset = Mirror(reflecting: central).descendant("relativeOffsetOfLocalHeader") as? UInt32,
              let nameLength = mirror.descendant("localFileHeader", "fileNameLength") as? UInt16,
              let extraLength = mirror.descendant("localFileHeader", "extraFieldLength") as? UInt16,
              let method = mirror.descendant("localFileHeader", "compressionMethod") as? UInt16
        else { return nil }
        var offset = UInt64(shortOffset)
        // ZIPFoundation's effectiveRelativeOffsetOfLocalHeader: a ZIP64 field's
        // offset, when there is one and it is not zero.
        if let fields = Mirror(reflecting: central).descendant("extraFields", "some") {
            for field in Mirror(reflecting: fields).children {
                if let long = Mirror(reflecting: field.value).descendant("relativeOffsetOfLocalHeader") as? UInt64, long > 0 {
                    offset = long
                }
            }
        }
        return PartData(offset: offset + 30 + UInt64(nameLength) + UInt64(extraLength), method: method)
    }

    /// Decompresses the part in chunks of ``bufferSize`` bytes to `consumer`;
    /// returns the CRC-32 of what was decompressed (0 when `skipCRC32`).
    func extract(_ entry: Entry, path: String, skipCRC32: Bool, consumer: (Data) throws -> Void) throws -> CRC32 {
        guard let data = Self.partData(entry) else {
            throw XlsxProblem("\(path) cannot be located in the zip container")
        }
        switch data.method {
        case 0:
            return try archive.extract(entry, bufferSize: Self.bufferSize, skipCRC32: skipCRC32, consumer: consumer)
        case 8:
            let compressed = entry.compressedSize
            var delivered: UInt64 = 0
            func provide(_ position: Int64, _ size: Int) throws -> Data {
                guard delivered < compressed else {
                    throw XlsxProblem("the zip container is damaged: the deflate stream of \(path) runs past its \(compressed) compressed bytes")
                }
                let count = Int(min(UInt64(size), compressed - delivered))
                var chunk = Data(count: size)
                let got = chunk.withUnsafeMutableBytes { bytes in
                    readBytes(into: bytes, count: count, at: data.offset + delivered)
                }
                guard got == count else {
                    throw XlsxProblem("the zip container is damaged: the file ends inside \(path)")
                }
                delivered += UInt64(count)
                return chunk
            }
            return try Data.decompress(size: Int64(clamping: compressed), bufferSize: Self.bufferSize,
                                       skipCRC32: skipCRC32, provider: provide, consumer: consumer)
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
