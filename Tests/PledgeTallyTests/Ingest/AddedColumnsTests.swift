import Testing
@testable import PledgeTally
@testable import Ingest

/// The columns analysts add: source/url/lien, notes/remarques, and any other
/// column named once per file.
@Suite("Added columns")
struct AddedColumnsTests {
    @Test func csvSourceNotesAndUnusedColumns() throws {
        let text = "Investor,Amount,Domain,Analyst,URL,Remarques,Analyst\nA,€1,IA,JD,https://x.org/1,ok,JD\n"
        let events = try ingestEvents("p.csv", text)
        #expect(events == [
            .note("p.csv: column ‘Analyst’ is not used"),
            .record(RawRecord(source: "p.csv", line: 2, investor: "A", amount: "€1", domain: "IA",
                              sourceURL: "https://x.org/1", notes: "ok")),
        ])
    }

    /// Our own pledges.csv and Pledges sheet have `Source` (the file) and
    /// `Source URL`: the URL column is read, `Source` named as not used.
    @Test(arguments: [["Source", "Source URL"], ["Source URL", "Source"], ["lien", "source"]])
    func sourceURLWinsOverSource(names: [String]) throws {
        let text = "investor,amount,domain,\(names[0]),\(names[1])\nA,€1,IA,first,second\n"
        let events = try ingestEvents("p.csv", text)
        let url = names[0].lowercased() == "source" ? "second" : "first"
        let unused = names[0].lowercased() == "source" ? names[0] : names[1]
        #expect(events.compactMap(\.rawRecord).first?.sourceURL == url)
        #expect(events.compactMap(\.note) == ["p.csv: column ‘\(unused)’ is not used"])
    }

    @Test func markdownNamesAColumnOncePerFile() throws {
        let text = """
        | investor | amount | domain | lien | analyst |
        |---|---|---|---|---|
        | A | €1 | IA | https://x.org/a | JD |

        | investor | amount | domain | analyst |
        |---|---|---|---|
        | B | €2 | IA | JD |

        """
        let events = try ingestEvents("t.md", text)
        #expect(events.compactMap(\.note) == ["t.md: column ‘analyst’ is not used"])
        #expect(events.compactMap(\.rawRecord).map(\.sourceURL) == ["https://x.org/a", nil])
    }
}
