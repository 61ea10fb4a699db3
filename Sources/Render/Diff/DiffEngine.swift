import PledgeTallyCore
import Ingest
import Normalise

/// Pairs the pledges of two runs in bounded memory.
///
/// Pass 1 streams each run's pledges.csv and rejected.csv and keeps, per row,
/// 32 bytes: a hash of (source, investor), the line, the row's index, whether
/// it was rejected and a hash of the compared cells. Sorting those by (hash,
/// line) numbers the occurrences of each (source, investor) and lines the two
/// runs up for one merge; only rows that differ are then read again (pass 2)
/// for their text. Memory grows with the number of changes, not of pledges.
struct DiffEngine {
    /// One row of pledges.csv or rejected.csv, reduced to what pairing needs.
    struct Entry {
        var key: UInt64
        var line: Int32
        var occurrence: Int32 = 0
        var row: Int32
        var rejected: Bool
        var content: UInt64
    }

    /// One run's files.
    struct Side {
        let folder: String
        let pledgeHeader: [String]
        let rejectedHeader: [String]
        let currency: String
        let source, investor, line: Int
        let reporting: Int?
        var entries: [Entry] = []
        var total = DecimalAmount.zero

        var pledgesPath: String { folder + "/pledges.csv" }
        var rejectedPath: String { folder + "/rejected.csv" }

        init(folder: String) throws {
            self.folder = folder
            let pledgesPath = folder + "/pledges.csv", rejectedPath = folder + "/rejected.csv"
            pledgeHeader = try Self.header(pledgesPath)
            rejectedHeader = try Self.header(rejectedPath)
            func column(_ name: String, _ header: [String], _ path: String, _ what: String) throws -> Int {
                guard let i = header.firstIndex(of: name) else {
                    throw DiffError("\(path): no ‘\(name)’ column: not the \(what) of a pledgetally run")
                }
                return i
            }
            source = try column("source", pledgeHeader, pledgesPath, "pledges.csv")
            investor = try column("investor", pledgeHeader, pledgesPath, "pledges.csv")
            line = try column("line", pledgeHeader, pledgesPath, "pledges.csv")
            _ = try column("source", rejectedHeader, rejectedPath, "rejected.csv")
            _ = try column("line", rejectedHeader, rejectedPath, "rejected.csv")
            let header = pledgeHeader
            let r = header.firstIndex { $0.hasPrefix("amount_") && $0.utf8.count == 10 && $0 != "amount_low" }
            reporting = r
            currency = r.map { String(header[$0].dropFirst(7)).uppercased() } ?? ""
        }

        private struct Stop: Error {}

        /// The first row of a CSV file.
        static func header(_ path: String) throws -> [String] {
            var found: [String] = []
            do {
                try CSVRows.read(path: path, header: { found = $0; throw Stop() }, row: { _, _ in })
            } catch is Stop {}
            return found
        }

        /// Pass 1: an entry for every row, the total of the reporting amounts.
        mutating func scan(compared fields: [String]) throws {
            let columns = fields.map { pledgeHeader.firstIndex(of: $0) }
            let (s, i, l, rep) = (source, investor, line, reporting)
            var entries: [Entry] = []
            var total = DecimalAmount.zero
            try CSVRows.read(path: pledgesPath, header: { _ in }) { index, cells in
                var h = Hasher()
                for c in columns { h.combine(c.map { cells[$0] } ?? "") }
                entries.append(Entry(key: Self.key(cells[s], cells[i]), line: Int32(clamping: Int(cells[l]) ?? 0),
                                     row: Int32(index), rejected: false, content: UInt64(bitPattern: Int64(h.finalize()))))
                if let rep, !cells[rep].isEmpty {
                    guard let a = DecimalAmount(plain: cells[rep]) else {
                        throw DiffError("\(pledgesPath): row \(index + 2): ‘\(cells[rep])’ is not an amount")
                    }
                    total = try total.adding(a)
                }
            }
            let rs = rejectedHeader.firstIndex(of: "source")!, rl = rejectedHeader.firstIndex(of: "line")!
            let ri = rejectedHeader.firstIndex(of: "investor")
            try CSVRows.read(path: rejectedPath, header: { _ in }) { index, cells in
                entries.append(Entry(key: Self.key(cells[rs], ri.map { cells[$0] } ?? ""),
                                     line: Int32(clamping: Int(cells[rl]) ?? 0), row: Int32(index), rejected: true, content: 0))
            }
            entries.sort { ($0.key, $0.line, $0.rejected ? 1 : 0, $0.row) < ($1.key, $1.line, $1.rejected ? 1 : 0, $1.row) }
            var previous: UInt64?
            var n: Int32 = 0
            for k in entries.indices {
                n = entries[k].key == previous ? n + 1 : 0
                previous = entries[k].key
                entries[k].occurrence = n
            }
            self.entries = entries
            self.total = total
        }

        static func key(_ source: String, _ investor: String) -> UInt64 {
            var h = Hasher()
            h.combine(source)
            h.combine(investor.trimmingSpaces())
            return UInt64(bitPattern: Int64(h.finalize()))
        }

        /// Pass 2: the cells of the rows asked for, by row index.
        func rows(_ wanted: Set<Int32>, rejected: Bool) throws -> [Int32: [String]] {
            var found: [Int32: [String]] = [:]
            guard !wanted.isEmpty else { return found }
            try CSVRows.read(path: rejected ? rejectedPath : pledgesPath, header: { _ in }) { index, cells in
                if wanted.contains(Int32(index)) { found[Int32(index)] = cells }
            }
            return found
        }
    }

    var old: Side
    var new: Side

    init(old: String, new: String) throws {
        self.old = try Side(folder: old)
        self.new = try Side(folder: new)
    }

    /// The columns compared between paired pledges: every column but source,
    /// line and investor (and the reporting amount across currencies).
    var comparedFields: [String] {
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

    private enum Pair {
        case changed(old: Int32, new: Int32)
        case added(Int32)
        case removed(Int32)
        case nowRejected(old: Int32, new: Int32)
        case noLongerRejected(old: Int32, new: Int32)
    }

    mutating func run(into diff: inout RunDiff) throws {
        let fields = comparedFields
        try old.scan(compared: fields)
        try new.scan(compared: fields)
        diff.oldTotal = old.total
        diff.newTotal = new.total

        // Merge the two sorted lists on (key, occurrence).
        var pairs: [Pair] = []
        var i = 0, j = 0
        let a = old.entries, b = new.entries
        while i < a.count || j < b.count {
            let order: Int
            if i == a.count { order = 1 } else if j == b.count { order = -1 } else {
                let x = (a[i].key, a[i].occurrence), y = (b[j].key, b[j].occurrence)
                order = x < y ? -1 : x == y ? 0 : 1
            }
            switch order {
            case -1:
                if a[i].rejected { diff.rejectionsRemoved += 1 } else { pairs.append(.removed(a[i].row)) }
                i += 1
            case 1:
                if b[j].rejected { diff.rejectionsAdded += 1 } else { pairs.append(.added(b[j].row)) }
                j += 1
            default:
                switch (a[i].rejected, b[j].rejected) {
                case (false, false): if a[i].content != b[j].content { pairs.append(.changed(old: a[i].row, new: b[j].row)) }
                case (false, true): pairs.append(.nowRejected(old: a[i].row, new: b[j].row))
                case (true, false): pairs.append(.noLongerRejected(old: a[i].row, new: b[j].row))
                case (true, true): break
                }
                i += 1
                j += 1
            }
        }
        old.entries = []
        new.entries = []

        var want = (oldP: Set<Int32>(), oldR: Set<Int32>(), newP: Set<Int32>(), newR: Set<Int32>())
        for p in pairs {
            switch p {
            case .changed(let o, let n): want.oldP.insert(o); want.newP.insert(n)
            case .added(let n): want.newP.insert(n)
            case .removed(let o): want.oldP.insert(o)
            case .nowRejected(let o, let n): want.oldP.insert(o); want.newR.insert(n)
            case .noLongerRejected(let o, let n): want.oldR.insert(o); want.newP.insert(n)
            }
        }
        let oldP = try old.rows(want.oldP, rejected: false), oldR = try old.rows(want.oldR, rejected: true)
        let newP = try new.rows(want.newP, rejected: false), newR = try new.rows(want.newR, rejected: true)

        var changes: [(change: RunDiff.PledgeChange, order: (Int, Int32))] = []
        for p in pairs {
            switch p {
            case .changed(let o, let n):
                var c = try change(.changed, new: newP[n]!, old: oldP[o]!)
                c.fields = fieldChanges(fields, oldP[o]!, newP[n]!)
                changes.append((c, (0, n)))
            case .added(let n): changes.append((try change(.added, new: newP[n]!), (0, n)))
            case .removed(let o): changes.append((try change(.removed, old: oldP[o]!), (1, o)))
            case .nowRejected(let o, let n):
                var c = try change(.nowRejected, old: oldP[o]!)
                c.rejection = rejection(newR[n]!, new.rejectedHeader)
                changes.append((c, (1, o)))
            case .noLongerRejected(let o, let n):
                var c = try change(.noLongerRejected, new: newP[n]!)
                c.rejection = rejection(oldR[o]!, old.rejectedHeader)
                changes.append((c, (0, n)))
            }
        }
        changes.sort { x, y in
            switch (x.change.delta?.absolute, y.change.delta?.absolute) {
            case (let p?, let q?) where p != q: return p > q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.order < y.order
            }
        }
        diff.pledges = changes.map(\.change)
        for c in diff.pledges {
            guard let d = c.delta else { continue }
            switch c.kind {
            case .added: diff.bridge.added = try diff.bridge.added.adding(d)
            case .removed: diff.bridge.removed = try diff.bridge.removed.adding(d)
            case .changed: diff.bridge.changed = try diff.bridge.changed.adding(d)
            case .nowRejected: diff.bridge.nowRejected = try diff.bridge.nowRejected.adding(d)
            case .noLongerRejected: diff.bridge.noLongerRejected = try diff.bridge.noLongerRejected.adding(d)
            }
        }
    }

    private func amount(_ cells: [String], _ side: Side) -> DecimalAmount? {
        side.reporting.flatMap { cells[$0].isEmpty ? nil : DecimalAmount(plain: cells[$0]) }
    }

    /// A change read from its rows: the new one where there is one.
    private func change(_ kind: RunDiff.Kind, new n: [String]? = nil, old o: [String]? = nil) throws -> RunDiff.PledgeChange {
        let (cells, side) = n.map { ($0, new) } ?? (o!, old)
        let text = side.pledgeHeader.firstIndex(of: "amount_text").map { cells[$0] } ?? ""
        var c = RunDiff.PledgeChange(kind: kind, source: cells[side.source], investor: cells[side.investor], amountText: text,
                                     amount: side.reporting.map { cells[$0] } ?? "")
        guard old.currency == new.currency else { return c }
        let after = n.flatMap { amount($0, new) }, before = o.flatMap { amount($0, old) }
        if after != nil || before != nil {
            c.delta = try (after ?? .zero).subtracting(before ?? .zero)
        }
        return c
    }

    private func fieldChanges(_ fields: [String], _ o: [String], _ n: [String]) -> [RunDiff.FieldChange] {
        fields.compactMap { f in
            let a = old.pledgeHeader.firstIndex(of: f).map { o[$0] } ?? ""
            let b = new.pledgeHeader.firstIndex(of: f).map { n[$0] } ?? ""
            return a == b ? nil : RunDiff.FieldChange(field: f, old: a, new: b)
        }
    }

    /// "field ‘value’: reason" of a rejected.csv row.
    private func rejection(_ cells: [String], _ header: [String]) -> String {
        func cell(_ name: String) -> String { header.firstIndex(of: name).map { cells[$0] } ?? "" }
        return "\(cell("field")) ‘\(cell("value"))’: \(cell("reason"))"
    }
}

extension DecimalAmount {
    /// The amount without its sign.
    var absolute: DecimalAmount { isNegative ? ((try? DecimalAmount.zero.subtracting(self)) ?? self) : self }
}
