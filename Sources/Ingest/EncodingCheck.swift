/// The first pass over a pledge file: is it UTF-8 text?
///
/// Runs before any record is parsed, so a file in another encoding gives one
/// rejection and no records, never mojibake.
enum EncodingCheck {
    /// Why a file is not UTF-8 text, with where.
    struct Problem: Equatable {
        var found: UTF8Validator.Problem
        /// The 1-based line of the offending byte.
        var line: Int
        /// The file's first bytes, to recognise a UTF-16 byte-order mark.
        var utf16: UTF16Mark?

        enum UTF16Mark: Equatable { case littleEndian, bigEndian }

        /// A sentence saying what is wrong and what to do.
        var reason: String {
            if let utf16 {
                let mark = utf16 == .littleEndian ? "FF FE" : "FE FF"
                let order = utf16 == .littleEndian ? "little-endian" : "big-endian"
                return "not UTF-8: the file is UTF-16 (\(order) byte-order mark \(mark) at byte offset 0); save it as UTF-8"
            }
            switch found {
            case .invalid(let offset, let byte):
                return "not UTF-8: byte 0x\(hex(byte)) at byte offset \(offset) (line \(line)) is not valid UTF-8; the file may be Windows-1252 or Latin-1: save it as UTF-8"
            case .truncated(let offset, let byte):
                return "not UTF-8: the file ends inside a character (byte 0x\(hex(byte)) at byte offset \(offset), line \(line)); save it as UTF-8"
            case .nul(let offset):
                return "not a text file: NUL byte at byte offset \(offset) (line \(line)); it may be binary or UTF-16 without a byte-order mark: save it as UTF-8"
            }
        }

        private func hex(_ byte: UInt8) -> String {
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }
    }

    /// Reads the whole file once; returns its first encoding problem, or nil
    /// when it is UTF-8 without NUL. Leaves the file at an unknown position.
    static func firstProblem(in file: ChunkedFile) throws(IngestError) -> Problem? {
        var validator = UTF8Validator()
        var found: UTF8Validator.Problem?
        while try file.refill(keepingFrom: file.count) {
            found = validator.check(UnsafeBufferPointer(start: file.bytes, count: file.count), at: file.offset)
            if found != nil { break }
        }
        guard let found = found ?? validator.finish() else { return nil }

        let offset: Int
        switch found {
        case .invalid(let at, _), .nul(let at), .truncated(let at, _): offset = at
        }
        var mark: Problem.UTF16Mark?
        if offset == 0 {
            try file.rewind()
            while file.count < 2, try file.refill(keepingFrom: 0) {}
            let first = Array(UnsafeBufferPointer(start: file.bytes, count: min(file.count, 2)))
            if first == [0xFF, 0xFE] { mark = .littleEndian }
            if first == [0xFE, 0xFF] { mark = .bigEndian }
        }
        return Problem(found: found, line: try lineNumber(at: offset, in: file), utf16: mark)
    }

    /// The 1-based line holding the byte at `offset`.
    private static func lineNumber(at offset: Int, in file: ChunkedFile) throws(IngestError) -> Int {
        try file.rewind()
        var line = 1
        while try file.refill(keepingFrom: file.count) {
            let n = min(file.count, offset - file.offset)
            for i in 0..<max(n, 0) where file.bytes[i] == 0x0A { line += 1 }
            if file.offset + file.count >= offset { break }
        }
        return line
    }
}
