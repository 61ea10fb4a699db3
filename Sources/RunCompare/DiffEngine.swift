import PledgeTallyCore
import Ingest
import Dispatch

/// Pairs the pledges of two runs in bounded memory.
///
/// Pass 1 (``DiffSide/scan(compared:)``) streams each run's pledges.csv and
/// rejected.csv and keeps, per row, 32 bytes: a hash of (source, investor),
/// the line, where the row lies in its file and a hash of the compared cells;
/// for the `diff` command also 8 bytes of ``DiffSide/Facts``.
/// Sorted by (key, line), the two runs line up for one merge that pairs the
/// n-th occurrence of a key with the n-th. Pass 2 confirms and weighs each
/// pair that differs from what pass 1 kept of its rows (``DiffSide/Facts``),
/// reading them back only when that is not enough; a
/// change is then kept as 64 bytes, in report order, and its text is read
/// again when it is written (``DiffFiles``). Memory grows with the number of
/// changes, not of pledges, and no change's text is held.
struct DiffEngine {
    let files: DiffFiles

    init(old: String, new: String) throws {
        let o = try DiffSide(folder: old), n = try DiffSide(folder: new)
        files = DiffFiles(old: o, new: n, fields: Self.comparedFields(o, n))
    }

    /// The columns compared between paired pledges: every column but source,
    /// line and investor (and the reporting amount across currencies).
    static func comparedFields(_ old: DiffSide, _ new: DiffSide) -> [String] {
        var skip: Set<String> = ["source", "line", "investor"]
        if old.currency != new.currency {
            // The rate is to the reporting currency: it differs with it.
            skip.formUnion(["rate", "rate_date"])
            if let r = old.reporting { skip.insert(old.pledgeHeader[r]) }
            if let r = new.reporting { skip.insert(new.pledgeHeader[r]) }
        }
        return new.pledgeHeader.filter { !skip.contains($0) }
            + old.pledgeHeader.filter { !skip.contains($0) && !new.pledgeHeader.contains($0) }
    }

    struct Pair: Sendable {
        var kind: RunDiff.Kind
        var old: UInt64
        var new: UInt64
        /// The rows' indexes in their files (``DiffSide/Entry/row``): where their facts are.
        var oldRow: UInt32 = UInt32(DiffSide.noRow), newRow: UInt32 = UInt32(DiffSide.noRow)
    }

    /// `parallel`: the two runs' files are scanned at once, on two threads,
    /// and pass 1 keeps the facts that let pass 2 weigh most pairs without
    /// reading them (the `diff` command; a run's own comparison keeps its
    /// memory to the entries).
    func run(into diff: inout RunDiff, parallel: Bool) throws {
        var pairs: [[Pair]]
        var facts: Facts
        do {   // the entries (32 bytes a row) live only here
            let contiguous = DiffSide.isContiguous(files.old.columns(files.fields))
                && DiffSide.isContiguous(files.new.columns(files.fields))
            let (a, b) = try Self.scan(files, contiguous: contiguous, parallel: parallel)
            diff.oldTotal = a.total
            diff.newTotal = b.total
            facts = Facts(old: a.facts, new: b.facts)
            pairs = Self.pair(a.entries, b.entries, &diff)
        }

        // Pass 2: confirm each change (the hashes only say "maybe" unless
        // the compared cells are canonical), weigh it by its delta. One
        // thread: split in two it took no less time on the shared 2 cores
        // (39 s against 35 s, load 4–6) and 22 MB more.
        var weighed = try Self.weigh(&pairs, files, facts, parallel: parallel)
        facts = Facts(old: [], new: [])   // 16 MB for two 1M-pledge runs, not held while the changes are sorted
        var list = weighed.list
        weighed.list = []
        diff.bridge = weighed.bridge
        let counts = weighed.counts
        pairs = []
        Self.sortInReportOrder(&list, parallel: parallel)
        diff.changeList = list
        diff.counts = counts
        diff.files = files
    }

    typealias Scanned = (entries: [DiffSide.Entry], total: DecimalAmount, facts: [DiffSide.Facts])

    private final class Scan: @unchecked Sendable {
        var result: Result<Scanned, any Error>?
    }

    private static func scan(_ files: DiffFiles, contiguous: Bool, parallel: Bool) throws -> (Scanned, Scanned) {
        let fields = files.fields
        guard parallel else {
            return (try files.old.scan(compared: fields, contiguous: contiguous),
                    try files.new.scan(compared: fields, contiguous: contiguous))
        }
        let scans = [Scan(), Scan()]
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let side = k == 0 ? files.old : files.new
            scans[k].result = Result { try side.scan(compared: fields, contiguous: contiguous, keepFacts: true) }
        }
        return (try scans[0].result!.get(), try scans[1].result!.get())
    }

    /// Merges two sorted entry lists: within one key, the n-th entry of the
    /// old run with the n-th of the new one. The pairs come in blocks of
    /// 65,536 (2 MB), which pass 2 frees as it goes; one array grown by
    /// doubling would also hold its old copy while it is copied.
    private static func pair(_ a: [DiffSide.Entry], _ b: [DiffSide.Entry], _ diff: inout RunDiff) -> [[Pair]] {
        var blocks: [[Pair]] = []
        var pairs: [Pair] = []
        let blockSize = 1 << 16
        pairs.reserveCapacity(blockSize)
        func add(_ p: Pair) {
            if pairs.count == blockSize {
                blocks.append(pairs)
                pairs = []
                pairs.reserveCapacity(blockSize)
            }
            pairs.append(p)
        }
        let rejected: UInt64 = 1 << 31
        func oldOnly(_ e: DiffSide.Entry) {
            if e.rank & rejected != 0 {
                diff.rejectionsRemoved += 1
            } else {
                add(Pair(kind: .removed, old: e.place, new: 0, oldRow: UInt32(e.row)))
            }
        }
        func newOnly(_ e: DiffSide.Entry) {
            if e.rank & rejected != 0 {
                diff.rejectionsAdded += 1
            } else {
                add(Pair(kind: .added, old: 0, new: e.place, newRow: UInt32(e.row)))
            }
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].key < b[j].key) {
                oldOnly(a[i])
                i += 1
            } else if i == a.count || b[j].key < a[i].key {
                newOnly(b[j])
                j += 1
            } else {
                let key = a[i].key
                while i < a.count && j < b.count && a[i].key == key && b[j].key == key {
                    let (x, y) = (a[i], b[j])
                    switch (x.rank & rejected != 0, y.rank & rejected != 0) {
                    case (false, false):
                        if x.content != y.content {
                            add(Pair(kind: .changed, old: x.place, new: y.place, oldRow: UInt32(x.row), newRow: UInt32(y.row)))
                        }
                    case (false, true): add(Pair(kind: .nowRejected, old: x.place, new: y.place, oldRow: UInt32(x.row)))
                    case (true, false): add(Pair(kind: .noLongerRejected, old: x.place, new: y.place, newRow: UInt32(y.row)))
                    case (true, true): break
                    }
                    i += 1
                    j += 1
                }
                while i < a.count && a[i].key == key { oldOnly(a[i]); i += 1 }
                while j < b.count && b[j].key == key { newOnly(b[j]); j += 1 }
            }
        }
        if !pairs.isEmpty { blocks.append(pairs) }
        return blocks
    }
}

extension DecimalAmount {
    /// The amount without its sign.
    package var absolute: DecimalAmount { isNegative ? ((try? DecimalAmount.zero.subtracting(self)) ?? self) : self }
}

