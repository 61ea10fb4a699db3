import PledgeTallyCore
import Normalise
import Aggregate

/// The words of the Summary's title block, tables, chart and breakdowns, and
/// of the About sheet, in English and French (`--lang`).
///
/// One name per idea: "Unpriced" (Sans montant) for a pledge without an
/// amount, "Ceiling" (Plafond), "Floor" (Plancher), "Low" (Bas) everywhere.
struct SummaryLabels: Sendable {
    var language: Language
    var asOf: String
    var ratesFirst: String
    var ratesLast: String
    var inputs: String
    var unclassifiedTexts: String
    var seeSheet: String
    /// by_domain.csv's columns (``OutputColumns``): domain, pledges, unpriced, total, ceiling, floor, low,
    /// share; `{cur}` is the currency.
    var header: [String] { OutputColumns.byDomain.names().labels(language, currency: "{cur}") }
    var chartTitle: String
    /// The chart's series: firm, floor, ceiling.
    var chartSeries: [String]
    var chartSection: String
    /// Domain, firm, floor, ceiling (the chart's series).
    var chartHeader: [String]
    var other: String
    var byCurrencySection: String
    /// Currency, pledges, amount in its own currency, amount in `{cur}`.
    var byCurrencyHeader: [String]
    var investorsSection: String
    /// Investor, pledges, total in `{cur}`.
    var investorsHeader: [String]
    var investorsNotAll: String
    var footer: String
    var about: String
    /// The Unclassified sheet's name and header (domain text, pledges, total in `{cur}`).
    var unclassifiedSheet: String
    var unclassifiedHeader: [String] { OutputColumns.unclassified.names().labels(language, currency: "{cur}") }
    var subject: String
    var keywords: String
    /// The domain of pledges no rule matched ("Unclassified" in the CSV files).
    var unclassifiedDomain: String
    /// Qualifier names, indexed by ``Qualifier/styleIndex`` (English: the CSV codes).
    var qualifiers: [String]

    /// The name the workbook shows for a qualifier.
    @inline(__always)
    func qualifier(_ q: Qualifier) -> String { qualifiers[q.styleIndex] }

    static func forLanguage(_ language: Language) -> SummaryLabels {
        language == .fr ? french : english
    }

    static let english = SummaryLabels(
        language: .en,
        asOf: "As of (latest pledge date)",
        ratesFirst: "ECB rates used: first day",
        ratesLast: "ECB rates used: last day",
        inputs: "Inputs",
        unclassifiedTexts: "Unclassified domain texts",
        seeSheet: "see sheet {sheet}",
        chartTitle: "Total by domain ({cur})",
        chartSeries: ["Firm", "Floor (may grow)", "Ceiling (may shrink)"],
        chartSection: "Chart data: firm, floor and ceiling by domain",
        chartHeader: ["Domain", "Firm ({cur})", "Floor ({cur})", "Ceiling ({cur})"],
        other: "Other",
        byCurrencySection: "By currency",
        byCurrencyHeader: ["Currency", "Pledges", "Amount (own currency)", "Amount ({cur})"],
        investorsSection: "The 20 largest investors",
        investorsHeader: ["Investor", "Pledges", "Total ({cur})"],
        investorsNotAll: "Investors were ranked among the first {n} distinct names only.",
        footer: "&L{title}&RPage &P of &N",
        about: "About",
        unclassifiedSheet: "Unclassified",
        subject: "Investment pledges totalled by domain, in {cur}",
        keywords: "investment pledges, domains, ECB rates, pledgetally",
        unclassifiedDomain: "Unclassified",
        qualifiers: Qualifier.allCases.map(\.rawValue))

    static let french = SummaryLabels(
        language: .fr,
        asOf: "Situation au (date du dernier engagement)",
        ratesFirst: "Taux BCE utilisés : premier jour",
        ratesLast: "Taux BCE utilisés : dernier jour",
        inputs: "Fichiers lus",
        unclassifiedTexts: "Textes de domaine non classés",
        seeSheet: "voir la feuille {sheet}",
        chartTitle: "Total par domaine ({cur})",
        chartSeries: ["Ferme", "Plancher (peut augmenter)", "Plafond (peut diminuer)"],
        chartSection: "Données du graphique : ferme, plancher et plafond par domaine",
        chartHeader: ["Domaine", "Ferme ({cur})", "Plancher ({cur})", "Plafond ({cur})"],
        other: "Autres",
        byCurrencySection: "Par devise",
        byCurrencyHeader: ["Devise", "Engagements", "Montant (dans sa devise)", "Montant ({cur})"],
        investorsSection: "Les 20 plus grands investisseurs",
        investorsHeader: ["Investisseur", "Engagements", "Total ({cur})"],
        investorsNotAll: "Investisseurs classés parmi les {n} premiers noms distincts seulement.",
        footer: "&L{title}&RPage &P sur &N",
        about: "À propos",
        unclassifiedSheet: "Non classés",
        subject: "Engagements d’investissement totalisés par domaine, en {cur}",
        keywords: "engagements d’investissement, domaines, taux BCE, pledgetally",
        unclassifiedDomain: "Non classé",
        qualifiers: Qualifier.allCases.map { q in
            switch q {
            case .exact: "exact"
            case .upTo: "jusqu’à"
            case .atLeast: "au moins"
            case .approximately: "environ"
            case .initial: "initial"
            case .range: "fourchette"
            case .unspecified: "non spécifié"
            }
        })
}
