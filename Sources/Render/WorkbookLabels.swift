import PledgeTallyCore
import Normalise
import Aggregate

/// Every word the workbook shows, in English and French (`--lang`).
///
/// Data stays as written (investor names, domain texts, qualifier codes such as
/// `up_to`, rejection reasons): only the workbook's own labels are translated.
/// Sheet names are valid Excel names in both languages.
struct WorkbookLabels: Sendable {
    struct SheetNames: Sendable {
        var summary, pledges, rejected, rates, run: String
    }

    var language: Language
    var sheets: SheetNames
    /// The Pledges and Rejected sheets' headers (``OutputColumns``); `{cur}` is the currency.
    var pledgesHeader: [String] { OutputColumns.pledges.names().labels(language, currency: "{cur}") }
    var rejectedHeader: [String] { OutputColumns.rejected.names().labels(language, currency: "{cur}") }
    var ratesHeader: [String]

    // Summary.
    var title: String
    var reportingCurrency: String
    var rateDates: String
    var noRates: String
    /// The ECB files' last day: when it is old, `make rates` refreshes it.
    var ratesEnd: String
    var records: String
    var accepted: String
    var rejected: String
    var unpriced: String
    var totalRow: String
    var chartTitle: String
    var notes: [String]

    // Run.
    var run: RunLabels

    struct RunLabels: Sendable {
        var tool, version, options, currency, date, language, strict: String
        var pledgeFiles, domainMapping, rateFiles, ratesUsed, counts, grandTotal: String
        var path, sha256, records, accepted, rejected, days, firstDate, lastDate, count: String
        var unpriced, domains, unclassified, total, ceiling, floor, none: String
    }

    /// The text that replaces the end of a cell too long for Excel.
    var truncated: @Sendable (Int) -> String

    static func forLanguage(_ language: Language) -> WorkbookLabels {
        switch language {
        case .en: return english
        case .fr: return french
        }
    }

    /// A header with `{cur}` replaced by the reporting currency.
    static func filled(_ header: [String], currency: Currency) -> [String] {
        header.map { $0.replacing("{cur}", with: currency.code) }
    }

    static let english = WorkbookLabels(
        language: .en,
        sheets: SheetNames(summary: "Summary", pledges: "Pledges", rejected: "Rejected", rates: "Rates", run: "Run"),
        ratesHeader: ["Currency", "ECB date", "Units per EUR", "Source"],
        title: "Investment pledges by domain",
        reportingCurrency: "Reporting currency",
        rateDates: "ECB rate dates used",
        noRates: "none needed",
        ratesEnd: "ECB rates end",
        records: "Records read",
        accepted: "Pledges accepted",
        rejected: "Records rejected",
        unpriced: "Unpriced pledges",
        totalRow: "TOTAL",
        chartTitle: "Total by domain ({cur})",
        notes: [
            "Ceiling: the part of the total pledged as “up to” or as a range (may shrink).",
            "Floor: the part pledged as “at least” or as an initial tranche (may grow).",
            "Low: the total with every range taken at its low end. Unpriced: pledges without an amount (counted, not added).",
            "Amounts show in billions (bn) or millions (m); each cell holds the exact amount. Totals are formulas over the Pledges sheet.",
            "Amounts converted at the ECB reference rate of each pledge’s date. The About sheet explains every sheet and column.",
        ],
        run: RunLabels(
            tool: "Tool", version: "Version", options: "Options", currency: "Reporting currency",
            date: "Default date", language: "Language", strict: "Strict", pledgeFiles: "Pledge files",
            domainMapping: "Domain mapping", rateFiles: "ECB rate files", ratesUsed: "Rates used", counts: "Counts",
            grandTotal: "Grand total", path: "Path", sha256: "SHA-256", records: "Records", accepted: "Accepted",
            rejected: "Rejected", days: "Days", firstDate: "First date", lastDate: "Last date", count: "Count",
            unpriced: "Unpriced", domains: "Domains", unclassified: "Unclassified domain texts", total: "Total",
            ceiling: "Ceiling", floor: "Floor", none: "none"),
        truncated: { length in " … [cut here: the input text has \(length) characters, over Excel’s limit of 32,767]" }
    )

    static let french = WorkbookLabels(
        language: .fr,
        sheets: SheetNames(summary: "Synthèse", pledges: "Engagements", rejected: "Rejets", rates: "Taux", run: "Exécution"),
        ratesHeader: ["Devise", "Date BCE", "Unités pour 1 EUR", "Source"],
        title: "Engagements d’investissement par domaine",
        reportingCurrency: "Devise de référence",
        rateDates: "Dates des taux BCE utilisés",
        noRates: "aucun taux nécessaire",
        ratesEnd: "Fin des taux BCE",
        records: "Enregistrements lus",
        accepted: "Engagements retenus",
        rejected: "Enregistrements rejetés",
        unpriced: "Engagements sans montant",
        totalRow: "TOTAL",
        chartTitle: "Total par domaine ({cur})",
        notes: [
            "Plafond : la part du total annoncée « jusqu’à » ou en fourchette (peut diminuer).",
            "Plancher : la part annoncée « au moins » ou en première tranche (peut augmenter).",
            "Bas : le total avec chaque fourchette prise à son bas. Sans montant : engagements sans chiffre (comptés, non additionnés).",
            "Montants en milliards (Md) ou millions (M) ; chaque cellule garde le montant exact. Les totaux sont des formules sur la feuille Engagements.",
            "Montants convertis au taux de référence BCE de la date de chaque engagement. La feuille À propos explique chaque feuille et colonne.",
        ],
        run: RunLabels(
            tool: "Outil", version: "Version", options: "Options", currency: "Devise de référence",
            date: "Date par défaut", language: "Langue", strict: "Strict", pledgeFiles: "Fichiers d’engagements",
            domainMapping: "Table des domaines", rateFiles: "Fichiers de taux BCE", ratesUsed: "Taux utilisés",
            counts: "Comptes", grandTotal: "Total général", path: "Chemin", sha256: "SHA-256", records: "Enregistrements",
            accepted: "Retenus", rejected: "Rejetés", days: "Jours", firstDate: "Première date", lastDate: "Dernière date",
            count: "Nombre", unpriced: "Sans montant", domains: "Domaines", unclassified: "Textes de domaine non classés",
            total: "Total", ceiling: "Plafond", floor: "Plancher", none: "aucun"),
        truncated: { length in " … [coupé ici : le texte d’entrée a \(length) caractères, au-delà de la limite d’Excel de 32 767]" }
    )
}
