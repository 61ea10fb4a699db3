/// The cells of the record a ``DelimitedReader`` is reading, as positions in
/// its buffer; storage reused from record to record.
final class DelimitedCells {
    /// Where a cell's content is in the buffer: between the quotes of a quoted
    /// cell, trimmed for an unquoted one.
    struct Cell {
        var start: Int
        var end: Int
        /// A quoted cell with `""` inside, to be read as `"`.
        var hasDoubledQuotes: Bool
    }

    private var storage: UnsafeMutablePointer<Cell>
    private var capacity = 16
    private(set) var count = 0

    init() {
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    @inline(__always)
    subscript(index: Int) -> Cell {
        precondition(index >= 0 && index < count)
        return storage[index]
    }

    @inline(__always)
    func append(_ cell: Cell) {
        if count == capacity { grow() }
        (storage + count).initialize(to: cell)
        count &+= 1
    }

    func removeAll() {
        count = 0
    }

    /// Moves every cell down by `distance` bytes, after the buffer moved.
    func shift(by distance: Int) {
        for i in 0..<count {
            storage[i].start -= distance
            storage[i].end -= distance
        }
    }

    /// True when every cell is empty.
    var areAllEmpty: Bool {
        for i in 0..<count where storage[i].start != storage[i].end { return false }
        return true
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Cell>.allocate(capacity: capacity * 2)
        larger.initialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}
