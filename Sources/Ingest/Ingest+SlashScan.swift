#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Ingest {
    /// Whether the file's bytes hold `/NN/` with NN from 13 to 31: where a
    /// slash date (`3/25/2025`) has its second number over 12. For `.xlsx`,
    /// the bytes of its decompressed XML parts (shared strings, sheets).
    ///
    /// A plain byte scan, in chunks (memory stays flat), so that only a file
    /// that may hold such a date is read a second time for its date cells
    /// (docs/input.md, Dates). False for a workbook that cannot be read: the
    /// reading itself says why.
    public static func mayHoldSlashDateOver12(_ file: PledgeFile) throws -> Bool {
        if file.format == .xlsx {
            let archive: XlsxArchive
            do { archive = try XlsxArchive(path: file.rawPath) } catch { return false }
            for part in archive.paths where part.hasPrefix("xl/") && part.hasSuffix(".xml") {
                do {
                    if try archive.part(part, holds: slashOver12, overlap: 3) { return true }
                } catch is XlsxProblem {
                    return false
                }
            }
            return false
        }
        let source = try ChunkedFile(path: file.rawPath, chunkSize: chunkSize, maxCapacity: 2 * chunkSize)
        while try source.refill(keepingFrom: max(0, source.count - 3)) {
            if slashOver12(UnsafeRawBufferPointer(start: source.bytes, count: source.count)) { return true }
        }
        return false
    }

    /// Whether `bytes` hold `/NN/` with NN from 13 to 31 (memchr for each `/`).
    static func slashOver12(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= 4 else { return false }
        let slash = UInt8(ascii: "/")
        var at = 0
        let last = bytes.count - 4
        while at <= last {
            guard let hit = memchr(base + at, Int32(slash), last - at + 1) else { return false }
            let i = base.distance(to: UnsafeRawPointer(hit))
            if bytes[i + 3] == slash {
                let tens = bytes[i + 1] &- 0x30, units = bytes[i + 2] &- 0x30
                if tens <= 9 && units <= 9 && (13...31).contains(Int(tens) * 10 + Int(units)) { return true }
            }
            at = i + 1
        }
        return false
    }
}
