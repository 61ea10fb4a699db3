import Foundation
import Testing
@testable import PledgeTally
@testable import Render

@Suite("BackgroundWriter")
struct BackgroundWriterTests {
    final class Sink: @unchecked Sendable {
        var items: [Int] = []
        var batches = 0
    }

    @Test func deliversEveryItemInOrder() throws {
        let sink = Sink()
        let writer = BackgroundWriter<Int>(batchSize: 7, maxQueued: 2, name: "test") { batch in
            sink.items.append(contentsOf: batch)
            sink.batches += 1
        }
        for i in 0..<10_000 { try writer.send(i) }
        try writer.finish()
        #expect(sink.items == Array(0..<10_000))
        #expect(sink.batches == (10_000 + 6) / 7)
    }

    struct Boom: Error, Equatable {}

    @Test func theConsumersErrorReachesTheProducer() {
        let writer = BackgroundWriter<Int>(batchSize: 10, maxQueued: 1, name: "test") { batch in
            if batch.contains(55) { throw Boom() }
        }
        #expect(throws: Boom.self) {
            for i in 0..<100_000 { try writer.send(i) }
            try writer.finish()
        }
    }

    @Test func nothingSentFinishesCleanly() throws {
        let writer = BackgroundWriter<Int>(name: "test") { _ in Issue.record("no batch expected") }
        try writer.finish()
    }
}
