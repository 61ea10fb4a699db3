import PledgeTallyCore
import Ingest

/// What changed between two runs' outputs, keyed by pledge — source file,
/// investor and n-th occurrence of that pair, counted over pledges.csv and
/// rejected.csv together in line order, not by line number, so inserting a
/// row does not make everything after it "changed" — and by domain.
///
/// A pledge that left pledges.csv for rejected.csv is `now rejected`; the
/// reverse `no longer rejected`. Every change carries what it adds to the
/// total in the reporting currency, so the bridge from the old total to the
/// new one adds up exactly. Runs in different reporting currencies are
/// compared in each pledge's own currency, without deltas.
public struct RunDiff: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case added, removed, changed
        case nowRejected = "now-rejected"
        case noLongerRejected = "no-longer-rejected"
    }

    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var old: String
        public var new: String
    }

    /// One pledge that appeared, disappeared, changed or moved to or from rejected.csv.
    public struct PledgeChange: Sendable, Equatable {
        public var kind: Kind
        public var source: String
        public var investor: String
        /// The amount as written (the new row's where there is one).
        public var amountText = ""
        /// The amount in the reporting currency as pledges.csv shows it (the new row's where there is one).
        public var amount = ""
        /// For `changed`: the fields that differ, old → new.
        public var fields: [FieldChange] = []
        /// What the change adds to the total (negative for a removal); nil
        /// without an amount or across reporting currencies.
        public var delta: DecimalAmount?
        /// For `now rejected` and `no longer rejected`: the rejection, "field ‘value’: reason".
        public var rejection = ""
    }

    /// A by_domain.csv row whose figures changed.
    public struct DomainChange: Sendable, Equatable {
        public var domain: String
        public var fields: [FieldChange]
        /// new − old of the domain's total, when both runs share a currency.
        public var totalDelta: DecimalAmount?
    }

    /// How the total moved, part by part; the parts add up to `new − old`.
    public struct Bridge: Sendable, Equatable {
        public var added = DecimalAmount.zero
        public var removed = DecimalAmount.zero
        public var changed = DecimalAmount.zero
        public var nowRejected = DecimalAmount.zero
        public var noLongerRejected = DecimalAmount.zero

        public var sum: DecimalAmount {
            get throws(DecimalAmount.Overflow) {
                try added.adding(removed).adding(changed).adding(nowRejected).adding(noLongerRejected)
            }
        }
    }

    public var oldCurrency: String
    public var newCurrency: String
    /// Σ of pledges.csv's amounts in each run's reporting currency.
    public var oldTotal = DecimalAmount.zero
    public var newTotal = DecimalAmount.zero
    public var bridge = Bridge()
    /// The pledge changes in report order — largest absolute delta first,
    /// changes without a delta last, ties in file order — as places in the
    /// runs' files: their text is read when walked (``pledgeCursor()``).
    var changeList: [DiffFiles.Change] = []
    var counts: [Kind: Int] = [:]
    var files: DiffFiles?
    public var domains: [DomainChange] = []
    /// Rejections that appeared or disappeared without their pledge being accepted on the other side.
    public var rejectionsAdded = 0
    public var rejectionsRemoved = 0

    public var sameCurrency: Bool { oldCurrency == newCurrency }
    public var isEmpty: Bool { changeList.isEmpty && domains.isEmpty && rejectionsAdded == 0 && rejectionsRemoved == 0 }

    /// How many pledge changes there are (every kind).
    public var pledgeChangeCount: Int { changeList.count }

    public func count(_ kind: Kind) -> Int { counts[kind] ?? 0 }

    /// The name of the reporting amount column (`amount_eur`) of the newer run.
    public var reportingField: String { "amount_" + newCurrency.lowercased() }

    /// Compares the output folders of two runs: pledges.csv and rejected.csv
    /// streamed once each, then only the rows that differ read again;
    /// by_domain.csv read whole. `parallel`: both runs' files are read at
    /// once, on two threads (the `diff` command; a run has its workbook's
    /// thread busy already).
    public init(oldFolder: String, newFolder: String, parallel: Bool = false) throws(DiffError) {
        do {
            let engine = try DiffEngine(old: oldFolder, new: newFolder)
            self.init(oldCurrency: engine.files.old.currency, newCurrency: engine.files.new.currency)
            try engine.run(into: &self, parallel: parallel)
            domains = try Self.compareDomains(oldFolder + "/by_domain.csv", newFolder + "/by_domain.csv")
        } catch {
            throw Self.runError(error)
        }
    }

    init(oldCurrency: String, newCurrency: String) {
        self.oldCurrency = oldCurrency
        self.newCurrency = newCurrency
    }

    static func runError(_ error: any Error) -> DiffError {
        switch error {
        case let e as DiffError: return e
        case let e as IngestError: return DiffError(e.description)
        case let e as CSVTable.Problem: return DiffError(e.description)
        case is DecimalAmount.Overflow: return DiffError("the totals exceed the largest amount pledgetally can add exactly")
        default: return DiffError(String(describing: error))
        }
    }

    /// Pairs by_domain.csv rows by domain (TOTAL included): new rows in order, then the old ones gone.
    static func compareDomains(_ oldPath: String, _ newPath: String) throws -> [DomainChange] {
        let old = try CSVTable.read(path: oldPath), new = try CSVTable.read(path: newPath)
        guard let od = old.header.firstIndex(of: "domain") else { throw DiffError("\(oldPath): no ‘domain’ column: not the by_domain.csv of a pledgetally run") }
        guard let nd = new.header.firstIndex(of: "domain") else { throw DiffError("\(newPath): no ‘domain’ column: not the by_domain.csv of a pledgetally run") }
        var oldRows: [String: [String]] = [:]
        for r in old.rows where oldRows[r.cells[od]] == nil { oldRows[r.cells[od]] = r.cells }
        var newRows: [String: [String]] = [:]
        for r in new.rows where newRows[r.cells[nd]] == nil { newRows[r.cells[nd]] = r.cells }
        var names: [String] = []
        var seen = Set<String>()
        for r in new.rows where seen.insert(r.cells[nd]).inserted { names.append(r.cells[nd]) }
        for r in old.rows where seen.insert(r.cells[od]).inserted { names.append(r.cells[od]) }
        let fields = new.header.filter { $0 != "domain" } + old.header.filter { $0 != "domain" && !new.header.contains($0) }
        let oldIndex = Dictionary(old.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let newIndex = Dictionary(new.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let oldTotal = old.header.first { $0.hasPrefix("total_") }, newTotal = new.header.first { $0.hasPrefix("total_") }
        var changes: [DomainChange] = []
        for name in names {
            let before = oldRows[name], after = newRows[name]
            var diffs: [FieldChange] = []
            for f in fields {
                let a = before.flatMap { r in oldIndex[f].map { r[$0] } } ?? ""
                let b = after.flatMap { r in newIndex[f].map { r[$0] } } ?? ""
                if a != b { diffs.append(FieldChange(field: f, old: a, new: b)) }
            }
            guard !diffs.isEmpty else { continue }
            var delta: DecimalAmount?
            if let oc = oldTotal, oc == newTotal {
                let a = before.flatMap { DecimalAmount(plain: $0[oldIndex[oc]!]) } ?? .zero
                let b = after.flatMap { DecimalAmount(plain: $0[newIndex[oc]!]) } ?? .zero
                delta = try? b.subtracting(a)
            }
            changes.append(DomainChange(domain: name, fields: diffs, totalDelta: delta))
        }
        return changes
    }
}

/// Why two runs could not be compared: a missing file, or one that is not a run's.
public struct DiffError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
