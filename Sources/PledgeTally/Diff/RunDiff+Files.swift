import Ingest

extension RunDiff {
    /// Compares the output folders of two runs.
    public init(oldFolder: String, newFolder: String) throws(RunError) {
        func table(_ folder: String, _ name: String) throws(RunError) -> Table {
            do {
                let t = try CSVTable.read(path: folder + "/" + name)
                return Table(header: t.header, rows: t.rows.map(\.cells))
            } catch let e as IngestError {
                throw RunError(.inputMissing, e.description)
            } catch {
                throw RunError(.data, String(describing: error))
            }
        }
        self.init(
            oldPledges: try table(oldFolder, "pledges.csv"), newPledges: try table(newFolder, "pledges.csv"),
            oldDomains: try table(oldFolder, "by_domain.csv"), newDomains: try table(newFolder, "by_domain.csv"),
            oldRejected: try table(oldFolder, "rejected.csv"), newRejected: try table(newFolder, "rejected.csv"))
    }
}
