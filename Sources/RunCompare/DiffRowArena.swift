import Ingest
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The rows of a run of changes (a chunk of the report), read in file
/// order with few reads and held until the chunk is written: pledges.csv
/// rows, and the rejected.csv row of a pledge now or no longer rejected.
///
/// Why: the report lists changes by |delta|, which scatters their rows over
/// both files. Read one pread per row (``CSVRecordFile``), the text of two
/// unrelated 1,000,000-pledge runs took 2,000,000 preads and 53 % of `diff`'s
/// time. Here a chunk's places are sorted per file and rows closer than
/// `gap` bytes share one read of at most `span` bytes, into a scratch block
/// from which each row's bytes are copied to the arena; the old run's files
/// and the new run's are read on two threads. A chunk holds at most
/// `budget` bytes of rows (and one row more), so memory does not grow with
/// the diff; rows lie in the arena in the order they are formatted. Each
/// chunk reads nearly all of both files again (the rows of a 40 MB chunk of
/// unrelated 1M-pledge runs lie about 1.5 KB apart): 1.05 s for those runs
/// in 40 MB chunks, hence chunks of up to 80 MB when the changes leave room
/// (``Tuning/init(changes:)``). Read one by one, the rows of 1M pledges now
/// rejected took 10 s more. Copied from the files
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
    /// The old and new pledges.csv, then the old and new rejected.csv.
    private var descriptors: [Int32] = [-1, -1, -1, -1]
    /// The chunk's changes.
    private var changes: ArraySlice<DiffFiles.Change> = []
    /// Per change of the chunk, per file (0: the old pledges.csv, 1: the new
    /// one): where its row lies in `bytes` (−1: no row, or it could not be
    /// read whole: the file is shorter, it changed). Found by index: a
    /// search by place cost 6 % of the text's time. Written by both reading
    /// threads (each its own file's slots), hence a pointer.
    private var starts: UnsafeMutablePointer<Int32>
    private var startsCapacity = 0
    private var bytes: UnsafeMutableRawPointer
    private var capacity: Int

    init(_ files: DiffFiles, tuning: Tuning) {
        self.tuning = tuning
        paths = [files.old.pledgesPath, files.new.pledgesPath, files.old.rejectedPath, files.new.rejectedPath]
        capacity = 1 << 16
        bytes = .allocate(byteCount: capacity, alignment: 16)
        starts = .allocate(capacity: 0)
    }

    deinit {
        for d in descriptors where d >= 0 { close(d) }
        bytes.deallocate()
        starts.deallocate()
    }

    @inline(__always) static func length(_ place: UInt64) -> Int { Int(place & (1 << 25 - 1)) }
    @inline(__always) static func offset(_ place: UInt64) -> Int { Int(place >> 25) }

    /// The rows a change's text needs: the old and new places, 0 for none.
    @inline(__always)
    static func rows(_ c: DiffFiles.Change) -> (old: UInt64, new: UInt64) {
        switch c.kind {
        case .added: (0, c.new)
        case .removed: (c.old, 0)
        case .changed, .nowRejected, .noLongerRejected: (c.old, c.new)
        }
    }

    /// The file (index in `paths`) of a change's old (`side` 0) or new (1)
    /// row: rejected.csv for the rejection of a pledge now or no longer rejected.
    @inline(__always)
    static func file(_ kind: RunDiff.Kind, side: Int) -> Int {
        let pledge = side == 0 ? kind.pledgeRows.old : kind.pledgeRows.new
        return side + (pledge ? 0 : 2)
    }

    /// The end of the chunk that starts at `from`: as many changes as fit
    /// the budget, at least one, at most 2^20 (a change's index in its
    /// chunk has 25 bits beside a row's offset).
    func chunkEnd(_ list: [DiffFiles.Change], from: Int) -> Int {
        var total = 0, end = from
        while end < list.count && end - from < 1 << 20 {
            let (o, n) = Self.rows(list[end])
            total += Self.length(o) + Self.length(n)
            end += 1
            if total >= tuning.budget { break }
        }
        return end
    }

    /// Reads the rows of `changes`.
    func load(_ changes: ArraySlice<DiffFiles.Change>) throws {
        self.changes = changes
        if 2 * changes.count > startsCapacity {
            starts.deallocate()
            startsCapacity = max(2 * changes.count, 2 * startsCapacity)
            starts = .allocate(capacity: startsCapacity)
        }
        // Per file, the chunk's rows in file order once sorted: offset << 25 | the change's index in the chunk.
        let orders = [Order(), Order(), Order(), Order()]
        // Rows lie in the arena in the order they are formatted (each change's
        // old row, then its new one): read back at random places, the rows
        // missed the cache at every change.
        var total = 0
        func place(_ p: UInt64, _ i: Int, _ f: Int, _ kind: RunDiff.Kind) {
            if p == 0 {
                starts[2 * i + f] = -1
            } else {
                starts[2 * i + f] = Int32(total)
                total += Self.length(p)
                orders[Self.file(kind, side: f)].places.append(UInt64(Self.offset(p)) << 25 | UInt64(i))
            }
        }
        for (i, c) in changes.enumerated() {
            let (o, n) = Self.rows(c)
            place(o, i, 0, c.kind)
            place(n, i, 1, c.kind)
        }
        if total > capacity {
            bytes.deallocate()
            capacity = max(total, capacity * 2)
            bytes = .allocate(byteCount: capacity, alignment: 16)
        }
        // Opened here, not by the reading threads: both would change `descriptors`.
        for f in orders.indices where !orders[f].places.isEmpty && descriptors[f] < 0 {
            let d = open(paths[f], O_RDONLY | O_CLOEXEC)
            guard d >= 0 else { throw IngestError.unreadable(path: paths[f], reason: IngestError.systemMessage(errno)) }
            descriptors[f] = d
        }
        let descriptors = descriptors
        // A thread per side: the old files, the new files.
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            for f in [side, side + 2] where !orders[f].places.isEmpty {
                orders[f].error = Result {
                    InPlaceSort.sort(&orders[f].places)
                    try self.read(f, orders[f].places, descriptors[f])
                }.failure
            }
        }
        for o in orders { if let e = o.error { throw e } }
    }

    /// One file's rows of a chunk, and what reading them met.
    private final class Order: @unchecked Sendable {
        var places: [UInt64] = []
        var error: (any Error)?
    }

    /// The bytes of the row at `place` of the old or new pledges.csv or
    /// rejected.csv, for the chunk's change `index`: nil when the chunk does
    /// not hold it; empty when it could not be read.
    func row(_ place: UInt64, new: Bool, rejected: Bool = false, index: Int) -> UnsafeRawBufferPointer? {
        guard index >= 0, index < changes.count, place != 0 else { return nil }
        let c = changes[changes.startIndex + index]
        let (o, n) = Self.rows(c), side = new ? 1 : 0
        guard place == (new ? n : o), Self.file(c.kind, side: side) == side + (rejected ? 2 : 0) else { return nil }
        let s = Int(starts[2 * index + (new ? 1 : 0)])
        return UnsafeRawBufferPointer(start: bytes + max(s, 0), count: s < 0 ? 0 : Self.length(place))
    }

    /// Reads file `f`'s rows of the chunk: rows closer than `gap` in one read.
    private func read(_ f: Int, _ p: [UInt64], _ descriptor: Int32) throws {
        guard !p.isEmpty else { return }
        let first = changes.startIndex
        let side = f % 2
        func place(_ k: Int) -> (offset: Int, length: Int, slot: Int) {
            let i = Int(p[k] & (1 << 25 - 1))
            let (o, n) = Self.rows(changes[first + i])
            return (Int(p[k] >> 25), Self.length(side == 0 ? o : n), 2 * i + side)
        }
        var scratch = UnsafeMutableRawPointer.allocate(byteCount: tuning.span, alignment: 16)
        var scratchSize = tuning.span
        defer { scratch.deallocate() }
        var k = 0
        while k < p.count {
            let head = place(k)
            var end = head.offset + head.length, e = k + 1
            while e < p.count {
                let r = place(e)
                guard r.offset - end <= tuning.gap, r.offset + r.length - head.offset <= tuning.span else { break }
                end = max(end, r.offset + r.length)
                e += 1
            }
            if e == k + 1 {   // one row: straight into the arena
                let got = try readFully(f, descriptor, into: bytes + Int(starts[head.slot]), count: head.length, at: head.offset)
                if got < head.length { starts[head.slot] = -1 }
            } else {
                if end - head.offset > scratchSize {
                    scratch.deallocate()
                    scratchSize = end - head.offset
                    scratch = .allocate(byteCount: scratchSize, alignment: 16)
                }
                let got = try readFully(f, descriptor, into: scratch, count: end - head.offset, at: head.offset)
                for q in k..<e {
                    let r = place(q)
                    let o = r.offset - head.offset
                    if o + r.length <= got {
                        (bytes + Int(starts[r.slot])).copyMemory(from: scratch + o, byteCount: r.length)
                    } else {
                        starts[r.slot] = -1
                    }
                }
            }
            k = e
        }
    }

    /// Reads `count` bytes at `offset`, fewer only at the end of the file.
    private func readFully(_ f: Int, _ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws -> Int {
        var got = 0
        while got < count {
            let n = pread(descriptor, buffer + got, count - got, off_t(offset + got))
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

extension RowArena.Tuning {
    /// The tuning for a report of `changes` changes: the fewer changes
    /// (40 bytes each) are held, the more rows a chunk holds, from 40 to
    /// 80 MB: each chunk reads nearly all of both files when the changes
    /// are many. Two 1M-pledge runs have at most 2M changes (80 MB):
    /// the diff's peak stays near 160 MB either way.
    init(changes: Int) {
        self.init()
        budget = min(80 << 20, max(40 << 20, (120 << 20) - changes * MemoryLayout<DiffFiles.Change>.stride))
    }
}
