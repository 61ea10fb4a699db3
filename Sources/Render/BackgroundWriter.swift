import Foundation

/// Hands items to a consumer running on its own thread, in batches, through
/// a bounded queue: the producer (reading, parsing, CSV) and the consumer
/// (the workbook's XML) use both cores, and memory stays flat whatever the
/// input's size because at most `maxQueued` batches wait at any time.
///
/// The consumer sees the items in the order they were sent. Its first error
/// stops it; the producer gets that error on its next `send` or at `finish`.
final class BackgroundWriter<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[Item]] = []
    private var batch: [Item] = []
    private var closed = false
    private var done = false
    private var failure: (any Error)?
    private let batchSize: Int
    private let maxQueued: Int
    private let consume: ([Item]) throws -> Void

    /// Starts the consumer thread.
    init(batchSize: Int = 2048, maxQueued: Int = 8, name: String, consume: @escaping ([Item]) throws -> Void) {
        self.batchSize = batchSize
        self.maxQueued = maxQueued
        self.consume = consume
        batch.reserveCapacity(batchSize)
        let thread = Thread { [unowned self] in self.run() }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues one item (blocking while the queue is full).
    func send(_ item: Item) throws {
        batch.append(item)
        if batch.count >= batchSize { try flush() }
    }

    /// Sends what is left, waits for the consumer to finish, and rethrows its error.
    func finish() throws {
        try flush()
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        let error = failure
        condition.unlock()
        if let error { throw error }
    }

    /// Stops the consumer without waiting for the queued items (after a failure elsewhere).
    func cancel() {
        condition.lock()
        queue.removeAll()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        let full = batch
        batch = []
        batch.reserveCapacity(batchSize)
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= maxQueued && failure == nil && !done { condition.wait() }
        if let failure { throw failure }
        queue.append(full)
        condition.broadcast()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let next = queue.removeFirst()
            condition.broadcast()
            let stop = failure != nil
            condition.unlock()
            if stop { continue }   // drain without work once failed
            do {
                try consume(next)
            } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}
