import Testing
@testable import RunCompare

/// The in-place sort of the diff's row entries (DiffSide+Sort.swift) against
/// the standard library's sort of the same (key, rank, place) tuples.
@Suite("Diff entry sort")
struct DiffSortTests {
    /// Entries with few distinct keys and ranks, so that ties on the first
    /// fields are common, and distinct places, as rows have.
    static func entries(_ n: Int, seed: UInt64) -> [DiffSide.Entry] {
        var g = SplitMix64(seed: seed)
        var places = (0..<n).map { UInt64($0) + 1 }
        places.shuffle(using: &g)
        return places.map { p in
            DiffSide.Entry(key: g.next() % 7, rank: (g.next() % 5) << 32 | (g.next() % 2) << 31, place: p, content: g.next())
        }
    }

    static func reference(_ e: [DiffSide.Entry]) -> [UInt64] {
        e.sorted { ($0.key, $0.rank, $0.place) < ($1.key, $1.rank, $1.place) }.map(\.place)
    }

    @Test(arguments: [0, 1, 2, 3, 16, 17, 18, 100, 10_000])
    func sortsLikeTheStandardSort(n: Int) {
        var e = Self.entries(n, seed: UInt64(n) + 1)
        let expected = Self.reference(e)
        DiffSide.sort(&e)
        #expect(e.map(\.place) == expected)
    }

    @Test func heapsortPastTheDepthLimitSortsToo() {
        for depth in [0, 1, 3] {
            var e = Self.entries(5_000, seed: 42)
            let expected = Self.reference(e)
            DiffSide.sort(&e, depth: depth)
            #expect(e.map(\.place) == expected)
        }
    }

    @Test func sortedAndReversedInputs() {
        var e = Self.entries(3_000, seed: 9)
        let expected = Self.reference(e)
        e.sort { ($0.key, $0.rank, $0.place) < ($1.key, $1.rank, $1.place) }
        DiffSide.sort(&e)
        #expect(e.map(\.place) == expected)
        e.reverse()
        DiffSide.sort(&e)
        #expect(e.map(\.place) == expected)
    }
}
