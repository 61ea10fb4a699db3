// Stand-in until the workbook lands.
final class ReportWorkbook {
    init(path: String, options: RunOptions) throws {}
    func add(_ p: ConvertedPledge) throws {}
    func add(_ r: Rejection) throws {}
    func finish(_ facts: RunFacts) throws {}
}
