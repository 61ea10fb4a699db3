import Foundation
import Ingest
import ZIPFoundation

/// The downloaded bytes as the history's CSV text: a zip (told by its first
/// bytes, not by the URL) gives its `.csv` entry, anything else is taken as
/// the CSV itself, to be checked by ``ECBRateFile``.
enum HistoryDownload {
    /// The largest download accepted.
    static let downloadLimit = 50_000_000
    /// The most a zip may expand to.
    static let expansionLimit = 200_000_000

    /// Whether the bytes start like a zip archive (a local file header or an empty archive).
    static func isZip(_ data: Data) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// The CSV bytes of a download, `source` naming it in messages.
    static func csvBytes(_ data: Data, source: String) throws(RatesUpdateError) -> [UInt8] {
        guard isZip(data) else { return [UInt8](data) }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .content("\(source): not a valid zip archive (\(error)); truncated?")
        }
        let files = archive.filter { $0.type == .file }
        guard let entry = files.first(where: { $0.path.lowercased().hasSuffix(".csv") }) else {
            throw .content("\(source): the zip holds no .csv file")
        }
        guard entry.uncompressedSize <= UInt64(expansionLimit) else {
            throw .content("\(source): \(entry.path) expands to \(entry.uncompressedSize) bytes, over the limit of \(expansionLimit / 1_000_000) MB")
        }
        guard let part = ZipEntryReader.entryData(entry), part.method == 0 || part.method == 8 else {
            throw .content("\(source): \(entry.path) is neither stored nor deflated; cannot unzip it")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        let crc: CRC32
        do {
            let append = { (chunk: Data) throws in
                guard bytes.count + chunk.count <= expansionLimit else { throw ExpansionLimit() }
                bytes.append(contentsOf: chunk)
            }
            // ZIPFoundation's own extract of a deflated entry spins forever on a stream
            // that does not end within the data (ZipEntryReader says why), so
            // a deflated entry is inflated from its compressed bytes only.
            if part.method == 8 {
                crc = try ZipEntryReader.inflate(entry, path: entry.path, bufferSize: 64 * 1024, skipCRC32: false,
                                              read: { buffer, count, at in copy(data, from: part.offset + at, count: count, into: buffer) },
                                              consumer: append)
            } else {
                crc = try archive.extract(entry, consumer: append)
            }
        } catch is ExpansionLimit {
            throw .content("\(source): \(entry.path) expands past the limit of \(expansionLimit / 1_000_000) MB")
        } catch {
            throw .content("\(source): \(entry.path) cannot be unzipped (\(error)); truncated?")
        }
        guard crc == entry.checksum, bytes.count == Int(entry.uncompressedSize) else {
            throw .content("\(source): \(entry.path) is damaged (its checksum or size does not match); truncated?")
        }
        return bytes
    }

    /// Copies up to `count` bytes of `data` from `offset` into `buffer`; returns how many.
    private static func copy(_ data: Data, from offset: UInt64, count: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard offset < UInt64(data.count) else { return 0 }
        let start = data.startIndex + Int(offset)
        let end = min(start + count, data.endIndex)
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<end)
        return end - start
    }

    private struct ExpansionLimit: Error {}
}
