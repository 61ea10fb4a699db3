import PledgeTallyCore
import Ingest
import Normalise

/// The columns of every output file, in their order, each with its CSV header
/// and workbook labels (docs/output.md): pledges.csv and the Pledges sheet,
/// rejected.csv and Rejected, by_domain.csv and the Summary table,
/// unclassified.csv and Unclassified, changes.csv and the Changes table.
/// history.csv's table is `RunHistory.columns`, beside the rows it holds.
package enum OutputColumns {
    /// pledges.csv and the Pledges sheet: one row per accepted pledge.
    package static let pledges: [OutputColumn<ConvertedPledge>] = [
        OutputColumn(ColumnName("source", en: "Source", fr: "Source")) { .text($0.pledge.source) },
        OutputColumn(ColumnName("line", en: "Line", fr: "Ligne")) { .line($0.pledge.line) },
        OutputColumn(ColumnName("investor", en: "Investor", fr: "Investisseur")) { .text($0.pledge.investor) },
        OutputColumn(ColumnName("domain", en: "Domain", fr: "Domaine")) { .domain($0.pledge.domain) },
        OutputColumn(ColumnName("domain_text", en: "Domain as written", fr: "Domaine tel qu’écrit")) {
            .text($0.pledge.domainText)
        },
        OutputColumn(ColumnName("amount_text", en: "Amount as written", fr: "Montant tel qu’écrit")) {
            .text($0.pledge.amountText)
        },
        OutputColumn(ColumnName("qualifier", en: "Qualifier", fr: "Qualificatif")) { .qualifier($0.pledge.qualifier) },
        OutputColumn(ColumnName("amount", en: "Amount", fr: "Montant")) { .amount($0.pledge.amount, currency: $0.pledge.currency) },
        OutputColumn(ColumnName("amount_low", en: "Amount (low end)", fr: "Montant (bas de fourchette)")) {
            .amount($0.pledge.amountLow, currency: $0.pledge.currency)
        },
        OutputColumn(ColumnName("currency", en: "Currency", fr: "Devise")) { p in p.pledge.currency.map { .code($0.code) } ?? .empty },
        OutputColumn(ColumnName("date", en: "Date", fr: "Date")) { .day($0.pledge.date) },
        OutputColumn(ColumnName("rate", en: "Rate ({cur} per unit)", fr: "Taux ({cur} pour 1 unité)")) { p in
            p.rate.map { .rate($0) } ?? .empty
        },
        OutputColumn(ColumnName("rate_date", en: "Rate date", fr: "Date du taux")) { p in p.rate?.day.map { .day($0) } ?? .empty },
        OutputColumn(ColumnName("amount_{cur}", en: "Amount ({cur})", fr: "Montant ({cur})")) { p in
            p.amountReported.map { .reported($0) } ?? .empty
        },
        OutputColumn(ColumnName("source_url", en: "Source URL", fr: "Lien")) { p in
            p.pledge.sourceURL.map { $0.isEmpty ? .empty : .link($0) } ?? .empty
        },
        OutputColumn(ColumnName("notes", en: "Notes", fr: "Remarques")) { p in
            p.pledge.notes.map { $0.isEmpty ? .empty : .text($0) } ?? .empty
        },
        OutputColumn(ColumnName("rate_source", en: "Rate source", fr: "Source du taux")) { p in
            p.rate.map { $0.source.isEmpty ? .empty : .text($0.source) } ?? .empty
        },
    ]

    /// rejected.csv and the Rejected sheet. Investor and amount as written, so a pledge can be
    /// followed from pledges.csv to rejected.csv; empty for rejections of a whole file or of a
    /// record whose cells could not be told apart.
    package static let rejected: [OutputColumn<Rejection>] = [
        OutputColumn(ColumnName("source", en: "Source", fr: "Source")) { .text($0.source) },
        OutputColumn(ColumnName("line", en: "Line", fr: "Ligne")) { .line($0.line) },
        OutputColumn(ColumnName("investor", en: "Investor", fr: "Investisseur")) { .text($0.investor) },
        OutputColumn(ColumnName("amount_text", en: "Amount as written", fr: "Montant tel qu’écrit")) { .text($0.amountText) },
        OutputColumn(ColumnName("field", en: "Field", fr: "Champ")) { .text($0.field) },
        OutputColumn(ColumnName("value", en: "Value", fr: "Valeur")) { .text($0.value) },
        OutputColumn(ColumnName("reason", en: "Reason", fr: "Motif")) { .text($0.reason) },
    ]

    /// A by_domain.csv row: a domain's figures, and the grand total its share is of.
    package struct DomainRow {
        package var figures: DomainTotal
        package var grandTotal: DecimalAmount

        package init(_ figures: DomainTotal, of grandTotal: DecimalAmount) {
            self.figures = figures
            self.grandTotal = grandTotal
        }
    }

    /// by_domain.csv, and the header of the Summary's table (whose cells are formulas).
    package static let byDomain: [OutputColumn<DomainRow>] = [
        OutputColumn(ColumnName("domain", en: "Domain", fr: "Domaine")) { .text($0.figures.domain) },
        OutputColumn(ColumnName("pledges", en: "Pledges", fr: "Engagements")) { .count($0.figures.pledges) },
        OutputColumn(ColumnName("unpriced", en: "Unpriced", fr: "Sans montant")) { .count($0.figures.unpriced) },
        OutputColumn(ColumnName("total_{cur}", en: "Total ({cur})", fr: "Total ({cur})")) { .reported($0.figures.total) },
        OutputColumn(ColumnName("ceiling_{cur}", en: "Ceiling ({cur})", fr: "Plafond ({cur})")) { .reported($0.figures.ceiling) },
        OutputColumn(ColumnName("floor_{cur}", en: "Floor ({cur})", fr: "Plancher ({cur})")) { .reported($0.figures.floor) },
        OutputColumn(ColumnName("low_{cur}", en: "Low ({cur})", fr: "Bas ({cur})")) { .reported($0.figures.low) },
        OutputColumn(ColumnName("share_pct", en: "Share", fr: "Part")) { .fixed($0.figures.share(of: $0.grandTotal), places: 2) },
    ]

    /// unclassified.csv and the Unclassified sheet: the domain texts no rule matched.
    package static let unclassified: [OutputColumn<UnclassifiedTotals.Row>] = [
        OutputColumn(ColumnName("domain_text", en: "Domain as written", fr: "Domaine tel qu’écrit")) { .text($0.text) },
        OutputColumn(ColumnName("pledges", en: "Pledges", fr: "Engagements")) { .count($0.pledges) },
        OutputColumn(ColumnName("total_{cur}", en: "Total ({cur})", fr: "Total ({cur})")) { .reported($0.total) },
    ]

    /// changes.csv and the Changes sheet's table.
    package static let changes: [ColumnName] = [
        ColumnName("change", en: "Change", fr: "Modification"),
        ColumnName("source", en: "Source", fr: "Source"),
        ColumnName("key", en: "Investor", fr: "Investisseur"),
        ColumnName("field", en: "Field", fr: "Champ"),
        ColumnName("old", en: "Old", fr: "Avant"),
        ColumnName("new", en: "New", fr: "Après"),
        ColumnName("delta", en: "Delta ({cur})", fr: "Écart ({cur})"),
        ColumnName("note", en: "Note", fr: "Note"),
    ]
}
