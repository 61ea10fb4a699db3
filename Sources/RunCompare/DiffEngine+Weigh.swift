import PledgeTallyCore
import Dispatch

/// Pass 2, weighing each pair by its delta, and the report's order.
extension DiffEngine {
    /// Pass 2's result over some pairs.
    struct Weighed {
        var list: [DiffFiles.Change] = []
        var counts: [RunDiff.Kind: Int] = [:]
        var bridge = RunDiff.Bridge()
    }

    /// Both runs' pass-1 facts, by row (empty when not kept).
    struct Facts {
        let old: [DiffSide.Facts], new: [DiffSide.Facts]

        static func of(_ row: UInt32, _ facts: [DiffSide.Facts]) -> DiffSide.Facts? {
            Int(row) < facts.count ? facts[Int(row)] : nil
        }
    }

    /// A pair weighed from pass 1's facts.
    private enum Quick {
        /// A row must be read: an amount too long to keep, or a changed pair
        /// with a compared cell that is not canonical (compared as Strings).
        case unknown
        /// A change without a delta (no amount on either side, or two reporting currencies).
        case noDelta
        /// A change whose delta is mantissa / 10^scale (not normalised).
        case delta(Int128, Int)
    }

    /// Weighs the pairs, a block at a time; each block is freed once
    /// weighed, so that the pairs (32 bytes each) and the changes made of
    /// them (40 bytes) are not all held at once. With `parallel`, the first
    /// half of the blocks and the second are weighed on two threads, each
    /// writing its changes into its own part of the list.
    ///
    /// Why two threads: weighing is mostly waiting for the facts of rows at
    /// random places; for unrelated 1M-pledge runs one thread took
    /// 0.5–0.7 s while the other core had nothing to do.
    static func weigh(_ blocks: inout [[Pair]], _ files: DiffFiles, _ facts: Facts, parallel: Bool = false) throws -> Weighed {
        let total = blocks.reduce(0) { $0 + $1.count }
        let half = parallel && blocks.count > 1 ? blocks.count / 2 : blocks.count
        let parts = [Part(Array(blocks[..<half])), Part(Array(blocks[half...]))]
        blocks = []
        let firstCount = parts[0].blocks.reduce(0) { $0 + $1.count }
        var w = Weighed()
        w.list = try [DiffFiles.Change](unsafeUninitializedCapacity: total) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            parts[0].out = base
            parts[1].out = base + firstCount
            DispatchQueue.concurrentPerform(iterations: parts[1].blocks.isEmpty ? 1 : 2) { k in
                parts[k].outcome = Result { try weigh(parts[k], files, facts) }
            }
            let first = try parts[0].outcome!.get()
            let second = try parts[1].outcome?.get() ?? 0
            // The second part's changes follow the first's (a change is plain bytes: moved as such).
            if second > 0 && first < firstCount { (base + first).moveInitialize(from: base + firstCount, count: second) }
            count = first + second
        }
        for part in parts {
            for kind in RunDiff.Kind.allCases {
                try w.bridge.add(try part.sums[kind.index].total(), to: kind)
                try w.bridge.add(part.bridge, kind)
                if part.counts[kind.index] > 0 { w.counts[kind, default: 0] += part.counts[kind.index] }
            }
        }
        return w
    }

    /// One thread's blocks of pairs and what it made of them.
    private final class Part: @unchecked Sendable {
        var blocks: [[Pair]]
        /// The deltas weighed from facts, per kind (``RunDiff/Kind/index``).
        var sums = [DecimalSum](repeating: DecimalSum(), count: RunDiff.Kind.allCases.count)
        var counts = [Int](repeating: 0, count: RunDiff.Kind.allCases.count)
        /// The deltas weighed from rows read back.
        var bridge = RunDiff.Bridge()
        /// Where its changes are written, the number written or what stopped it.
        var out: UnsafeMutablePointer<DiffFiles.Change>?
        var outcome: Result<Int, any Error>?

        init(_ blocks: [[Pair]]) { self.blocks = blocks }
    }

    /// Weighs `part`'s pairs, writing their changes from its `out` on; the number written.
    private static func weigh(_ part: Part, _ files: DiffFiles, _ facts: Facts) throws -> Int {
        guard let out = part.out else { return 0 }
        let readers = DiffFiles.Readers(files)
        var written = 0
        func append(_ c: DiffFiles.Change) {
            (out + written).initialize(to: c)
            written += 1
        }
        let same = files.sameCurrency
        // The facts of a block of pairs are gathered first, in a loop that does
        // nothing else: the rows lie at random in the facts (8 MB a run), and
        // looked up one pair at a time each lookup waited for memory (most of
        // pass 2's time); gathered, the lookups wait together.
        let none = DiffSide.Facts(bits: 0), block = 256
        var gathered = [(old: DiffSide.Facts, new: DiffSide.Facts)](repeating: (none, none), count: block)
        for b in part.blocks.indices {
            let pairs = part.blocks[b]
            part.blocks[b] = []
            for (n, p) in pairs.enumerated() {
                if n % block == 0 {
                    let first = pairs.startIndex + n
                    for k in first..<min(first + block, pairs.endIndex) {
                        let q = pairs[k]
                        let (o, n) = q.kind.pledgeRows
                        gathered[k - first] = (o ? Facts.of(q.oldRow, facts.old) ?? none : none, n ? Facts.of(q.newRow, facts.new) ?? none : none)
                    }
                }
                let delta: DecimalAmount?
                switch quick(p, same, gathered[n % block]) {
                case .delta(let m, let scale):
                    try part.sums[p.kind.index].add(m, scale: scale)
                    part.counts[p.kind.index] += 1
                    append(DiffFiles.Change(kind: p.kind, old: p.old, new: p.new,
                                            delta: DecimalAmount(mantissa: m, scale: scale), canonical: p.kind == .changed))
                    continue
                case .noDelta:
                    part.counts[p.kind.index] += 1
                    append(DiffFiles.Change(kind: p.kind, old: p.old, new: p.new, delta: nil, canonical: p.kind == .changed))
                    continue
                case .unknown:
                    switch p.kind {
                    case .added, .removed, .changed:
                        guard case .change(let d) = try files.weigh(p.kind, old: p.old, new: p.new, readers) else { continue }
                        delta = d
                    case .nowRejected, .noLongerRejected:
                        delta = try files.pledgeChange(p.kind, old: p.old, new: p.new, readers).delta
                    }
                }
                part.counts[p.kind.index] += 1
                append(DiffFiles.Change(kind: p.kind, old: p.old, new: p.new, delta: delta))
                if let d = delta { try part.bridge.add(d, to: p.kind) }
            }
        }
        return written
    }

    /// The delta of a pair from pass 1's facts of its pledges.csv rows: a
    /// pledge now rejected weighs as one removed (its rejection is not an
    /// amount), one no longer rejected as one added.
    private static func quick(_ p: Pair, _ sameCurrency: Bool, _ facts: (old: DiffSide.Facts, new: DiffSide.Facts)) -> Quick {
        let (o, n) = facts
        let (hasOld, hasNew) = p.kind.pledgeRows
        switch p.kind {
        case .changed: guard o.isKnown, n.isKnown, o.isPlain, n.isPlain else { return .unknown }
        case .added, .noLongerRejected: guard n.isKnown else { return .unknown }
        case .removed, .nowRejected: guard o.isKnown else { return .unknown }
        }
        let after = hasNew ? n.parts : nil, before = hasOld ? o.parts : nil
        guard sameCurrency, after != nil || before != nil else { return .noDelta }
        let (am, asc) = after ?? (0, 0), (bm, bsc) = before ?? (0, 0)
        let scale = max(asc, bsc)
        let (a, o1) = am.multipliedReportingOverflow(by: DecimalAmount.powerOfTen(scale - asc))
        let (b, o2) = bm.multipliedReportingOverflow(by: DecimalAmount.powerOfTen(scale - bsc))
        guard !o1, !o2 else { return .unknown }
        return .delta(a - b, scale)   // each under 2^56 · 10^18: no overflow
    }

    /// Sorts the changes into report order: largest absolute delta first,
    /// without a delta last, ties in file order (the new row's, or the old
    /// one's for a pledge that left pledges.csv).
    ///
    /// Why not `sort` on the changes with ``DecimalAmount`` comparisons: for
    /// 1M changes that took 0.8 s of the diff's wall time on one thread. When
    /// every delta fits 64 bits at the largest scale among them, 24-byte keys
    /// are sorted instead and the changes moved into their places once.
    /// With `parallel` and at least ``parallelSortMinimum`` changes, the two
    /// halves of the keys are sorted on two threads and merged into the
    /// order (4 bytes a change more): the keys' order is total, so the
    /// result is the same (for unrelated 1M-pledge runs the one-thread sort
    /// took 0.3 s while the other core had nothing to do).
    static func sortInReportOrder(_ list: inout [DiffFiles.Change], parallel: Bool = false) {
        let scale = list.reduce(0) { max($0, $1.delta?.scale ?? 0) }
        var keys: [Key] = []
        if list.count < Int(UInt32.max) {
            keys.reserveCapacity(list.count)
            for (i, c) in list.enumerated() {
                var weight = UInt64.max
                if let d = c.delta {
                    guard let v = d.mantissa(atScale: scale)?.magnitude, v < UInt128(UInt64.max) else { break }
                    weight = UInt64.max - 1 - UInt64(v)
                }
                let (removed, place) = c.order
                keys.append(Key(weight: weight, place: place, removed: UInt32(removed), index: UInt32(i)))
            }
        }
        guard keys.count == list.count else {
            list.sort { x, y in
                switch (x.magnitude, y.magnitude) {
                case (let p?, let q?) where p != q: return p > q
                case (.some, nil): return true
                case (nil, .some): return false
                default: return x.order < y.order
                }
            }
            return
        }
        if parallel && keys.count >= parallelSortMinimum {
            var order = mergedOrder(&keys)
            keys = []
            order.withUnsafeMutableBufferPointer { o in permute(&list, { o[$0] }, done: { o[$0] = UInt32.max }) }
        } else {
            InPlaceSort.sort(&keys)
            keys.withUnsafeMutableBufferPointer { k in permute(&list, { k[$0].index }, done: { k[$0].index = UInt32.max }) }
        }
    }

    static let parallelSortMinimum = 1 << 16

    /// The keys' indexes in key order: each half sorted on its own thread, then merged.
    private static func mergedOrder(_ keys: inout [Key]) -> [UInt32] {
        let n = keys.count, half = n / 2
        return keys.withUnsafeMutableBufferPointer { k in
            guard let base = k.baseAddress else { return [] }
            let halves = Halves([UnsafeMutableBufferPointer(start: base, count: half),
                                 UnsafeMutableBufferPointer(start: base + half, count: n - half)])
            DispatchQueue.concurrentPerform(iterations: 2) { InPlaceSort.sort(halves.parts[$0]) }
            return [UInt32](unsafeUninitializedCapacity: n) { o, count in
                var a = 0, b = half, j = 0
                while a < half && b < n {
                    if Key.precedes(k[b], k[a]) {
                        o[j] = k[b].index
                        b += 1
                    } else {
                        o[j] = k[a].index
                        a += 1
                    }
                    j += 1
                }
                while a < half {
                    o[j] = k[a].index
                    a += 1
                    j += 1
                }
                while b < n {
                    o[j] = k[b].index
                    b += 1
                    j += 1
                }
                count = n
            }
        }
    }

    /// Two disjoint parts of the keys, each sorted by one thread.
    private final class Halves: @unchecked Sendable {
        let parts: [UnsafeMutableBufferPointer<Key>]
        init(_ parts: [UnsafeMutableBufferPointer<Key>]) { self.parts = parts }
    }

    /// Position j takes the change at `from(j)`: each cycle of the
    /// permutation once, `done(j)` marking what is in place (`from` then UInt32.max).
    @inline(__always)
    private static func permute(_ list: inout [DiffFiles.Change], _ from: (Int) -> UInt32, done: (Int) -> Void) {
        list.withUnsafeMutableBufferPointer { l in
            for start in 0..<l.count where from(start) != UInt32.max {
                let first = l[start]
                var j = start
                while true {
                    let f = Int(from(j))
                    done(j)
                    if f == start {
                        l[j] = first
                        break
                    }
                    l[j] = l[f]
                    j = f
                }
            }
        }
    }
}

/// A change's place in report order (``DiffEngine/sortInReportOrder(_:)``).
private struct Key: InPlaceSortable {
    /// UInt64.max − 1 − |delta| (at the common scale); UInt64.max without a delta.
    var weight: UInt64
    var place: UInt64
    var removed: UInt32
    var index: UInt32

    /// The index last: equal changes keep the order they came in.
    @inline(__always)
    static func precedes(_ x: Key, _ y: Key) -> Bool {
        if x.weight != y.weight { return x.weight < y.weight }
        if x.removed != y.removed { return x.removed < y.removed }
        if x.place != y.place { return x.place < y.place }
        return x.index < y.index
    }
}

extension RunDiff.Kind {
    /// Whether the change has an old and a new pledges.csv row (the other
    /// row of a pledge now or no longer rejected is in rejected.csv).
    var pledgeRows: (old: Bool, new: Bool) {
        switch self {
        case .added, .noLongerRejected: (false, true)
        case .removed, .nowRejected: (true, false)
        case .changed: (true, true)
        }
    }

    /// The kind's place in `allCases`.
    var index: Int {
        switch self {
        case .added: 0
        case .removed: 1
        case .changed: 2
        case .nowRejected: 3
        case .noLongerRejected: 4
        }
    }
}
