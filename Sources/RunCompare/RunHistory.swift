import PledgeTallyCore
import Ingest
import Aggregate

/// Output/history.csv: the totals of every run, one row per domain and one
/// TOTAL row per run, carried from run to run.
///
/// Runs are numbered from 1. No clock time: a run's date is the latest pledge
/// date among its accepted pledges. `inputs_sha256` is the SHA-256 of the
/// lines `<sha256>  <path>` (as sha256sum prints them, sorted by path) of
/// every input file: pledge files, domains.csv and the rates files.
public struct RunHistory: Sendable, Equatable {
    /// history.csv's columns, with the Run history sheet's labels and widths (that sheet shows the TOTAL
    /// rows in the order of ``sheetColumns``).
    package static let columns: [OutputColumn<Row>] = [
        OutputColumn(ColumnName("run", en: "Run", fr: "Exécution", width: 11)) { .count($0.run) },
        OutputColumn(ColumnName("latest_pledge_date", en: "Latest pledge date", fr: "Dernière date d’engagement", width: 20)) {
            .code($0.latestPledgeDate)
        },
        OutputColumn(ColumnName("inputs_sha256", en: "Inputs SHA-256", fr: "SHA-256 des entrées", width: 66)) { .code($0.inputsSHA256) },
        OutputColumn(ColumnName("currency", en: "Currency", fr: "Devise", width: 10)) { .code($0.currency) },
        OutputColumn(ColumnName("domain", en: "Domain", fr: "Domaine")) { .text($0.domain) },
        OutputColumn(ColumnName("pledges", en: "Pledges", fr: "Engagements", width: 13, numeric: true)) { .count($0.pledges) },
        OutputColumn(ColumnName("unpriced", en: "Unpriced", fr: "Sans montant", numeric: true)) { .count($0.unpriced) },
        OutputColumn(ColumnName("total", en: "Total", fr: "Total", width: 22, numeric: true)) { .amount($0.total, currency: Currency($0.currency)) },
        OutputColumn(ColumnName("ceiling", en: "Ceiling", fr: "Plafond", width: 22, numeric: true)) {
            .amount($0.ceiling, currency: Currency($0.currency))
        },
        OutputColumn(ColumnName("floor", en: "Floor", fr: "Plancher", width: 22, numeric: true)) { .amount($0.floor, currency: Currency($0.currency)) },
    ]

    /// The Run history sheet's columns, by history.csv header.
    package static let sheetColumns = ["run", "latest_pledge_date", "currency", "total", "ceiling", "floor", "pledges",
                                       "inputs_sha256"].map { columns.names()[columns.names().index($0)] }

    public static let header = columns.names().csvHeader(currency: "")
    public static let totalRow = "TOTAL"

    public struct Row: Sendable, Equatable {
        public var run: Int
        public var latestPledgeDate: String
        public var inputsSHA256: String
        public var currency: String
        public var domain: String
        public var pledges: Int
        public var unpriced: Int
        public var total: DecimalAmount
        public var ceiling: DecimalAmount
        public var floor: DecimalAmount
    }

    /// A history.csv that cannot be trusted, and why.
    public struct Damaged: Error, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { line > 0 ? "line \(line): \(reason)" : reason }
    }

    public var rows: [Row] = []

    public init() {}

    /// The TOTAL row of each run, in order.
    public var totals: [Row] { rows.filter { $0.domain == Self.totalRow } }
    public var lastRun: Int { rows.last?.run ?? 0 }

    /// Reads and checks a history.csv: the header, every cell's form, runs
    /// numbered 1, 2, 3… each ending with its one TOTAL row, one date, digest
    /// and currency per run. Anything else is `Damaged` (a hand edit, a cut).
    public static func read(path: String) throws -> RunHistory {
        let table: CSVTable
        do {
            table = try CSVTable.read(path: path)
        } catch let p as CSVTable.Problem {
            throw Damaged(line: p.line, reason: p.reason)
        }
        guard table.header == header else {
            throw Damaged(line: 1, reason: "the header is not \(header.joined(separator: ","))")
        }
        var history = RunHistory()
        var runOpen = false
        for r in table.rows {
            let c = r.cells
            func bad(_ reason: String) -> Damaged { Damaged(line: r.line, reason: reason) }
            guard let run = Int(c[0]), run >= 1 else { throw bad("run ‘\(c[0])’ is not a run number") }
            let expected = runOpen ? history.lastRun : history.lastRun + 1
            guard run == expected else { throw bad("run \(run) where run \(expected) was expected") }
            guard c[1].isEmpty || Day(iso: c[1]) != nil else { throw bad("‘\(c[1])’ is not a date") }
            guard c[2].utf8.count == 64, c[2].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw bad("‘\(c[2])’ is not a SHA-256")
            }
            guard c[3].utf8.count == 3, c[3].utf8.allSatisfy({ (65...90).contains($0) }) else { throw bad("‘\(c[3])’ is not a currency code") }
            guard let pledges = Int(c[5]), pledges >= 0, let unpriced = Int(c[6]), unpriced >= 0 else {
                throw bad("the pledge counts are not numbers")
            }
            guard let total = DecimalAmount(plain: c[7]), let ceiling = DecimalAmount(plain: c[8]), let floor = DecimalAmount(plain: c[9]) else {
                throw bad("total, ceiling and floor must be plain decimals")
            }
            let row = Row(run: run, latestPledgeDate: c[1], inputsSHA256: c[2], currency: c[3], domain: c[4], pledges: pledges,
                          unpriced: unpriced, total: total, ceiling: ceiling, floor: floor)
            if runOpen, let first = history.rows.last,
               (first.latestPledgeDate, first.inputsSHA256, first.currency) != (row.latestPledgeDate, row.inputsSHA256, row.currency) {
                throw bad("run \(run) has rows with different dates, digests or currencies")
            }
            history.rows.append(row)
            runOpen = row.domain != totalRow
        }
        if runOpen { throw Damaged(line: table.rows.last?.line ?? 0, reason: "the last run has no TOTAL row (the file was cut?)") }
        return history
    }

    /// Adds a run: its domain rows, then its TOTAL row.
    public mutating func append(_ facts: RunFacts, latestPledgeDate: Day?) {
        let run = lastRun + 1
        let digest = Self.inputsSHA256(facts)
        let rowsOfRun = facts.domains.map { ($0.domain, $0) } + [(Self.totalRow, facts.grandTotal)]
        for (name, d) in rowsOfRun {
            rows.append(Row(run: run, latestPledgeDate: latestPledgeDate?.description ?? "", inputsSHA256: digest,
                            currency: facts.options.currency.code, domain: name,
                            pledges: d.pledges, unpriced: d.unpriced, total: d.total, ceiling: d.ceiling, floor: d.floor))
        }
    }

    /// The SHA-256 of every input file's `<sha256>  <path>` line, sorted by path.
    public static func inputsSHA256(_ facts: RunFacts) -> String {
        var files = facts.inputs.map { ($0.path, $0.sha256) } + facts.rateFiles.map { ($0.path, $0.sha256) }
        files.append((facts.domainsFile.path, facts.domainsFile.sha256))
        let text = files.sorted { $0.0 < $1.0 }.map { "\($0.1)  \($0.0)\n" }.joined()
        return FileDigest.sha256(bytes: Array(text.utf8))
    }
}
