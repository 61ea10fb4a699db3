/// Thousands separators for amounts shown to people (never in files).
enum Grouping {
    /// "295044961240.31" → "295,044,961,240.31".
    static func grouped(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = Array(parts[0])
        var out: [Character] = []
        while integer.count > 3 {
            out.insert(contentsOf: [","] + integer.suffix(3), at: 0)
            integer.removeLast(3)
        }
        out.insert(contentsOf: integer, at: 0)
        return (negative ? "-" : "") + String(out) + (parts.count > 1 ? "." + parts[1] : "")
    }
}
