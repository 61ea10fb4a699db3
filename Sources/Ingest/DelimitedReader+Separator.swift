extension DelimitedReader {
    /// `;` when the header line has more semicolons than commas outside
    /// quotes, else `,`. Reads on until the header line is in the buffer.
    static func sniffSeparator(_ file: ChunkedFile, from start: Int, limit: Int) throws -> UInt8 {
        let comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";")
        var commas = 0, semicolons = 0
        while true {
            commas = 0
            semicolons = 0
            var inQuotes = false, content = false, complete = false
            let base = file.bytes
            var i = start
            scan: while i < file.count {
                let b = base[i]
                i += 1
                if inQuotes {
                    if b == quote { inQuotes = false }
                    continue
                }
                switch b {
                case quote: inQuotes = true; content = true
                case comma: commas += 1; content = true
                case semicolon: semicolons += 1; content = true
                case lineFeed: if content { complete = true; break scan }
                case space, tab, carriageReturn: break
                default: content = true
                }
            }
            if complete || file.count - start > limit { break }
            if try !file.refill(keepingFrom: 0) { break }
        }
        return semicolons > commas ? semicolon : comma
    }
}
