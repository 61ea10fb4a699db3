import PledgeTallyCore
import Aggregate
import RunCompare
/// The words of the Changes and History sheets, in English and French.
struct WorkbookChangeLabels: Sendable {
    var language: Language
    var changesSheet, historySheet: String
    var changesTitle, firstRun, unavailable: String
    /// "Previous run in {old}, this run in {new}: …".
    var otherCurrency: String
    /// Previous total, added, removed, changed, now rejected, no longer rejected, this run's total.
    var bridgeHeader: [String]
    var pledgesRow, amountRow: String
    var rejections: String
    /// changes.csv's columns (``OutputColumns``): change, source, investor, field, old, new, delta ({cur}), note.
    var tableHeader: [String] { OutputColumns.changes.labels(language, currency: "{cur}") }
    var kinds: [RunDiff.Kind: String]
    var historyTitle: String
    /// Run, latest pledge date, currency, total, ceiling, floor, pledges, inputs SHA-256 (``OutputColumns/historySheet``).
    var historyHeader: [String] { RunHistory.sheetColumns.labels(language, currency: "{cur}") }
    var historyChart: String
    var historyNote: String

    static func forLanguage(_ language: Language) -> WorkbookChangeLabels {
        switch language {
        case .en: return english
        case .fr: return french
        }
    }

    static let english = WorkbookChangeLabels(
        language: .en,
        changesSheet: "Changes", historySheet: "Run history",  // "History" alone is reserved by Excel
        changesTitle: "Changes since the previous run",
        firstRun: "No previous run: this is the first run in this output folder.",
        unavailable: "The previous run could not be compared: ",
        otherCurrency: "Previous run in {old}, this run in {new}: amounts compared in their own currency, no delta across currencies.",
        bridgeHeader: ["Previous total", "Added", "Removed", "Changed", "Now rejected", "No longer rejected", "This run’s total"],
        pledgesRow: "Pledges", amountRow: "Amount ({cur})",
        rejections: "Rejections: {new} new, {gone} gone (other than pledges now rejected or no longer rejected).",
        kinds: [.added: "added", .removed: "removed", .changed: "changed", .nowRejected: "now rejected",
                .noLongerRejected: "no longer rejected"],
        historyTitle: "Totals run by run",
        historyChart: "Total, ceiling and floor by run",
        historyNote: "One row per run that differed from the one before; history.csv also has each domain."
    )

    static let french = WorkbookChangeLabels(
        language: .fr,
        changesSheet: "Modifications", historySheet: "Historique",
        changesTitle: "Modifications depuis l’exécution précédente",
        firstRun: "Pas d’exécution précédente : c’est la première dans ce dossier de sortie.",
        unavailable: "L’exécution précédente n’a pas pu être comparée : ",
        otherCurrency: "Exécution précédente en {old}, celle-ci en {new} : montants comparés dans leur propre devise, sans écart entre devises.",
        bridgeHeader: ["Total précédent", "Ajoutés", "Retirés", "Modifiés", "Désormais rejetés", "Plus rejetés", "Total de cette exécution"],
        pledgesRow: "Engagements", amountRow: "Montant ({cur})",
        rejections: "Rejets : {new} nouveaux, {gone} disparus (hors engagements désormais rejetés ou plus rejetés).",
        kinds: [.added: "ajouté", .removed: "retiré", .changed: "modifié", .nowRejected: "désormais rejeté",
                .noLongerRejected: "plus rejeté"],
        historyTitle: "Totaux exécution par exécution",
        historyChart: "Total, plafond et plancher par exécution",
        historyNote: "Une ligne par exécution différente de la précédente ; history.csv donne aussi chaque domaine."
    )
}
