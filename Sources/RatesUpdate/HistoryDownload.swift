import Foundation
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        let crc: CRC32
        do {
            crc = try archive.extract(entry) { chunk in
                guard bytes.count + chunk.count <= expansionLimit else { throw ExpansionLimit() }
                bytes.append(contentsOf: chunk)
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

    private struct ExpansionLimit: Error {}
}
