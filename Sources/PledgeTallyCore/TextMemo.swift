/// Remembers a costly result per short text, in bounded memory: at most
/// `maxEntries` texts, each of at most `maxKeyBytes` UTF-8 bytes; past
/// either bound a result is simply not remembered (it is computed again).
///
/// Large inputs repeat the same few texts (domain texts, investor names), so
/// a memo saves the work; a file of junk, with a different or a huge text on
/// every line, cannot make it grow past its bounds.
public struct TextMemo<Value: Sendable>: Sendable {
    private var table: [String: Value] = [:]
    public let maxEntries: Int
    public let maxKeyBytes: Int

    public init(maxEntries: Int, maxKeyBytes: Int = 256) {
        self.maxEntries = maxEntries
        self.maxKeyBytes = maxKeyBytes
    }

    /// The result remembered for `text`, if any.
    public subscript(text: String) -> Value? { table[text] }

    /// Remembers `value` for `text`, unless the memo is full or the text too long.
    public mutating func remember(_ value: Value, for text: String) {
        if table.count < maxEntries && text.utf8.count <= maxKeyBytes { table[text] = value }
    }
}
