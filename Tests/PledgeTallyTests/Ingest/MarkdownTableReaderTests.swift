import Testing
@testable import PledgeTally
@testable import Ingest

extension IngestTests {
    @Suite("MarkdownTableReader: pipe tables")
    struct MarkdownTableReaderTests {
        @Test("the summit's table: no leading pipe, trailing pipes, curly apostrophes")
        func summitTable() throws {
            let text = """
            Investisseur | Montant de l’investissement | Domaine d’intérêt |
            ---|---|---|
            Brookfield (Canada) | 20 milliards d’euros | Non spécifié |
            Émirats arabes unis | jusqu’à 50 milliards d’euros | Non spécifié |
            """
            #expect(try ingestEvents("s.md", text) == [
                record("s.md", 3, "Brookfield (Canada)", "20 milliards d’euros", "Non spécifié"),
                record("s.md", 4, "Émirats arabes unis", "jusqu’à 50 milliards d’euros", "Non spécifié"),
            ])
        }

        @Test("outer pipes or not, alignment colons, escaped pipes, prose around", arguments: [
            "| Investor | Amount | Domain |\n|:---|:---:|---:|\n| A \\| B | $5bn | AI |\n",
            "Investor | Amount | Domain\n:-- | :-: | --:\nA \\| B | $5bn | AI\n",
            "# Pledges\n\nSome prose.\n\n| Investor | Amount | Domain |\n| --- | --- | --- |\n|A \\| B|$5bn|AI|\n\nMore prose.\n",
            "  |  Investor  |  Amount  |  Domain  |  \r\n  | ------ | ------ | ------ |  \r\n  |  A \\| B  |  $5bn  |  AI  |  \r\n",
        ])
        func tableShapes(text: String) throws {
            let events = try ingestEvents("t.md", text)
            #expect(events.count == 1)
            #expect(events.first?.rawRecord.map { [$0.investor, $0.amount, $0.domain] } == ["A | B", "$5bn", "AI"])
        }

        @Test("two tables, each with its own header; text between them ignored")
        func twoTables() throws {
            let text = """
            # First
            | Investor | Amount | Domain |
            |---|---|---|
            | A | 1 | x |
            | B | 2 | y |
            Text right after the table ends it.
            | Domaine | Investisseur | Montant | Devise |
            |---|---|---|---|
            | z | C | 3 | USD |

            The end.
            """
            #expect(try ingestEvents("t.md", text) == [
                record("t.md", 4, "A", "1", "x"),
                record("t.md", 5, "B", "2", "y"),
                record("t.md", 9, "C", "3", "z", currency: "USD"),
            ])
        }

        @Test("a table without the required columns is rejected at its header; other tables still read")
        func tableWithoutColumns() throws {
            let text = """
            | Contact | Phone |
            |---|---|
            | Ann | 123 |

            | Investor | Amount | Domain |
            |---|---|---|
            | A | 1 | x |
            """
            #expect(try ingestEvents("t.md", text) == [
                rejection("t.md", 1, "file", "| Contact | Phone |",
                          "missing columns ‘investor’ (or investisseur), ‘amount’ (or montant) and ‘domain’ (or domaine); the rows of this table are not read"),
                rejection("t.md", 3, "record", "| Ann | 123 |", "row of a table whose header (line 1) cannot be used; not read"),
                record("t.md", 7, "A", "1", "x"),
            ])
        }

        @Test("a delimiter row with another number of cells than its header")
        func delimiterCountMismatch() throws {
            let text = "Investor | Amount | Domain\n---|---\nA | 1 | x\n"
            #expect(try ingestEvents("t.md", text) == [
                rejection("t.md", 1, "file", "Investor | Amount | Domain",
                          "the table’s header has 3 cells but its delimiter row (line 2) has 2; the rows of this table are not read"),
                rejection("t.md", 3, "record", "A | 1 | x", "row of a table whose header (line 1) cannot be used; not read"),
            ])
        }

        @Test("a row with more or fewer cells than the header is rejected; empty rows are skipped")
        func wrongCellCount() throws {
            let text = "| Investor | Amount | Domain |\n|---|---|---|\n| A | 1 |\n| B | 2 | y | extra |\n|  |  |  |\n| | |\n| C | 3 | z |\n"
            #expect(try ingestEvents("t.md", text) == [
                rejection("t.md", 3, "record", "| A | 1 |", "expected 3 cells as in the table’s header, found 2"),
                rejection("t.md", 4, "record", "| B | 2 | y | extra |", "expected 3 cells as in the table’s header, found 4"),
                record("t.md", 7, "C", "3", "z"),
            ])
        }

        @Test("a Markdown file with no table is rejected whole", arguments: [
            "# Pledges\n\nNone yet.\n", "", "Title\n---\n", "```\nplain code\n```\n",
        ])
        func noTable(text: String) throws {
            #expect(try ingestEvents("t.md", text) == [
                rejection("t.md", 0, "file", "",
                          "no pipe table found: a table needs a header row such as ‘Investor | Amount | Domain’ followed by a delimiter row such as ‘---|---|---’"),
            ])
        }

        @Test("backslashes other than before a pipe are kept as written; \\\\| ends a cell")
        func backslashes() throws {
            let text = "Investor | Amount | Domain | Note\n---|---|---|---\nA\\*B | 1 \\\\| x | n\n"
            #expect(try ingestEvents("t.md", text) == [
                .record(RawRecord(source: "t.md", line: 3, investor: "A\\*B", amount: "1 \\\\", domain: "x", notes: "n")),
            ])
        }

        @Test("BOM and date column")
        func bomAndDate() throws {
            let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Investor|Amount|Domain|Date\n-|-|-|-\nA|1|x|2025-02-10".utf8)
            #expect(try ingestEvents("t.md", bytes: bytes) == [record("t.md", 3, "A", "1", "x", date: "2025-02-10")])
        }
    
        // Issue 14: no pipe row is ever uncounted.

        static let outside = "pipe row outside a table with a header: a table needs a header row such as ‘Investor | Amount | Domain’ followed by a delimiter row such as ‘---|---|---’"

        @Test("rows after a blank line inside a table are rows of the same table")
        func blankLineInsideATable() throws {
            let text = "| Investor | Amount | Domain |\n|---|---|---|\n| A | 1 | x |\n\n| B | 2 | y |\n| C | 3 | z |\n\n\n| D | 4 | w |\n"
            #expect(try ingestEvents("t.md", text) == [
                record("t.md", 3, "A", "1", "x"), record("t.md", 5, "B", "2", "y"),
                record("t.md", 6, "C", "3", "z"), record("t.md", 9, "D", "4", "w"),
            ])
        }

        @Test("a delimiter row typed with typographic dashes", arguments: ["|—|—|—|", "|–|–|–|", "| :—: | ––– | —: |", "|−|‒|―|"])
        func typographicDashes(delimiter: String) throws {
            let text = "| Investor | Amount | Domain |\n\(delimiter)\n| A | 1 | x |\n"
            #expect(try ingestEvents("t.md", text) == [record("t.md", 3, "A", "1", "x")])
        }

        @Test("a table inside a blockquote, nested or not")
        func blockquotedTable() throws {
            let text = "> Pledges:\n>\n> | Investor | Amount | Domain |\n> |---|---|---|\n> | A | 1 | x |\n>> | B | 2 | y |\n>\n> | C | 3 | z |\n"
            #expect(try ingestEvents("t.md", text) == [
                record("t.md", 5, "A", "1", "x"), record("t.md", 6, "B", "2", "y"), record("t.md", 8, "C", "3", "z"),
            ])
        }

        @Test("a list line of pipes, pipe rows before any header or after text, a stray delimiter row: each rejected at its line")
        func strayPipeRows() throws {
            let text = """
            Intro | with a pipe
            | Investor | Amount | Domain |
            |---|---|---|
            | A | 1 | x |

            - | F | 10 M€ | energy |
            Text ends the header's force.
            | G | 2 | y |
            |---|---|---|
            """
            #expect(try ingestEvents("t.md", text) == [
                rejection("t.md", 1, "record", "Intro | with a pipe", Self.outside),
                record("t.md", 4, "A", "1", "x"),
                rejection("t.md", 6, "record", "- | F | 10 M€ | energy |", "expected 3 cells as in the table’s header, found 4"),
                rejection("t.md", 8, "file", "| G | 2 | y |",
                          "missing columns ‘investor’ (or investisseur), ‘amount’ (or montant) and ‘domain’ (or domaine); the rows of this table are not read"),
            ])
            #expect(try ingestEvents("t.md", "a | b\nnot a delimiter\n") == [rejection("t.md", 1, "record", "a | b", Self.outside)])
            #expect(try ingestEvents("t.md", "|---|---|\n") == [
                rejection("t.md", 1, "record", "|---|---|", "delimiter row without a header row directly above it"),
            ])
        }

        @Test("pipe rows inside a fenced code block are not read as a table, and each is a rejection at its line")
        func fencedCode() throws {
            let text = """
            | Investor | Amount | Domain |
            |---|---|---|
            | A | 1 | x |
            ```
            | Investor | Amount | Domain |
            |---|---|---|
            | B | 2 | y |
            not a row
            ```
            | C | 3 | z |
            ~~~~
            D | 4 | w
            ~~~~
            """
            func fenced(_ line: Int, _ value: String, opened: Int) -> IngestEvent {
                rejection("t.md", line, "record", value,
                          "pipe row inside the fenced code block opened on line \(opened): code is not read as a table; remove the fence to read it")
            }
            #expect(try ingestEvents("t.md", text) == [
                record("t.md", 3, "A", "1", "x"),
                fenced(5, "| Investor | Amount | Domain |", opened: 4), fenced(6, "|---|---|---|", opened: 4),
                fenced(7, "| B | 2 | y |", opened: 4),
                rejection("t.md", 10, "record", "| C | 3 | z |", Self.outside),
                fenced(12, "D | 4 | w", opened: 11),
            ])
        }

        @Test("a row ending || then CR CR LF: no cell holds a CR; a CR inside a line is a space")
        func carriageReturns() throws {
            let text = "| Investor | Amount | Domain | Extra |\r\n|---|---|---|---|\r\n| A | 1 | x ||\r\r\n| B\rC | 2 | y | n |\n"
            #expect(try ingestEvents("t.md", text) == [
                .note("t.md: column ‘Extra’ is not used"),
                record("t.md", 3, "A", "1", "x"), record("t.md", 4, "B C", "2", "y"),
            ])
        }
    }
}
