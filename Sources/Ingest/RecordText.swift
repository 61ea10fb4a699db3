/// The text of a record as written, cut short for a rejection's value.
enum RecordText {
    /// The most characters (Unicode scalars) a rejection's value shows.
    static let excerptLimit = 200

    /// The bytes as text, cut after ``excerptLimit`` scalars with "…".
    ///
    /// The bytes must be valid UTF-8 (checked by the first pass); a cut never
    /// falls inside a character.
    static func excerpt(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, isCut: Bool) {
        var scalars = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 {
                if scalars == excerptLimit {
                    return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<i]), as: UTF8.self) + "…", true)
                }
                scalars += 1
            }
            i += 1
        }
        return (String(decoding: bytes, as: UTF8.self), false)
    }

    /// The start of a record known to go on further, always ending in "…".
    static func start(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let excerpt = excerpt(bytes)
        return excerpt.isCut ? excerpt.text : excerpt.text + "…"
    }

    /// What a reason adds when the value is cut: " (the record is 12345
    /// bytes long; the value shows its first 200 characters)".
    static func lengthNote(bytes: Int, what: String = "record") -> String {
        " (the \(what) is \(bytes) bytes long; the value shows its first \(excerptLimit) characters)"
    }
}
