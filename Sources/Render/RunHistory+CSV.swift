import PledgeTallyCore
import Aggregate
import RunCompare

extension RunHistory {
    /// history.csv: every run's rows, amounts at the currency's minor digits (or more when written so).
    public func write(to file: OutputFile) throws(OutputError) {
        var csv = CSVWriter(file: file)
        try csv.header(Self.header)
        for r in rows { try csv.row(r, Self.columns, reportingDigits: 2) }
    }
}
