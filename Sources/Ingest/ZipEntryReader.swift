import Foundation
import ZIPFoundation

/// One entry of a zip archive decompressed with its compressed bytes bounded
/// by its header: for the parts of an `.xlsx` workbook (``XlsxArchive``) and
/// for a downloaded ECB rates history. Knows nothing of workbooks or rates.
///
/// ZIPFoundation 0.9.20's `Archive.extract` on Linux feeds its inflate loop
/// from the archive until the deflate stream says it has ended, whatever the
/// entry's compressed size; at the end of the data it is fed empty chunks and
/// spins forever. A crafted entry whose stream never ends (a stored block
/// announcing more bytes than the file holds) would hang the whole run. It
/// also tells zlib a full chunk is there when the last one is short.
///
/// So a deflated entry is inflated here with ZIPFoundation's own inflate
/// (`Data.decompress`) from a provider that hands out the entry's compressed
/// bytes only: every chunk is as long as asked (zero bytes after the entry's
/// end, which a deflate stream that has not ended decodes as an error or as
/// bytes the checks refuse), and a call for more after the entry's last byte,
/// or data that ends before it, throws "damaged". The provider never returns
/// an empty chunk, so the loop cannot spin. Stored entries can be read by
/// ZIPFoundation, whose loop is bounded by the entry's size.
package enum ZipEntryReader {
    /// Why an entry cannot be decompressed: a sentence.
    package struct Problem: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    /// Where an entry's compressed bytes start in the archive, and its
    /// compression method (0 stored, 8 deflated), as ZIPFoundation read them
    /// from the zip's headers.
    package struct EntryData: Equatable {
        package var offset: UInt64
        package var method: UInt16
    }

    /// The entry's data offset and method. ZIPFoundation keeps them internal, so
    /// they are read by reflection from the entry's parsed headers: the local
    /// header's offset in the central directory (or its ZIP64 field), plus the
    /// local header's 30 bytes, name and extra field. Nil when the entry does
    /// not have those fields (another ZIPFoundation version).
    package static func entryData(_ entry: Entry) -> EntryData? {
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
        return EntryData(offset: offset + 30 + UInt64(nameLength) + UInt64(extraLength), method: method)
    }

    /// Inflates a deflated entry whose compressed bytes `read(buffer, count, offset)`
    /// copies into `buffer` (offset counted from the entry's first compressed byte;
    /// it returns how many it copied, fewer at the end of the data), in chunks of
    /// `bufferSize` bytes to `consumer`. Returns the CRC-32 of what was
    /// decompressed (0 when `skipCRC32`). Works for an archive on disk and one held
    /// in memory alike. Throws ``Problem`` when the data ends inside the entry or
    /// its stream runs past it.
    package static func inflate(_ entry: Entry, path: String, bufferSize: Int, skipCRC32: Bool,
                                read: (UnsafeMutableRawBufferPointer, Int, UInt64) -> Int,
                                consumer: (Data) throws -> Void) throws -> CRC32 {
        let compressed = entry.compressedSize
        var delivered: UInt64 = 0
        func provide(_ position: Int64, _ size: Int) throws -> Data {
            guard delivered < compressed else {
                throw Problem(description: "the zip container is damaged: the deflate stream of \(path) runs past its \(compressed) compressed bytes")
            }
            let count = Int(min(UInt64(size), compressed - delivered))
            var chunk = Data(count: size)
            let got = chunk.withUnsafeMutableBytes { bytes in read(bytes, count, delivered) }
            guard got == count else {
                throw Problem(description: "the zip container is damaged: the file ends inside \(path)")
            }
            delivered += UInt64(count)
            return chunk
        }
        return try Data.decompress(size: Int64(clamping: compressed), bufferSize: bufferSize,
                                   skipCRC32: skipCRC32, provider: provide, consumer: consumer)
    }
}
