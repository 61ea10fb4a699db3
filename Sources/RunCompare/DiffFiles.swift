import PledgeTallyCore
import Ingest

/// The two runs' files once paired: what a change says is read from its rows
/// when it is needed, by their place in the files.
struct DiffFiles: Sendable {
    let old: DiffSide
    let new: DiffSide
    /// The compared columns (``DiffEngine/comparedFields(_:_:)``).
    let fields: [String]

    var sameCurrency: Bool { old.currency == new.currency }

    /// A confirmed change: its kind, its rows' places and how much it weighs.
    ///
    /// 40 bytes: the delta is kept as its mantissa's two halves and its
    /// scale, since an `Int128` member (16-byte aligned) and an optional
    /// made a change 64 bytes. Two 1M-pledge runs that share no pledge (a
    /// renamed source file) have 2,000,000 changes: 128 MB of them took
    /// the diff to 241 MB.
    struct Change: Sendable {
        /// The old row (pledges.csv; rejected.csv for `no longer rejected`); 0 for `added`.
        var old: UInt64
        /// The new row (pledges.csv; rejected.csv for `now rejected`); 0 for `removed`.
        var new: UInt64
        private var low: UInt64 = 0, high: Int64 = 0
        var kind: RunDiff.Kind
        /// The delta's scale; −1 without a delta.
        private var scale: Int8 = -1

        /// A changed pair whose compared cells pass 1 found all written
        /// canonically (``DiffSide/Facts``): bytes that differ are values that differ.
        var canonical = false

        init(kind: RunDiff.Kind, old: UInt64, new: UInt64, delta: DecimalAmount?, canonical: Bool = false) {
            self.old = old
            self.new = new
            self.kind = kind
            self.canonical = canonical
            self.delta = delta
        }

        /// The change of the reporting amount, new − old; nil without one.
        var delta: DecimalAmount? {
            get {
                guard scale >= 0 else { return nil }
                return DecimalAmount(normalised: Int128(high) << 64 | Int128(low), scale: Int(scale))
            }
            set {
                guard let d = newValue else {
                    (low, high, scale) = (0, 0, -1)
                    return
                }
                (low, high, scale) = (UInt64(truncatingIfNeeded: d.mantissa), Int64(truncatingIfNeeded: d.mantissa >> 64), Int8(d.scale))
            }
        }

        /// |delta|, nil without one.
        var magnitude: DecimalAmount? { delta?.absolute }

        /// The reporting amount of the pledges.csv row of a pledge added,
        /// removed, now or no longer rejected, as its delta gives it (the
        /// amount of one that came, the opposite of one that left: weighed
        /// from that very cell, read as ``DecimalAmount/init(plainUTF8:)``
        /// reads it); nil for a changed pledge or without a delta.
        var rowAmount: DecimalAmount? {
            guard kind != .changed, let d = delta else { return nil }
            return kind.pledgeRows.new ? d : DecimalAmount(mantissa: -d.mantissa, scale: d.scale)
        }

        /// The tie-break of report order: the new row's place, or the old one's
        /// for a pledge that left pledges.csv.
        var order: (Int, UInt64) { kind == .removed || kind == .nowRejected ? (1, old) : (0, new) }
    }

    /// The four files, opened when first needed, and the compared columns.
    final class Readers {
        let files: DiffFiles
        private var open: [CSVRecordFile?] = [nil, nil, nil, nil]
        /// Per compared field, its column in the old and the new pledges.csv (nil: not in that run's file).
        let oldColumns: [Int?], newColumns: [Int?]
        /// The number of cells of a row of each file, by slot (old pledges, old rejected, new pledges, new rejected).
        private let widths: [Int]

        init(_ files: DiffFiles) {
            self.files = files
            oldColumns = files.old.columns(files.fields)
            newColumns = files.new.columns(files.fields)
            widths = [files.old.pledgeHeader.count, files.old.rejectedHeader.count,
                      files.new.pledgeHeader.count, files.new.rejectedHeader.count]
        }

        /// The rows of the chunk being written, read ahead (``RowArena``); rows it does not hold are read alone.
        var arena: RowArena?
        /// The change being written, as the arena numbers it.
        var index = -1
        private let parser = CSVRecordParser()

        /// Calls `body` with the row at `place` of the old or new run's pledges.csv or rejected.csv.
        func withRow<R>(_ place: UInt64, new: Bool, rejected: Bool, _ body: (CSVRecords.Record) throws -> R) throws -> R {
            let slot = (new ? 2 : 0) + (rejected ? 1 : 0)
            let width = widths[slot]
            // Made only when needed: a path per row read was a String built
            // (and freed) 2,000,000 times for 1M changes.
            var path: String {
                let side = new ? files.new : files.old
                return rejected ? side.rejectedPath : side.pledgesPath
            }
            if let arena, let bytes = arena.row(place, new: new, rejected: rejected, index: index) {
                let result: R?? = try parser.withRecord(bytes) { r -> R? in r.count == width ? try body(r) : nil }
                guard let found = result, let row = found else { throw DiffError("\(path): changed while the runs were being compared") }
                return row
            }
            let file: CSVRecordFile
            if let f = open[slot] { file = f } else {
                do throws(IngestError) {
                    file = try CSVRecordFile(path: path)
                } catch {
                    throw DiffError(error.description)
                }
                open[slot] = file
            }
            let result: R?? = try file.withRecord(offset: Int(place >> 25), length: Int(place & (1 << 25 - 1))) { r -> R? in
                r.count == width ? try body(r) : nil
            }
            guard let found = result, let row = found else { throw DiffError("\(path): changed while the runs were being compared") }
            return row
        }

        /// The cells of the row at `place` of the old or new run's pledges.csv or rejected.csv.
        func row(_ place: UInt64, new: Bool, rejected: Bool) throws -> [String] {
            try withRow(place, new: new, rejected: rejected) { $0.strings }
        }
    }

    /// What a change says, read from its rows.
    func pledgeChange(_ kind: RunDiff.Kind, old o: UInt64, new n: UInt64, _ readers: Readers) throws -> RunDiff.PledgeChange {
        switch kind {
        case .changed:
            let before = try readers.row(o, new: false, rejected: false), after = try readers.row(n, new: true, rejected: false)
            var c = try change(.changed, new: after, old: before)
            c.fields = fieldChanges(before, after)
            return c
        case .added:
            return try change(.added, new: try readers.row(n, new: true, rejected: false))
        case .removed:
            return try change(.removed, old: try readers.row(o, new: false, rejected: false))
        case .nowRejected:
            var c = try change(.nowRejected, old: try readers.row(o, new: false, rejected: false))
            c.rejection = rejection(try readers.row(n, new: true, rejected: true), new)
            return c
        case .noLongerRejected:
            var c = try change(.noLongerRejected, new: try readers.row(n, new: true, rejected: false))
            c.rejection = rejection(try readers.row(o, new: false, rejected: true), old)
            return c
        }
    }

    private func amount(_ cells: [String], _ side: DiffSide) -> DecimalAmount? {
        side.reporting.flatMap { cells[$0].isEmpty ? nil : DecimalAmount(plain: cells[$0]) }
    }

    /// A change read from its rows: the new one where there is one.
    private func change(_ kind: RunDiff.Kind, new n: [String]? = nil, old o: [String]? = nil) throws -> RunDiff.PledgeChange {
        let (cells, side) = n.map { ($0, new) } ?? (o!, old)
        let text = side.amountText.map { cells[$0] } ?? ""
        var c = RunDiff.PledgeChange(kind: kind, source: cells[side.source], investor: cells[side.investor], amountText: text,
                                     amount: side.reporting.map { cells[$0] } ?? "")
        guard sameCurrency else { return c }
        let after = n.flatMap { amount($0, new) }, before = o.flatMap { amount($0, old) }
        if after != nil || before != nil {
            c.delta = try (after ?? .zero).subtracting(before ?? .zero)
        }
        return c
    }

    private func fieldChanges(_ o: [String], _ n: [String]) -> [RunDiff.FieldChange] {
        fields.compactMap { f in
            let a = old.pledgeHeader.firstIndex(of: f).map { o[$0] } ?? ""
            let b = new.pledgeHeader.firstIndex(of: f).map { n[$0] } ?? ""
            return a == b ? nil : RunDiff.FieldChange(field: f, old: a, new: b)
        }
    }

    /// "field ‘value’: reason" of a rejected.csv row.
    private func rejection(_ cells: [String], _ side: DiffSide) -> String {
        func cell(_ i: Int?) -> String { i.map { cells[$0] } ?? "" }
        return "\(cell(side.rejectedField)) ‘\(cell(side.rejectedValue))’: \(cell(side.rejectedReason))"
    }
}

extension RunDiff {
    /// The pledge changes in report order, each read from its rows when asked for.
    public final class PledgeCursor {
        private let list: [DiffFiles.Change]
        private let files: DiffFiles?
        private let readers: DiffFiles.Readers?
        private var next = 0

        init(_ diff: RunDiff) {
            list = diff.changeList
            files = diff.files
            readers = diff.files.map { DiffFiles.Readers($0) }
        }

        /// The next change; nil after the last.
        public func nextChange() throws(DiffError) -> PledgeChange? {
            guard next < list.count, let files, let readers else { return nil }
            let c = list[next]
            next += 1
            do {
                return try files.pledgeChange(c.kind, old: c.old, new: c.new, readers)
            } catch {
                throw RunDiff.runError(error)
            }
        }
    }

    /// The changes' rows (``Row``), as changes.csv and the Changes sheet list them.
    public final class RowCursor {
        private let diff: RunDiff
        private let pledges: PledgeCursor
        private var pending: [Row] = []
        private var taken = 0
        private var domainsDone = false

        init(_ diff: RunDiff) {
            self.diff = diff
            pledges = PledgeCursor(diff)
        }

        /// The next row; nil after the last.
        public func nextRow() throws(DiffError) -> Row? {
            while taken == pending.count {
                pending.removeAll(keepingCapacity: true)
                taken = 0
                if let p = try pledges.nextChange() {
                    pending = diff.rows(of: p)
                } else if !domainsDone {
                    domainsDone = true
                    pending = diff.domainRows
                } else {
                    return nil
                }
            }
            taken += 1
            return pending[taken - 1]
        }
    }

    public func pledgeCursor() -> PledgeCursor { PledgeCursor(self) }
    public func rowCursor() -> RowCursor { RowCursor(self) }

    /// Every pledge change at once, in report order (for small runs and tests:
    /// a large diff is better walked with ``pledgeCursor()``).
    public func pledgeChanges() throws(DiffError) -> [PledgeChange] {
        let cursor = pledgeCursor()
        var all: [PledgeChange] = []
        while let c = try cursor.nextChange() { all.append(c) }
        return all
    }
}
