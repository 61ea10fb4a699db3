import XlsxWriter
import PledgeTallyCore
import Aggregate

/// The Rates sheet: every ECB rate a conversion used, by currency then day.
enum WorkbookRates {
    static func write(_ facts: RunFacts, labels: WorkbookLabels, formats: WorkbookFormats,
                      book: borrowing Workbook) throws(XlsxError) {
        let table = try WorkbookTable(book: book, name: labels.sheets.rates, header: labels.ratesHeader,
                                      headerFormat: formats.header)
        for used in facts.usedRates {
            let (sheet, row) = try table.nextRow(book: book)
            try sheet.write(row: row, col: 0, string: used.currency)
            try sheet.write(row: row, col: 1, day: used.day, format: formats.date)
            try sheet.write(row: row, col: 2, number: used.rate.nearestDouble, format: formats.rate)
            table.see(1, characters: 10)
            table.see(2, characters: used.rate.description.utf8.count + 2)
            if !used.source.isEmpty {
                try sheet.write(row: row, col: 3, string: used.source)
                table.see(3, text: used.source)
            }
        }
        try table.finish()
    }
}

/// The Run sheet: manifest.json's facts laid out for reading — tool, options,
/// each input with its SHA-256 and counts, the domain mapping and rate files,
/// the counts and the grand total.
///
/// The input folder's own path is left out (the files are named relative to it
/// and identified by their SHA-256), so the same inputs give the same workbook
/// wherever they are.
enum WorkbookRunSheet {
    /// One cell of the layout.
    enum Cell {
        case text(String)
        case label(String)
        case header(String)
        case section(String)
        case number(Double, CellFormat)
        case date(Day?)
        case bool(Bool)
    }

    static func write(_ facts: RunFacts, labels: WorkbookLabels, formats: WorkbookFormats,
                      book: borrowing Workbook) throws(XlsxError) {
        let l = labels.run
        let o = facts.options
        let currency = o.currency
        let money = try formats.money(currency, book: book)
        var rows: [[Cell]] = []
        func count(_ n: Int) -> Cell { .number(Double(n), formats.count) }
        func gap() { rows.append([]) }

        rows.append([.section(l.tool)])
        rows.append([.label(l.tool), .text("pledgetally")])
        rows.append([.label(l.version), .text(facts.version)])
        gap()
        rows.append([.section(l.options)])
        rows.append([.label(l.currency), .text(currency.code)])
        rows.append([.label(l.date), o.date.map { .date($0) } ?? .text(l.none)])
        rows.append([.label(l.language), .text(o.language.rawValue)])
        rows.append([.label(l.strict), .bool(o.strict)])
        gap()
        rows.append([.section(l.pledgeFiles)])
        rows.append([.header(l.path), .header(l.sha256), .header(l.records), .header(l.accepted), .header(l.rejected)])
        for f in facts.inputs {
            rows.append([.text(f.path), .text(f.sha256), count(f.records), count(f.accepted), count(f.rejected)])
        }
        gap()
        rows.append([.section(l.domainMapping)])
        rows.append([.header(l.path), .header(l.sha256)])
        rows.append([.text(facts.domainsFile.path), .text(facts.domainsFile.sha256)])
        gap()
        rows.append([.section(l.rateFiles)])
        rows.append([.header(l.path), .header(l.sha256), .header(l.days), .header(l.firstDate), .header(l.lastDate)])
        for r in facts.rateFiles {
            rows.append([.text(r.path), .text(r.sha256), count(r.days), .date(r.firstDay), .date(r.lastDay)])
        }
        gap()
        rows.append([.section(l.ratesUsed)])
        rows.append([.label(l.count), count(facts.usedRates.count)])
        rows.append([.label(l.firstDate), .date(facts.rateDays?.lowerBound)])
        rows.append([.label(l.lastDate), .date(facts.rateDays?.upperBound)])
        gap()
        rows.append([.section(l.counts)])
        rows.append([.label(l.records), count(facts.records)])
        rows.append([.label(l.accepted), count(facts.accepted)])
        rows.append([.label(l.rejected), count(facts.rejected)])
        rows.append([.label(l.unpriced), count(facts.grandTotal.unpriced)])
        rows.append([.label(l.domains), count(facts.domains.count)])
        rows.append([.label(l.unclassified), count(facts.unclassified.count)])
        gap()
        rows.append([.section(l.grandTotal)])
        rows.append([.label(l.currency), .text(currency.code)])
        let g = facts.grandTotal
        for (label, value) in [(l.total, g.total), (l.ceiling, g.ceiling), (l.floor, g.floor)] {
            rows.append([.label(label), .number(value.nearestDouble, money)])
        }

        let sheet = try book.addWorksheet(name: labels.sheets.run)
        var widths = [Int](repeating: 10, count: 5)
        for (r, cells) in rows.enumerated() {
            for (c, cell) in cells.enumerated() {
                switch cell {
                case .text(let s):
                    try WorkbookCellText.write(s, to: sheet, row: r, col: c, marker: labels.truncated)
                    widths[c] = max(widths[c], min(s.count, 70))
                case .label(let s):
                    try sheet.write(row: r, col: c, string: s, format: formats.label)
                    widths[c] = max(widths[c], s.count + 1)
                case .header(let s):
                    try sheet.write(row: r, col: c, string: s, format: formats.header)
                    widths[c] = max(widths[c], s.count + 1)
                case .section(let s):
                    try sheet.write(row: r, col: c, string: s, format: formats.section)
                case .number(let v, let f):
                    try sheet.write(row: r, col: c, number: v, format: f)
                    if c > 0 {
                        let shown = WorkbookNumberFormat.displayWidth(
                            DecimalAmount(mantissa: Int128(v.magnitude.rounded())), currency: currency, language: o.language)
                        widths[c] = max(widths[c], shown)
                    }
                case .date(let d):
                    if let d {
                        try sheet.write(row: r, col: c, day: d, format: formats.date)
                    } else {
                        try sheet.write(row: r, col: c, string: l.none)
                    }
                case .bool(let b):
                    try sheet.write(row: r, col: c, bool: b)
                }
            }
        }
        for (c, w) in widths.enumerated() { try sheet.setColumn(c, width: Double(w + 2)) }
    }
}
