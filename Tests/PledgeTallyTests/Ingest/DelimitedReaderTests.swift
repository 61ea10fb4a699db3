import Testing
@testable import PledgeTally
@testable import Ingest

extension IngestTests {
    @Suite("DelimitedReader: CSV and TSV")
    struct DelimitedReaderTests {
        @Test("quoted cells keep separators, doubled quotes and newlines; lines count physical lines")
        func quoting() throws {
            let text = """
            investor,amount,domain
            "Brookfield, Inc.","jusqu’à 20 ""milliards"" d’euros",IA
            "Multi
            line
            name",5 M€,Santé
            Next,"1",""
            """
            #expect(try ingestEvents("p.csv", text) == [
                record("p.csv", 2, "Brookfield, Inc.", "jusqu’à 20 \"milliards\" d’euros", "IA"),
                record("p.csv", 3, "Multi\nline\nname", "5 M€", "Santé"),
                record("p.csv", 6, "Next", "1", ""),
            ])
        }

        @Test("a quoted CRLF is kept as written and counts as one line")
        func quotedCRLF() throws {
            let text = "investor,amount,domain\r\n\"a\r\nb\",1,x\r\nc,2,y\r\n"
            #expect(try ingestEvents("p.csv", text) == [
                record("p.csv", 2, "a\r\nb", "1", "x"),
                record("p.csv", 4, "c", "2", "y"),
            ])
        }

        @Test("the separator is sniffed from the header line", arguments: [
            ("investor;amount;domain\nA;1,5 M€;IA\n", ["A", "1,5 M€", "IA"]),
            ("investor,amount,domain\nA,\"1,5 M€\",IA\n", ["A", "1,5 M€", "IA"]),
            ("investor,amount,domain,\"a;b;c;d\"\nA,1;5,IA,n\n", ["A", "1;5", "IA"]),   // ; in quotes is not counted
            ("\n\n\"a,b\";investor;amount;domain\nz;A;1,5;IA\n", ["A", "1,5", "IA"]),
        ])
        func separatorSniffing(text: String, cells: [String]) throws {
            let events = try ingestEvents("p.csv", text).filter { $0.note == nil }   // the extra column is named
            #expect(events.count == 1)
            let r = try #require(events.first?.rawRecord)
            #expect([r.investor, r.amount, r.domain] == cells)
        }

        @Test("more commas than semicolons, or a tie, is a comma", arguments: [
            ("investor,amount;domain,x", "missing columns ‘amount’ (or montant) and ‘domain’ (or domaine)"),
            ("investor;amount,domain", "missing columns ‘investor’ (or investisseur) and ‘amount’ (or montant)"),
        ])
        func sniffingTie(header: String, reason: String) throws {
            #expect(try ingestEvents("p.csv", header + "\nA,1;2,3\n") == [rejection("p.csv", 1, "file", header, reason)])
        }

        @Test("UTF-8 byte-order mark, CRLF, LF and blank lines")
        func bomLineEndsAndBlankLines() throws {
            let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\r\n investor , amount,domain\r\nA,1,x\n\n   \r\n,,\nB,2,y\r\n\r\n".utf8)
            #expect(try ingestEvents("p.csv", bytes: bytes) == [
                record("p.csv", 3, "A", "1", "x"),
                record("p.csv", 7, "B", "2", "y"),
            ])
        }

        @Test("spaces around unquoted cells and around quotes go; inside quotes they stay")
        func trimming() throws {
            let text = "investor,amount,domain\n  A B  ,\t1 , \" x \" \n"
            #expect(try ingestEvents("p.csv", text) == [record("p.csv", 2, "A B", "1", " x ")])
        }

        @Test("a quote inside an unquoted cell is kept as written")
        func quoteInsideUnquotedCell() throws {
            let text = "investor,amount,domain\nThe \"Fund\",5\" ,x\n"
            #expect(try ingestEvents("p.csv", text) == [record("p.csv", 2, "The \"Fund\"", "5\"", "x")])
        }

        @Test("a record with the wrong number of cells is rejected at its first line", arguments: [
            ("investor,amount,domain\nA,1,x,extra\nB,2,y\n", 2, "A,1,x,extra", "expected 3 cells as in the header, found 4"),
            ("investor,amount,domain\nA,1\nB,2,y\n", 2, "A,1", "expected 3 cells as in the header, found 2"),
            ("investor,amount,domain\n\"A\nB\",1\r\nB,2,y\n", 2, "\"A\nB\",1", "expected 3 cells as in the header, found 2"),
        ])
        func wrongCellCount(text: String, line: Int, value: String, reason: String) throws {
            let events = try ingestEvents("p.csv", text)
            #expect(events.count == 2)
            #expect(events.first == rejection("p.csv", line, "record", value, reason))
            #expect(events.last?.rawRecord?.investor == "B")
        }

        @Test("a long rejected record's value is cut at 200 characters and its length told")
        func longValueIsCut() throws {
            let long = String(repeating: "é", count: 300)
            let text = "investor,amount,domain\n\(long),1\n"
            let r = try #require(try ingestEvents("p.csv", text).first?.rejection)
            #expect(r.value == String(repeating: "é", count: 200) + "…")
            #expect(r.reason == "expected 3 cells as in the header, found 2 (the record is 602 bytes long; the value shows its first 200 characters)")
        }

        @Test("an unterminated quote rejects the record to the end of the file")
        func unterminatedQuote() throws {
            let text = "investor,amount,domain\nA,1,x\nB,\"2,y\nC,3,z\n"
            #expect(try ingestEvents("p.csv", text) == [
                record("p.csv", 2, "A", "1", "x"),
                rejection("p.csv", 3, "record", "B,\"2,y\nC,3,z\n",
                          "unterminated quote: cell 2 opens a quote on line 3 that is not closed before the end of the file"),
            ])
        }

        @Test("text after a closing quote rejects the record")
        func textAfterClosingQuote() throws {
            let text = "investor,amount,domain\n\"Brookfield\" (Canada),1,x\nB,2,y\n"
            #expect(try ingestEvents("p.csv", text) == [
                rejection("p.csv", 2, "record", "\"Brookfield\" (Canada),1,x",
                          "text after the closing quote of cell 1; quote the whole cell and double the quotes inside it"),
                record("p.csv", 3, "B", "2", "y"),
            ])
        }

        @Test("the last record needs no line end, and may end inside or after quotes", arguments: [
            ("investor,amount,domain\nA,1,x", "x"),
            ("investor,amount,domain\nA,1,\"x\"", "x"),
            ("investor,amount,domain\nA,1,\"x\"  ", "x"),
            ("investor,amount,domain\nA,1,", ""),
            ("investor,amount,domain\nA,1,x\r", "x"),
        ])
        func lastRecordWithoutLineEnd(text: String, domain: String) throws {
            #expect(try ingestEvents("p.csv", text) == [record("p.csv", 2, "A", "1", domain)])
        }

        @Test("optional date, currency and notes columns; an unnamed column ignored")
        func optionalAndUnknownColumns() throws {
            let text = "Note,Devise,Investor,Date,Amount,Domain,\nn,USD,A,2025-02-10,5bn,IA,\n"
            #expect(try ingestEvents("p.csv", text) == [
                .record(RawRecord(source: "p.csv", line: 2, investor: "A", amount: "5bn", domain: "IA",
                                  date: "2025-02-10", currency: "USD", notes: "n")),
            ])
            #expect(try ingestEvents("p.csv", "investor,amount,domain\nA,1,x\n") == [record("p.csv", 2, "A", "1", "x")])
        }

        @Test("TSV: tabs separate, quotes work the same, spaces are trimmed but tabs are cells")
        func tsv() throws {
            let text = "Investisseur\tMontant\tDomaine\n A \t\"1\t2\"\tx\n\t\tz\nB\t\"say \"\"hi\"\"\"\t\n"
            #expect(try ingestEvents("p.tsv", text) == [
                record("p.tsv", 2, "A", "1\t2", "x"),
                record("p.tsv", 3, "", "", "z"),
                record("p.tsv", 4, "B", "say \"hi\"", ""),
            ])
        }

        @Test("commas and semicolons are plain text in TSV")
        func tsvIgnoresCommas() throws {
            let text = "investor\tamount\tdomain\nA, Inc.\t1,5; 2\tx\n"
            #expect(try ingestEvents("p.tsv", text) == [record("p.tsv", 2, "A, Inc.", "1,5; 2", "x")])
        }

        @Test("records read = records + rejections")
        func everyRecordIsAccountedFor() throws {
            let text = "investor,amount,domain\nA,1,x\nB,2\n\nC,3,z,4\n\"D\",\"4\",\"w\"\n\"E\"x,5,v\nF,\"6\n"
            let events = try ingestEvents("p.csv", text)
            // Six records (blank line excluded): A, B, C, D, E and the unterminated F.
            #expect(events.count == 6)
            #expect(events.compactMap(\.rawRecord).map(\.investor) == ["A", "D"])
            #expect(events.compactMap(\.rejection).map(\.line) == [3, 5, 7, 8])
        }
    }
}
