import PledgeTallyCore
import RunCompare

extension RunHistory {
    /// history.csv: every run's rows, amounts at the currency's minor digits (or more when written so).
    public func write(to file: OutputFile) throws(OutputError) {
        var csv = CSVWriter(file: file)
        try csv.header(Self.header)
        for r in rows {
            try csv.int(r.run)
            try csv.plain(r.latestPledgeDate)
            try csv.plain(r.inputsSHA256)
            try csv.plain(r.currency)
            try csv.text(r.domain)
            try csv.int(r.pledges)
            try csv.int(r.unpriced)
            let digits = Currency(r.currency).minorDigits
            for a in [r.total, r.ceiling, r.floor] { try csv.plain(a.formatted(places: max(digits, a.scale))) }
            try csv.endRow()
        }
    }
}
