import PledgeTallyCore

/// What changed between two runs' outputs, keyed by pledge (source file and
/// investor, not line number, so inserting a row does not make everything
/// after it "changed") and by domain.
public struct RunDiff: Sendable, Equatable {
    /// One pledge that appeared, disappeared or changed.
    public struct PledgeChange: Sendable, Equatable {
        public enum Kind: String, Sendable { case added, removed, changed }
        public var kind: Kind
        public var source: String
        public var investor: String
        /// For `changed`: the fields that differ, old → new.
        public var fields: [FieldChange] = []
    }

    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var old: String
        public var new: String
    }

    /// A by_domain.csv row whose figures changed.
    public struct DomainChange: Sendable, Equatable {
        public var domain: String
        public var fields: [FieldChange]
        /// new − old of the domain's total, when both are numbers.
        public var totalDelta: DecimalAmount?
    }

    public var pledges: [PledgeChange] = []
    public var domains: [DomainChange] = []
    /// Rejected rows (source, field, value, reason) that appeared or disappeared.
    public var rejectionsAdded = 0
    public var rejectionsRemoved = 0

    public var isEmpty: Bool { pledges.isEmpty && domains.isEmpty && rejectionsAdded == 0 && rejectionsRemoved == 0 }

    /// A table read from a CSV file: header and rows.
    public struct Table: Sendable {
        public var header: [String]
        public var rows: [[String]]
        public init(header: [String], rows: [[String]]) {
            self.header = header
            self.rows = rows
        }

        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        /// Column names other than those listed.
        func columns(except skip: Set<String>) -> [String] { header.filter { !skip.contains($0) } }
    }

    /// Compares pledges.csv, by_domain.csv and rejected.csv of two runs.
    public init(oldPledges: Table, newPledges: Table, oldDomains: Table, newDomains: Table,
                oldRejected: Table, newRejected: Table) {
        pledges = Self.comparePledges(oldPledges, newPledges)
        domains = Self.compareDomains(oldDomains, newDomains)
        let key: (Table, [String]) -> String = { t, row in
            ["source", "field", "value", "reason"].map { t.column($0).map { row[$0] } ?? "" }.joined(separator: "\u{1F}")
        }
        var oldKeys = Self.counted(oldRejected.rows.map { key(oldRejected, $0) })
        for row in newRejected.rows {
            let k = key(newRejected, row)
            if let n = oldKeys[k], n > 0 { oldKeys[k] = n - 1 } else { rejectionsAdded += 1 }
        }
        rejectionsRemoved = oldKeys.values.reduce(0, +)
    }

    static func counted(_ keys: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for k in keys { counts[k, default: 0] += 1 }
        return counts
    }

    /// Pairs rows by (source, investor, n-th occurrence) and compares every
    /// column but `line`.
    static func comparePledges(_ old: Table, _ new: Table) -> [PledgeChange] {
        func keyed(_ t: Table) -> [(key: [String], row: [String])] {
            guard let s = t.column("source"), let i = t.column("investor") else { return [] }
            var seen: [[String]: Int] = [:]
            return t.rows.map { row in
                let base = [row[s], row[i]]
                let n = seen[base, default: 0]
                seen[base] = n + 1
                return (base + [String(n)], row)
            }
        }
        let oldRows = keyed(old), newRows = keyed(new)
        var oldByKey: [[String]: [String]] = [:]
        for (k, r) in oldRows { oldByKey[k] = r }
        let newKeys = Set(newRows.map(\.key))
        let fields = Array(Set(old.columns(except: ["source", "investor", "line"]))
            .union(new.columns(except: ["source", "investor", "line"])))
        let order = new.header + old.header
        let ordered = fields.sorted { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }

        var changes: [PledgeChange] = []
        for (key, row) in newRows {
            guard let before = oldByKey[key] else {
                changes.append(PledgeChange(kind: .added, source: key[0], investor: key[1]))
                continue
            }
            var diffs: [FieldChange] = []
            for f in ordered {
                let a = old.column(f).map { before[$0] } ?? ""
                let b = new.column(f).map { row[$0] } ?? ""
                if a != b { diffs.append(FieldChange(field: f, old: a, new: b)) }
            }
            if !diffs.isEmpty { changes.append(PledgeChange(kind: .changed, source: key[0], investor: key[1], fields: diffs)) }
        }
        for (key, _) in oldRows where !newKeys.contains(key) {
            changes.append(PledgeChange(kind: .removed, source: key[0], investor: key[1]))
        }
        return changes
    }

    /// Pairs by_domain.csv rows by domain (TOTAL included).
    static func compareDomains(_ old: Table, _ new: Table) -> [DomainChange] {
        guard let od = old.column("domain"), let nd = new.column("domain") else { return [] }
        var oldRows: [String: [String]] = [:]
        for r in old.rows { oldRows[r[od]] = r }
        var names = new.rows.map { $0[nd] }
        names += old.rows.map { $0[od] }.filter { !names.contains($0) }
        let fields = new.columns(except: ["domain"]) + old.columns(except: ["domain"]).filter { !new.header.contains($0) }
        let totalColumn = { (t: Table) in t.header.first { $0.hasPrefix("total_") } }
        var changes: [DomainChange] = []
        for name in names {
            let before = oldRows[name]
            let after = new.rows.first { $0[nd] == name }
            var diffs: [FieldChange] = []
            for f in fields {
                let a = before.flatMap { r in old.column(f).map { r[$0] } } ?? ""
                let b = after.flatMap { r in new.column(f).map { r[$0] } } ?? ""
                if a != b { diffs.append(FieldChange(field: f, old: a, new: b)) }
            }
            guard !diffs.isEmpty else { continue }
            var delta: DecimalAmount?
            if let oc = totalColumn(old), let nc = totalColumn(new), oc == nc {
                let a = before.flatMap { r in old.column(oc).flatMap { DecimalAmount(plain: r[$0]) } } ?? .zero
                let b = after.flatMap { r in new.column(nc).flatMap { DecimalAmount(plain: r[$0]) } } ?? .zero
                delta = try? b.subtracting(a)
            }
            changes.append(DomainChange(domain: name, fields: diffs, totalDelta: delta))
        }
        return changes
    }
}
