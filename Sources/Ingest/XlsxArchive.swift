import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a workbook (or one of its sheets) cannot be read: a sentence for
/// rejected.csv.
struct XlsxProblem: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// The zip container of an `.xlsx` file, its parts streamed through an
/// ``XlsxXMLParser`` with ZIPFoundation.
///
/// Expansion is bounded: a part that says (or turns out) to be larger than
/// ``partLimit`` bytes, or a workbook whose parts read add up to more than
/// ``totalLimit`` bytes, is refused as a zip bomb before that much is
/// decompressed.
final class XlsxArchive {
    /// The largest part read, decompressed: 2 GiB, about seven times a sheet of
    /// a million text rows.
    static let defaultPartLimit: UInt64 = 2 << 30
    /// The most bytes decompressed from one workbook, all parts and passes.
    static let defaultTotalLimit: UInt64 = 8 << 30
    /// Bytes decompressed at a time.
    static let bufferSize = 1 << 16

    let archive: Archive
    /// The file, open while the archive is (see ``init(path:partLimit:totalLimit:)``);
    /// a part's compressed bytes are read from it (see `extract`).
    let descriptor: Int32
    private let entries: [String: Entry]
    let partLimit: UInt64
    let totalLimit: UInt64
    /// Bytes decompressed so far.
    private(set) var expanded: UInt64 = 0

    /// Opens the zip, or throws the reason it is not an xlsx: an encrypted
    /// workbook, an old binary `.xls`, not a zip at all, a damaged zip.
    ///
    /// The file is opened through ``InputFile/open(_:)`` (a regular file
    /// only, by its path's bytes); ZIPFoundation opens it again by name: the
    /// path itself when it is UTF-8, else `/proc/self/fd/N`, the descriptor
    /// held open for as long as the archive is.
    init(path raw: RawPath, partLimit: UInt64 = defaultPartLimit, totalLimit: UInt64 = defaultTotalLimit) throws(XlsxProblem) {
        self.partLimit = partLimit
        self.totalLimit = totalLimit
        do throws(InputFile.Failure) {
            descriptor = try InputFile.open(raw).descriptor
        } catch {
            throw XlsxProblem(error == .notRegular ? "not a regular file (a folder or a special file)" : "the file cannot be opened")
        }
        let path = String(validating: raw.bytes, as: UTF8.self) ?? "/proc/self/fd/\(descriptor)"
        do throws(XlsxProblem) {
            try Self.checkSignature(FileHandle(fileDescriptor: descriptor, closeOnDealloc: false))
        } catch {
            close(descriptor)
            throw error
        }
        let opened: Archive
        do {
            opened = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            close(descriptor)
            throw XlsxProblem("the zip container is damaged (its central directory cannot be read); open and save it again in Excel or LibreOffice")
        }
        archive = opened
        var byPath: [String: Entry] = [:]
        for entry in opened where entry.type == .file {
            byPath[entry.path] = entry
        }
        entries = byPath
    }

    convenience init(path: String, partLimit: UInt64 = defaultPartLimit, totalLimit: UInt64 = defaultTotalLimit) throws(XlsxProblem) {
        try self.init(path: RawPath(path), partLimit: partLimit, totalLimit: totalLimit)
    }

    deinit { close(descriptor) }

    /// Refuses, by their first bytes, the files that are not zips.
    private static func checkSignature(_ handle: FileHandle) throws(XlsxProblem) {
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE2 compound file: Excel's encrypted workbooks, and old .xls files.
            if containsEncryptedPackage(handle) {
                throw XlsxProblem("the workbook is password-protected (encrypted); save a copy without a password")
            }
            throw XlsxProblem("an Excel 97–2003 workbook (.xls), not an .xlsx; save it as .xlsx")
        }
        if head.isEmpty { throw XlsxProblem("the file is empty, not an .xlsx workbook") }
        throw XlsxProblem("not an .xlsx workbook (no zip signature); save it as .xlsx")
    }

    /// Whether a compound file names the stream `EncryptedPackage` (UTF-16LE
    /// in its directory), as Office's encrypted workbooks do.
    private static func containsEncryptedPackage(_ handle: FileHandle) -> Bool {
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try? handle.seek(toOffset: 0)
        var carry: [UInt8] = []
        var read = 0
        while read < 64 << 20, let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            read += chunk.count
            let window = carry + [UInt8](chunk)
            if window.count >= name.count {
                for i in 0...(window.count - name.count) where window[i] == name[0] {
                    if window[i..<(i + name.count)].elementsEqual(name) { return true }
                }
            }
            carry = Array(window.suffix(name.count - 1))
        }
        return false
    }

    /// Whether the zip holds a file at `path`.
    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The zip's file names, for messages.
    var paths: [String] { entries.keys.sorted() }

    /// Streams the part at `path` through `parser`; returns false when the zip
    /// has no such part. Stops early, without error, once the parser is done.
    /// `afterChunk` runs after each chunk is parsed; what it throws is
    /// rethrown as is. Every other failure is an ``XlsxProblem``.
    @discardableResult
    func parse(_ path: String, with parser: XlsxXMLParser, checkCRC: Bool = true,
               afterChunk: () throws -> Void = {}) throws -> Bool {
        guard let entry = entries[path] else { return false }
        if entry.uncompressedSize > partLimit || expanded + entry.uncompressedSize > totalLimit {
            throw bomb(path)
        }
        var partBytes: UInt64 = 0
        var failure: (any Error)?
        struct Stop: Error {}
        do {
            let crc = try extract(entry, path: path, skipCRC32: !checkCRC) { data in
                partBytes += UInt64(data.count)
                self.expanded += UInt64(data.count)
                if partBytes > self.partLimit || self.expanded > self.totalLimit {
                    failure = self.bomb(path)
                    throw Stop()
                }
                if partBytes > entry.uncompressedSize {
                    failure = XlsxProblem("the zip container is damaged: \(path) is longer than its header says")
                    throw Stop()
                }
                do {
                    try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws in
                        try parser.feed(bytes)
                    }
                    try afterChunk()
                } catch {
                    failure = error
                    throw Stop()
                }
                if parser.isDone { throw Stop() }
            }
            if parser.isDone { return true }
            if checkCRC && crc != entry.checksum {
                throw XlsxProblem("the zip container is damaged: \(path) fails its checksum")
            }
            if partBytes != entry.uncompressedSize {
                throw XlsxProblem("the zip container is damaged: \(path) is shorter than its header says")
            }
            try parser.feed(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
            try afterChunk()
        } catch let problem as XlsxProblem {
            throw problem
        } catch {
            if let failure { throw failure }
            if parser.isDone { return true }
            throw XlsxProblem("the zip container is damaged: \(path) cannot be decompressed (\(error))")
        }
        return true
    }

    /// Whether the part's bytes contain `needle` (a plain byte search while
    /// decompressing, for deciding whether a part needs a parsing pass).
    func part(_ path: String, contains needle: String) throws -> Bool {
        let pattern = Array(needle.utf8)
        return try part(path, holds: { Self.find(pattern, in: $0) }, overlap: pattern.count - 1)
    }

    /// Whether `test` holds for some stretch of the part's bytes, decompressed
    /// chunk by chunk; where two chunks meet, `test` also sees the last
    /// `overlap` bytes of one with the first `overlap` of the next, so a
    /// pattern up to `overlap + 1` bytes long is never missed.
    func part(_ path: String, holds test: (UnsafeRawBufferPointer) -> Bool, overlap: Int) throws -> Bool {
        guard let entry = entries[path] else { return false }
        if entry.uncompressedSize > partLimit || expanded + entry.uncompressedSize > totalLimit { throw bomb(path) }
        var carry: [UInt8] = []
        var found = false
        var partBytes: UInt64 = 0
        struct Stop: Error {}
        do {
            _ = try extract(entry, path: path, skipCRC32: true) { data in
                partBytes += UInt64(data.count)
                self.expanded += UInt64(data.count)
                if partBytes > self.partLimit || self.expanded > self.totalLimit { throw self.bomb(path) }
                if partBytes > entry.uncompressedSize {
                    throw XlsxProblem("the zip container is damaged: \(path) is longer than its header says")
                }
                found = data.withUnsafeBytes { bytes in
                    if !carry.isEmpty {
                        let joint = carry + Array(UnsafeRawBufferPointer(rebasing: bytes.prefix(overlap)))
                        if joint.withUnsafeBytes({ test($0) }) { return true }
                    }
                    return test(bytes)
                }
                if found { throw Stop() }
                carry = Array(data.suffix(overlap))
            }
        } catch let problem as XlsxProblem {
            throw problem
        } catch is Stop {
            return true
        } catch {
            throw XlsxProblem("the zip container is damaged: \(path) cannot be decompressed (\(error))")
        }
        return found
    }

    /// Whether `pattern` occurs in `bytes` (memchr for its first byte, then a compare).
    private static func find(_ pattern: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, !pattern.isEmpty, bytes.count >= pattern.count else { return false }
        var at = 0
        let last = bytes.count - pattern.count
        while at <= last {
            guard let hit = memchr(base + at, Int32(pattern[0]), last - at + 1) else { return false }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, pattern, pattern.count) == 0 { return true }
            at = offset + 1
        }
        return false
    }

    private func bomb(_ path: String) -> XlsxProblem {
        XlsxProblem("\(path) expands to more than the \(partLimit >> 20) MiB read of one part, or the workbook to more than \(totalLimit >> 20) MiB: refused as a zip bomb")
    }
}
