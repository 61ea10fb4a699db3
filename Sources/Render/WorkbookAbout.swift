import XlsxWriter
import PledgeTallyCore
import Normalise
import Aggregate

/// The About sheet (À propos): what every sheet, column and qualifier of the
/// workbook means, in the workbook's language, as a three-column table
/// (sheet, item, meaning).
enum WorkbookAbout {
    static func write(labels: WorkbookLabels, words: SummaryLabels, changes: WorkbookChangeLabels, currency: Currency,
                      formats: WorkbookFormats, book: borrowing Workbook) throws(XlsxError) {
        let sheet = try book.addWorksheet(name: words.about)
        let fr = formats.language == .fr
        let header = fr ? ["Feuille", "Élément", "Signification"] : ["Sheet", "Item", "Meaning"]
        for (col, title) in header.enumerated() { try sheet.write(row: 0, col: col, string: title, format: formats.header) }
        try sheet.freezePanes(row: 1, col: 0)
        var row = 1
        func add(_ sheetName: String, _ item: String, _ meaning: String) throws(XlsxError) {
            try sheet.write(row: row, col: 0, string: sheetName, format: formats.label)
            try sheet.write(row: row, col: 1, string: item.replacing("{cur}", with: currency.code))
            try sheet.write(row: row, col: 2, string: meaning.replacing("{cur}", with: currency.code))
            row += 1
        }
        for (s, item, en, frText) in entries(labels: labels, words: words, changes: changes) {
            try add(s, item, fr ? frText : en)
        }
        try sheet.setColumn(0, width: 16)
        try sheet.setColumn(1, width: 34)
        try sheet.setColumn(2, width: 120)
    }

    /// (sheet, item, English meaning, French meaning).
    static func entries(labels: WorkbookLabels, words: SummaryLabels,
                        changes c: WorkbookChangeLabels) -> [(String, String, String, String)] {
        let s = labels.sheets
        let ph = labels.pledgesHeader
        let sh = words.header
        return [
            (s.summary, words.asOf, "The latest date of an accepted pledge: what the report is up to date with.",
             "La date la plus récente d’un engagement retenu : la date de la situation."),
            (s.summary, words.ratesFirst + " / " + words.ratesLast, "The first and last ECB publication days whose rates converted a pledge.",
             "Les premier et dernier jours de publication BCE dont les taux ont converti un engagement."),
            (s.summary, labels.ratesEnd, "The last day of the ECB rates file: pledges dated well after it are rejected until `make rates`.",
             "Le dernier jour du fichier de taux BCE : les engagements bien postérieurs sont rejetés jusqu’à `make rates`."),
            (s.summary, words.inputs, "The pledge files read, relative to the input folder.",
             "Les fichiers d’engagements lus, relatifs au dossier d’entrée."),
            (s.summary, labels.records + ", " + labels.accepted + ", " + labels.rejected,
             "Records read = pledges accepted + records rejected (the Rejected sheet says why).",
             "Enregistrements lus = engagements retenus + enregistrements rejetés (la feuille Rejets dit pourquoi)."),
            (s.summary, sh[0], "The domain given by the first rule of domains.csv that matches the domain as written; "
             + words.unclassifiedDomain + " when none does.",
             "Le domaine donné par la première règle de domains.csv qui correspond au domaine écrit ; "
             + words.unclassifiedDomain + " sinon."),
            (s.summary, sh[1], "Accepted pledges in the domain, with or without an amount.",
             "Engagements retenus du domaine, avec ou sans montant."),
            (s.summary, sh[2], "Pledges without an amount (qualifier " + words.qualifier(.unspecified) + "): counted, not added.",
             "Engagements sans montant (qualificatif " + words.qualifier(.unspecified) + ") : comptés, non additionnés."),
            (s.summary, sh[3], "The sum of the pledges’ amounts in {cur}, each converted at the ECB rate of its date and rounded once.",
             "La somme des montants en {cur}, chacun converti au taux BCE de sa date et arrondi une fois."),
            (s.summary, sh[4], "The part of the total pledged as " + words.qualifier(.upTo) + " or " + words.qualifier(.range)
             + " (range, high end): it may shrink.",
             "La part du total annoncée " + words.qualifier(.upTo) + " ou en " + words.qualifier(.range) + " (haut) : elle peut diminuer."),
            (s.summary, sh[5], "The part pledged as " + words.qualifier(.atLeast) + " or " + words.qualifier(.initial)
             + ": it may grow.",
             "La part annoncée " + words.qualifier(.atLeast) + " ou " + words.qualifier(.initial) + " : elle peut augmenter."),
            (s.summary, sh[6], "The total with every range at its low end (the Low column of by_domain.csv).",
             "Le total avec chaque fourchette prise à son bas (colonne low de by_domain.csv)."),
            (s.summary, sh[7], "The domain’s share of the grand total.", "La part du domaine dans le total général."),
            (s.summary, words.chartHeader[1], "Total less ceiling and floor: amounts stated plainly or approximately.",
             "Total moins plafond et plancher : montants annoncés tels quels ou environ."),
            (s.summary, words.chartSection, "The chart’s figures: the 12 largest domains and " + words.other + " (the rest).",
             "Les chiffres du graphique : les 12 plus grands domaines et " + words.other + " (le reste)."),
            (s.summary, words.byCurrencySection, "Priced pledges by the currency they were made in: count, sum in that currency, sum in {cur}.",
             "Engagements chiffrés par devise d’origine : nombre, somme dans cette devise, somme en {cur}."),
            (s.summary, words.investorsSection, "Investors by total in {cur} (names compared ignoring case).",
             "Investisseurs par total en {cur} (noms comparés sans tenir compte de la casse)."),
            (s.summary, "bn / m — Md / M", "Amounts show in billions or millions; every cell holds the exact amount.",
             "Les montants s’affichent en milliards (Md) ou millions (M) ; chaque cellule garde le montant exact."),
            (s.pledges, ph[0] + ", " + ph[1], "The pledge file and its line.", "Le fichier d’engagements et sa ligne."),
            (s.pledges, ph[2], "The investor as written.", "L’investisseur tel qu’écrit."),
            (s.pledges, ph[3] + ", " + ph[4], "The domain (see Summary) and the text it came from.",
             "Le domaine (voir Synthèse) et le texte d’origine."),
            (s.pledges, ph[5] + ", " + ph[6], "The amount phrase as written, and its qualifier (below).",
             "La formulation du montant telle qu’écrite, et son qualificatif (ci-dessous)."),
            (s.pledges, ph[7] + ", " + ph[8], "The amount in the pledge’s currency; for a range, its high end and its low end.",
             "Le montant dans la devise de l’engagement ; pour une fourchette, son haut et son bas."),
            (s.pledges, ph[9] + ", " + ph[10], "The pledge’s currency (ISO code) and date.", "La devise (code ISO) et la date de l’engagement."),
            (s.pledges, ph[11], "How many {cur} one unit of the pledge’s currency is worth (10 significant digits, for information).",
             "Combien de {cur} vaut une unité de la devise de l’engagement (10 chiffres significatifs, pour information)."),
            (s.pledges, ph[12], "The ECB publication day of the rate (the last on or before the pledge’s date).",
             "Le jour de publication BCE du taux (le dernier à la date de l’engagement ou avant)."),
            (s.pledges, ph[13], "The amount in {cur}, rounded once, half to even.", "Le montant en {cur}, arrondi une fois, au pair le plus proche."),
            (s.pledges, ph[16], "Where the rate comes from: ECB, another rates file, or a peg with its file and line.",
             "D’où vient le taux : BCE, un autre fichier de taux, ou une parité fixe avec son fichier et sa ligne."),
            (s.pledges, ph[14] + ", " + ph[15], "The pledge’s source (a link when it is one) and notes, from the pledge file’s own columns.",
             "La source de l’engagement (un lien quand c’en est un) et ses remarques, tirées des colonnes du fichier."),
            (s.pledges, words.qualifier(.exact), "A plain amount.", "Un montant simple."),
            (s.pledges, words.qualifier(.upTo), "A ceiling (“up to”): the amount may shrink.", "Un plafond (« jusqu’à ») : le montant peut diminuer."),
            (s.pledges, words.qualifier(.atLeast), "A floor (“at least”, “more than”): the amount may grow.",
             "Un plancher (« au moins », « plus de ») : le montant peut augmenter."),
            (s.pledges, words.qualifier(.approximately), "An estimate (“about”).", "Une estimation (« environ »)."),
            (s.pledges, words.qualifier(.initial), "A first tranche (“an initial”): the amount may grow.",
             "Une première tranche (« initialement ») : le montant peut augmenter."),
            (s.pledges, words.qualifier(.range), "A range (“between X and Y”): high end in the amount, low end beside it.",
             "Une fourchette (« entre X et Y ») : le haut dans le montant, le bas à côté."),
            (s.pledges, words.qualifier(.unspecified), "No figure given: counted, not added.", "Aucun chiffre donné : compté, non additionné."),
            (s.rejected, labels.rejectedHeader.joined(separator: ", "),
             "Every record that could not be used: where it is, what it said, which field failed and why.",
             "Chaque enregistrement inutilisable : où il est, ce qu’il disait, quel champ a échoué et pourquoi."),
            (words.unclassifiedSheet, words.unclassifiedHeader.joined(separator: ", "),
             "Each domain text no rule of domains.csv matched (as unclassified.csv): its pledges and total, largest first.",
             "Chaque texte de domaine qu’aucune règle de domains.csv ne reconnaît (comme unclassified.csv) : engagements et total, du plus grand au plus petit."),
            (c.changesSheet, c.bridgeHeader.joined(separator: ", "),
             "From the previous run’s total to this run’s: added, removed, changed, now rejected and no longer rejected pledges "
             + "add up exactly to the change.",
             "Du total de l’exécution précédente à celui-ci : engagements ajoutés, retirés, modifiés, désormais rejetés et "
             + "plus rejetés s’additionnent exactement à l’écart."),
            (c.changesSheet, c.tableHeader.joined(separator: ", "),
             "One row per change (as changes.csv), largest absolute delta first: old and new values, delta in {cur}.",
             "Une ligne par modification (comme changes.csv), du plus grand écart absolu au plus petit : valeurs avant et "
             + "après, écart en {cur}."),
            (c.historySheet, c.historyHeader.joined(separator: ", "),
             "One row per run that differed from the one before (history.csv’s TOTAL rows), and a chart once there are two runs.",
             "Une ligne par exécution différente de la précédente (lignes TOTAL de history.csv), et un graphique dès deux exécutions."),
            (s.rates, labels.ratesHeader.joined(separator: ", "),
             "Every ECB reference rate a conversion used: units of the currency per EUR, as the ECB publishes them.",
             "Chaque taux de référence BCE utilisé : unités de la devise pour 1 EUR, comme la BCE les publie."),
            (s.run, "", "The run’s facts: tool version, options, each input file with its SHA-256 and counts, the rate files.",
             "Les faits de l’exécution : version, options, chaque fichier lu avec son SHA-256 et ses comptes, les fichiers de taux."),
        ]
    }
}
