import PledgeTallyCore
import Aggregate
import Dispatch


extension RunDiff {
    /// The one-line counts that start the report.
    public var summary: String {
        if isEmpty && sameCurrency { return "no changes" }
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var line = "\(n(count(.added), "pledge")) added, \(count(.removed)) removed, \(count(.changed)) changed, "
            + "\(count(.nowRejected)) now rejected, \(count(.noLongerRejected)) no longer rejected; "
            + "\(n(domains.count, "domain row")) changed; rejections: \(rejectionsAdded) new, \(rejectionsRemoved) gone"
        if !sameCurrency {
            line += "; reporting currency \(oldCurrency) → \(newCurrency): amounts compared in their own currency, no delta across currencies"
        }
        return line
    }

    /// The second line: how the total moved, in parts that add up exactly.
    public var bridgeLine: String {
        let o = Self.grouped(oldTotal, oldCurrency), n = Self.grouped(newTotal, newCurrency)
        guard sameCurrency else {
            return "total \(o) \(oldCurrency) → \(n) \(newCurrency): different reporting currencies, no bridge"
        }
        let b = bridge
        return "total \(o) → \(n) \(newCurrency): \(Self.signed(b.added, newCurrency, plus: true)) added, "
            + "\(Self.signed(b.removed, newCurrency, plus: false)) removed, \(Self.signed(b.changed, newCurrency)) changed, "
            + "\(Self.signed(b.nowRejected, newCurrency, plus: false)) now rejected, "
            + "\(Self.signed(b.noLongerRejected, newCurrency, plus: true)) no longer rejected"
    }

    /// The human-readable report: counts, bridge, then each change. Every
    /// text from the files goes through `e` (the command line escapes them as
    /// on stderr), so no field can start a line. Each line (without its line
    /// end) goes to `out` as soon as it is made: the changes are read from the
    /// runs' files one by one, never held.
    public func writeText(escaping e: (String) -> String, line out: (String) throws -> Void) throws {
        if isEmpty && sameCurrency { return try out(summary) }
        try out(summary)
        try out(bridgeLine)
        let cursor = pledgeCursor()
        while let p = try cursor.nextChange() { try lines(of: p, escaping: e, out) }
        try domainLines(escaping: e, out)
    }

    /// The same report as ``writeText(escaping:line:)``, byte for byte, handed
    /// to `write` in blocks of about 1 MiB. `escape` appends a text's bytes
    /// made printable, as `escapeText` does to a String. Added, removed and
    /// changed pledges are written from their rows' bytes (``DiffFiles/appendText(_:_:_:_:)``),
    /// a chunk at a time (``RowArena``) past a few thousand changes.
    public func writeText(escape: @escaping (UnsafeRawBufferPointer, inout [UInt8]) -> Void,
                          escapeText e: @escaping (String) -> String,
                          write: (UnsafeRawBufferPointer) throws -> Void) throws {
        // A few changes are read one by one, as they come: nothing to gain from a chunk.
        try writeText(escape: escape, escapeText: e, tuning: pledgeChangeCount > 2048 ? RowArena.Tuning(changes: changeList.count) : nil, write: write)
    }

    /// `tuning`: the changes' rows read a chunk at a time and formatted on
    /// two threads; nil: each row read alone, in report order.
    func writeText(escape: @escaping (UnsafeRawBufferPointer, inout [UInt8]) -> Void,
                   escapeText e: @escaping (String) -> String, tuning: RowArena.Tuning?,
                   write: (UnsafeRawBufferPointer) throws -> Void) throws {
        let text = ReportBytes(escape: escape)
        func line(_ s: String) {
            text.string(s)
            text.newline()
        }
        func flush() throws {
            try text.withBytes(write)
            text.removeAll()
        }
        if isEmpty && sameCurrency {
            line(summary)
            return try flush()
        }
        line(summary)
        line(bridgeLine)
        if let files, let tuning {
            try flush()
            try writeChunks(files, tuning, escape: escape, write: write)
        } else if let files {
            let readers = DiffFiles.Readers(files)
            for c in changeList {
                try append(c, files, readers, text)
                if text.isFull { try flush() }
            }
        }
        try domainLines(escaping: e) { line($0) }
        try flush()
    }

    /// changes.csv's bytes, as `writeCSV(to:)` of the Render module writes
    /// them from ``rowCursor()``, handed to `write` in blocks of about 1 MiB,
    /// when there are more than a few thousand changes: their rows are read
    /// a chunk at a time (``RowArena``) and a changed pledge's rows made from
    /// its rows' bytes, on two threads. False, with nothing written, for a
    /// smaller diff, which is best written row by row.
    ///
    /// Why: row by row, the CSV of two unrelated 1M-pledge runs took 31 s
    /// (each change's rows read alone, every cell made a String).
    public func writeCSVChunks(write: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard files != nil, pledgeChangeCount > 2048 else { return false }
        try writeCSV(tuning: RowArena.Tuning(changes: changeList.count), write: write)
        return true
    }

    /// changes.csv a chunk of rows at a time, with `tuning` (tests set it small).
    func writeCSV(tuning: RowArena.Tuning, write: (UnsafeRawBufferPointer) throws -> Void) throws {
        let text = ReportBytes(escape: { b, out in out.append(contentsOf: b) })
        for (k, name) in Self.csvHeader.enumerated() {
            if k > 0 { text.put(0x2C) }
            text.csvText(name)
        }
        text.newline()
        try text.withBytes(write)
        text.removeAll()
        if let files {
            try writeChunks(files, tuning, escape: { b, out in out.append(contentsOf: b) }, csv: true, write: write)
        }
        for r in domainRows { appendCSV(r, to: text) }
        try text.withBytes(write)
    }

    /// One changes.csv row, as `CSVWriter` writes it.
    func appendCSV(_ r: Row, to text: ReportBytes) {
        text.string(r.change)
        for cell in [r.source, r.key, r.field, r.old, r.new] {
            text.put(0x2C)
            text.csvText(cell)
        }
        text.put(0x2C)
        if let d = r.delta { text.string(Self.csvDelta(d, newCurrency)) }
        text.put(0x2C)
        text.csvText(r.note)
        text.newline()
    }

    /// The lines of one change, from its rows' bytes (``DiffFiles/appendText(_:_:_:_:)``).
    private func append(_ c: DiffFiles.Change, _ files: DiffFiles, _ readers: DiffFiles.Readers, _ text: ReportBytes) throws {
        do {
            try files.appendText(c, self, readers, text)
        } catch {
            throw Self.runError(error)
        }
    }

    /// A formatting thread's readers (each parses rows into a record of its own).
    private final class Worker: @unchecked Sendable {
        let readers: DiffFiles.Readers
        let changed: ChangedText

        init(_ files: DiffFiles, _ arena: RowArena, _ changed: ChangedText) {
            readers = DiffFiles.Readers(files)
            readers.arena = arena
            self.changed = changed
        }
    }

    /// The text of one piece of a chunk, handed from a formatting thread to the writing one.
    private final class Slot: @unchecked Sendable {
        let text: ReportBytes
        var error: (any Error)?
        let ready = DispatchSemaphore(value: 0), free = DispatchSemaphore(value: 1)

        init(_ escape: @escaping (UnsafeRawBufferPointer, inout [UInt8]) -> Void) { text = ReportBytes(escape: escape) }
    }

    /// The changes' lines, a chunk of rows at a time (``RowArena``). Each
    /// chunk is cut in pieces of about 256 KB of rows; two threads format
    /// them (even and odd pieces) into four slots while this one writes
    /// the pieces in order as they are ready.
    ///
    /// Why: formatting is the larger part of writing once the rows are read
    /// in file order (unrelated 1M-pledge runs: 455 MB of text); formatted
    /// two pieces at a time, each pair waiting for the slower one and then
    /// for the write, the two cores were busy only part of the time.
    private func writeChunks(_ files: DiffFiles, _ tuning: RowArena.Tuning,
                             escape: @escaping (UnsafeRawBufferPointer, inout [UInt8]) -> Void,
                             csv: Bool = false,
                             write: (UnsafeRawBufferPointer) throws -> Void) throws {
        let arena = RowArena(files, tuning: tuning)
        let workers = (0..<2).map { _ in
            Worker(files, arena, ChangedText(files, currency: newCurrency, escape: escape))
        }
        let slots = (0..<4).map { _ in Slot(escape) }
        let list = changeList
        var from = 0
        while from < list.count {
            let to = arena.chunkEnd(list, from: from)
            do {
                try arena.load(list[from..<to])
            } catch {
                throw Self.runError(error)
            }
            var ranges: [Range<Int>] = []
            var k = from
            while k < to {
                var end = k, size = 0
                while end < to && (end == k || size < tuning.piece) {
                    let (o, n) = RowArena.rows(list[end])
                    size += max(RowArena.length(o) + RowArena.length(n), 256)
                    end += 1
                }
                ranges.append(k..<end)
                k = end
            }
            let first = from, pieces = ranges
            let group = DispatchGroup()
            for (w, worker) in workers.enumerated() {
                DispatchQueue.global().async(group: group) {
                    var failed = false
                    for j in stride(from: w, to: pieces.count, by: workers.count) {
                        let slot = slots[j % slots.count]
                        slot.free.wait()
                        if !failed {
                            do {
                                for i in pieces[j] {
                                    let c = list[i]
                                    if c.kind == .changed, let before = arena.row(c.old, new: false, index: i - first),
                                       let after = arena.row(c.new, new: true, index: i - first),
                                       csv ? worker.changed.appendCSV(c, before: before, after: after, to: slot.text)
                                           : worker.changed.append(c, before: before, after: after, to: slot.text) {
                                        continue
                                    }
                                    if !csv && (c.kind == .added || c.kind == .removed),
                                       let row = c.kind == .added ? arena.row(c.new, new: true, index: i - first)
                                                                  : arena.row(c.old, new: false, index: i - first),
                                       worker.changed.appendOne(c, row: row, to: slot.text) {
                                        continue
                                    }
                                    worker.readers.index = i - first
                                    if csv {
                                        let p: PledgeChange
                                        do { p = try files.pledgeChange(c.kind, old: c.old, new: c.new, worker.readers) } catch { throw Self.runError(error) }
                                        for r in self.rows(of: p) { self.appendCSV(r, to: slot.text) }
                                    } else {
                                        try self.append(c, files, worker.readers, slot.text)
                                    }
                                }
                            } catch {
                                slot.error = error
                                failed = true
                            }
                        }
                        slot.ready.signal()
                    }
                }
            }
            // Every piece is taken from its slot, even after an error, so that no thread waits for ever.
            var failure: (any Error)?
            for j in pieces.indices {
                let slot = slots[j % slots.count]
                slot.ready.wait()
                if failure == nil {
                    if let e = slot.error {
                        failure = e
                    } else {
                        do { try slot.text.withBytes(write) } catch { failure = error }
                    }
                }
                slot.error = nil
                slot.text.removeAll()
                slot.free.signal()
            }
            group.wait()
            if let failure { throw failure }
            from = to
        }
    }

    /// The lines of one pledge change.
    func lines(of p: PledgeChange, escaping e: (String) -> String, _ out: (String) throws -> Void) throws {
        let currency = p.kind == .removed || p.kind == .nowRejected ? oldCurrency : newCurrency
        let amount = p.amount.isEmpty ? "no amount" : "\(DecimalAmount(plain: p.amount).map { Self.grouped($0, currency) } ?? e(p.amount)) \(currency)"
        let pledge = "\(e(p.source)) | \(e(p.investor))"
        switch p.kind {
        case .added: try out("+ \(pledge) | \(e(p.amountText)) | \(amount)")
        case .removed: try out("- \(pledge) | \(e(p.amountText)) | \(amount)")
        case .nowRejected: try out("! now rejected: \(pledge) | \(e(p.amountText)) | \(amount) | \(e(p.rejection))")
        case .noLongerRejected: try out("* no longer rejected: \(pledge) | \(e(p.amountText)) | \(amount) | was \(e(p.rejection))")
        case .changed:
            try out("~ \(pledge)" + (p.delta.map { " | \(Self.signed($0, newCurrency)) \(newCurrency)" } ?? ""))
            for f in p.fields { try out("    \(e(f.field)): \(e(f.old)) → \(e(f.new))") }
        }
    }

    /// The lines of the by_domain.csv rows that changed.
    func domainLines(escaping e: (String) -> String, _ out: (String) throws -> Void) throws {
        guard !domains.isEmpty else { return }
        try out("by domain:")
        for d in domains {
            let delta = d.totalDelta.flatMap { $0.isZero ? nil : " (\(Self.signed($0, newCurrency)))" } ?? ""
            try out("  \(e(d.domain))\(delta)")
            for f in d.fields { try out("    \(e(f.field)): \(f.old.isEmpty ? "∅" : e(f.old)) → \(f.new.isEmpty ? "∅" : e(f.new))") }
        }
    }

    /// The whole report as one string (see ``writeText(escaping:line:)``).
    public func text(escaping e: (String) -> String) throws -> String {
        var lines: [String] = []
        try writeText(escaping: e) { lines.append($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// changes.csv's columns (``OutputColumns/changes``).
    public static let csvHeader = OutputColumns.changes.csvHeader(currency: "")

    /// The CSV marker of each kind, in the spirit of daff's highlighter format.
    public static func marker(_ kind: Kind) -> String {
        switch kind {
        case .added: "+++"
        case .removed: "---"
        case .changed: "->"
        case .nowRejected, .noLongerRejected: kind.rawValue
        }
    }

    /// One CSV row of the changes: what `diff --csv` writes, changes.csv and the Changes sheet show.
    public struct Row: Sendable, Equatable {
        public var change, source, key, field, old, new: String
        public var delta: DecimalAmount?
        public var note: String
    }

    /// The rows of one pledge change: `+++` added, `---` removed, `->`
    /// changed (one row per field, the delta on the reporting amount's row),
    /// `now-rejected`, `no-longer-rejected`.
    func rows(of p: PledgeChange) -> [Row] {
        let oldField = "amount_" + oldCurrency.lowercased()
        switch p.kind {
        case .added, .noLongerRejected:
            return [Row(change: Self.marker(p.kind), source: p.source, key: p.investor, field: reportingField, old: "",
                        new: p.amount, delta: p.delta, note: p.kind == .added ? p.amountText : p.rejection)]
        case .removed, .nowRejected:
            return [Row(change: Self.marker(p.kind), source: p.source, key: p.investor, field: oldField, old: p.amount,
                        new: "", delta: p.delta, note: p.kind == .removed ? p.amountText : p.rejection)]
        case .changed:
            return p.fields.map { f in
                Row(change: "->", source: p.source, key: p.investor, field: f.field, old: f.old, new: f.new,
                    delta: f.field == reportingField && sameCurrency ? p.delta : nil, note: "")
            }
        }
    }

    /// The rows of the by_domain.csv rows that changed, after the pledges'.
    var domainRows: [Row] {
        domains.flatMap { d in
            d.fields.map { f in
                Row(change: "->", source: "by_domain.csv", key: d.domain, field: f.field, old: f.old, new: f.new,
                    delta: f.field.hasPrefix("total_") ? d.totalDelta : nil, note: "")
            }
        }
    }

    /// Every row at once (for small runs and tests: see ``rowCursor()``).
    public func allRows() throws(DiffError) -> [Row] {
        let cursor = rowCursor()
        var all: [Row] = []
        while let r = try cursor.nextRow() { all.append(r) }
        return all
    }

    // MARK: Amounts shown to people

    /// "295044961240.31" → "295,044,961,240.31", at the currency's minor digits; minus as U+2212.
    static func grouped(_ amount: DecimalAmount, _ currency: String) -> String {
        let places = max((currency.isEmpty ? .euro : Currency(currency)).minorDigits, min(amount.scale, 2))
        return (amount.isNegative ? "−" : "") + amount.absolute.grouped(places: places)
    }

    /// A delta in changes.csv: a plain decimal, at least the currency's minor digits.
    package static func csvDelta(_ d: DecimalAmount, _ currency: String) -> String {
        d.formatted(places: max(Currency(currency).minorDigits, d.scale))
    }

    /// A signed amount: "+1,000.00" or "−1,000.00"; `plus` forces the sign shown for a bridge part that has one direction.
    static func signed(_ amount: DecimalAmount, _ currency: String, plus: Bool? = nil) -> String {
        let body = grouped(amount.absolute, currency)
        let negative = plus.map { !$0 } ?? amount.isNegative
        return (negative ? "−" : "+") + body
    }
}
