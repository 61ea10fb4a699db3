/// Checks bytes are UTF-8 text, chunk by chunk, carrying a character split
/// across two chunks over to the next.
///
/// Follows the Unicode well-formedness table (no overlong forms, surrogates
/// or code points above U+10FFFF) and refuses NUL. ASCII runs are checked
/// eight bytes at a time.
struct UTF8Validator {
    /// What was found at a file offset.
    enum Problem: Equatable {
        /// A byte that starts no well-formed character (the lead byte of a broken
        /// sequence, or a stray byte).
        case invalid(offset: Int, byte: UInt8)
        /// A NUL byte.
        case nul(offset: Int)
        /// A multi-byte character cut off by the end of the file.
        case truncated(offset: Int, byte: UInt8)
    }

    /// Continuation bytes still expected.
    private var needed = 0
    /// The range of the next continuation byte.
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF
    /// File offset and value of the lead byte of the character being checked.
    private var leadOffset = 0
    private var lead: UInt8 = 0

    /// Checks `chunk`, found at file offset `fileOffset`, after all bytes
    /// before it. Returns the first problem, if any.
    mutating func check(_ chunk: UnsafeBufferPointer<UInt8>, at fileOffset: Int) -> Problem? {
        guard let base = chunk.baseAddress else { return nil }
        let n = chunk.count
        let raw = UnsafeRawPointer(base)
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        var i = 0
        while i < n {
            if needed == 0 {
                // ASCII without NUL, eight bytes at a time.
                while i &+ 8 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if (word | ((word &- ones) & ~word)) & highBits != 0 { break }
                    i &+= 8
                }
                if i == n { break }
                let byte = base[i]
                if byte < 0x80 {
                    if byte == 0 { return .nul(offset: fileOffset + i) }
                    i &+= 1
                    continue
                }
                leadOffset = fileOffset + i
                lead = byte
                low = 0x80
                high = 0xBF
                switch byte {
                case 0xC2...0xDF: needed = 1
                case 0xE0: needed = 2; low = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: needed = 2
                case 0xED: needed = 2; high = 0x9F
                case 0xF0: needed = 3; low = 0x90
                case 0xF1...0xF3: needed = 3
                case 0xF4: needed = 3; high = 0x8F
                default: return .invalid(offset: leadOffset, byte: byte)
                }
                i &+= 1
            } else {
                let byte = base[i]
                guard byte >= low && byte <= high else { return .invalid(offset: leadOffset, byte: lead) }
                needed -= 1
                low = 0x80
                high = 0xBF
                i &+= 1
            }
        }
        return nil
    }

    /// The problem left at the end of the file, if a character was cut off.
    func finish() -> Problem? {
        needed > 0 ? .truncated(offset: leadOffset, byte: lead) : nil
    }
}
