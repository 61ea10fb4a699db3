import Ingest
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The pledges.csv rows of a run of changes (a chunk of the report), read in
/// file order with few reads and held until the chunk is written.
///
/// Why: the report lists changes by |delta|, which scatters their rows over
/// both files. Read one pread per row (``CSVRecordFile``), the text of two
/// unrelated 1,000,000-pledge runs took 2,000,000 preads and 53 % of `diff`'s
/// time. Here a chunk's places are sorted per file and rows closer than
/// `gap` bytes share one read of at most `span` bytes, into a scratch block
/// from which each row's bytes are copied to the arena; the two files are
/// read on two threads. A chunk holds at most `budget` bytes of rows (and
/// one row more), so memory does not grow with the diff; rows lie in the
/// arena in the order they are formatted. Each chunk reads nearly all of
/// both files again (the rows of a 40 MB chunk of unrelated 1M-pledge runs
/// lie about 1.5 KB apart): 1.05 s for those runs. Copied from the files
/// mapped in memory it took 0.9 s, but a file cut while it is copied would
/// then stop the process with a bus error instead of the message a short
/// read gives.
final class RowArena: @unchecked Sendable {
    struct Tuning: Sendable {
        /// Bytes of rows per chunk.
        var budget = 40 << 20
        /// Rows at most this far apart are read in one read.
        var gap = 8 << 10
        /// The longest read that joins rows.
        var span = 1 << 20
        /// Bytes of rows per piece that one thread formats.
        var piece = 256 << 10
    }

    let tuning: Tuning
    private let paths: [String]
    private var descriptors: [Int32] = [-1, -1]
    /// Per file (0: the old pledges.csv, 1: the new one): (place, change in
    /// the chunk) of the chunk's rows, sorted by place.
    private var order: [[(place: UInt64, change: Int32)]] = [[], []]
    /// Per change of the chunk, per file: the row's place (0: none) and
    /// where it lies in `bytes` (−1: it could not be read whole, the file is
    /// shorter: it changed). Found by index: a search by place cost 6 % of the text's time.
    private var places: [UInt64] = []
    private var starts: [Int] = []
    private var bytes: UnsafeMutableRawPointer
    private var capacity: Int

    init(_ files: DiffFiles, tuning: Tuning) {
        self.tuning = tuning
        paths = [files.old.pledgesPath, files.new.pledgesPath]
        capacity = 1 << 16
        bytes = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        for d in descriptors where d >= 0 { close(d) }
        bytes.deallocate()
    }

    @inline(__always) static func length(_ place: UInt64) -> Int { Int(place & (1 << 25 - 1)) }
    @inline(__always) static func offset(_ place: UInt64) -> Int { Int(place >> 25) }

    /// The rows an added, removed or changed pledge's text needs (the rarer
    /// kinds are read as before): old and new pledges.csv places, 0 for none.
    @inline(__always)
    static func rows(_ c: DiffFiles.Change) -> (old: UInt64, new: UInt64) {
        switch c.kind {
        case .added: (0, c.new)
        case .removed: (c.old, 0)
        case .changed: (c.old, c.new)
        case .nowRejected, .noLongerRejected: (0, 0)
        }
    }

    /// The end of the chunk that starts at `from`: as many changes as fit the budget, at least one.
    func chunkEnd(_ list: [DiffFiles.Change], from: Int) -> Int {
        var total = 0, end = from
        while end < list.count {
            let (o, n) = Self.rows(list[end])
            total += Self.length(o) + Self.length(n)
            end += 1
            if total >= tuning.budget { break }
        }
        return end
    }

    /// Reads the rows of `changes`.
    func load(_ changes: ArraySlice<DiffFiles.Change>) throws {
        places.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        for f in 0..<2 { order[f].removeAll(keepingCapacity: true) }
        for (i, c) in changes.enumerated() {
            let (o, n) = Self.rows(c)
            places.append(o)
            places.append(n)
            if o != 0 { order[0].append((o, Int32(i))) }
            if n != 0 { order[1].append((n, Int32(i))) }
        }
        // Rows lie in the arena in the order they are formatted (each change's
        // old row, then its new one): read back at random places, the rows
        // missed the cache at every change.
        starts = [Int](repeating: -1, count: places.count)
        var total = 0
        for (k, p) in places.enumerated() where p != 0 {
            starts[k] = total
            total += Self.length(p)
        }
        for f in 0..<2 { order[f].sort { $0.place < $1.place } }
        if total > capacity {
            bytes.deallocate()
            capacity = max(total, capacity * 2)
            bytes = .allocate(byteCount: capacity, alignment: 16)
        }
        let outcomes = [Outcome(), Outcome()]
        DispatchQueue.concurrentPerform(iterations: 2) { f in
            outcomes[f].error = Result { try self.read(f) }.failure
        }
        for o in outcomes { if let e = o.error { throw e } }
    }

    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }

    /// The bytes of the row at `place` of the old or new pledges.csv, for
    /// the chunk's change `index`: nil when the chunk does not hold it;
    /// empty when it could not be read.
    func row(_ place: UInt64, new: Bool, index: Int) -> UnsafeRawBufferPointer? {
        let k = 2 * index + (new ? 1 : 0)
        guard index >= 0, k < places.count, places[k] == place, place != 0 else { return nil }
        let s = starts[k]
        return UnsafeRawBufferPointer(start: bytes + max(s, 0), count: s < 0 ? 0 : Self.length(place))
    }

    /// Reads file `f`'s rows of the chunk: rows closer than `gap` in one read.
    private func read(_ f: Int) throws {
        let p = order[f]
        guard !p.isEmpty else { return }
        if descriptors[f] < 0 {
            let d = open(paths[f], O_RDONLY | O_CLOEXEC)
            guard d >= 0 else { throw IngestError.unreadable(path: paths[f], reason: IngestError.systemMessage(errno)) }
            descriptors[f] = d
        }
        var scratch = UnsafeMutableRawPointer.allocate(byteCount: tuning.span, alignment: 16)
        var scratchSize = tuning.span
        defer { scratch.deallocate() }
        var k = 0
        while k < p.count {
            let first = Self.offset(p[k].place)
            var end = first + Self.length(p[k].place), e = k + 1
            while e < p.count {
                let o = Self.offset(p[e].place), l = Self.length(p[e].place)
                guard o - end <= tuning.gap, o + l - first <= tuning.span else { break }
                end = max(end, o + l)
                e += 1
            }
            if e == k + 1 {   // one row: straight into the arena
                let slot = 2 * Int(p[k].change) + f
                let got = try readFully(f, into: bytes + starts[slot], count: end - first, at: first)
                if got < end - first { starts[slot] = -1 }
            } else {
                if end - first > scratchSize {
                    scratch.deallocate()
                    scratchSize = end - first
                    scratch = .allocate(byteCount: scratchSize, alignment: 16)
                }
                let got = try readFully(f, into: scratch, count: end - first, at: first)
                for r in k..<e {
                    let o = Self.offset(p[r].place) - first, l = Self.length(p[r].place)
                    let slot = 2 * Int(p[r].change) + f
                    if o + l <= got {
                        (bytes + starts[slot]).copyMemory(from: scratch + o, byteCount: l)
                    } else {
                        starts[slot] = -1
                    }
                }
            }
            k = e
        }
    }

    /// Reads `count` bytes at `offset`, fewer only at the end of the file.
    private func readFully(_ f: Int, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws -> Int {
        var got = 0
        while got < count {
            let n = pread(descriptors[f], buffer + got, count - got, off_t(offset + got))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw IngestError.unreadable(path: paths[f], reason: IngestError.systemMessage(errno)) }
            if n == 0 { break }
            got += n
        }
        return got
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
