import Testing
@testable import PledgeTally
@testable import Ingest

extension IngestTests {
    @Suite("ColumnMapping: headers by name")
    struct HeaderMatchingTests {
        @Test("French, English, accentless, upper-case headers with either apostrophe", arguments: [
            "investor,amount,domain",
            "Investor,Amount,Domain",
            "INVESTOR,AMOUNT,DOMAIN",
            "Investisseur,Montant,Domaine",
            "Investisseur,Montant de l’investissement,Domaine d’intérêt",
            "Investisseur,Montant de l'investissement,Domaine d'intérêt",
            "INVESTISSEUR,MONTANT DE L'INVESTISSEMENT,DOMAINE D'INTERET",
            "investisseur,montant de l’investissement,domaine d’interet",
            "  Investisseur  ,\"Montant  de l’investissement\",\"DOMAINE D’INTÉRÊT\"",
        ])
        func headerNames(header: String) throws {
            #expect(try ingestEvents("p.csv", header + "\nA,1,x\n") == [record("p.csv", 2, "A", "1", "x")])
        }

        @Test("decomposed accents (NFD) match too")
        func decomposedAccents() throws {
            let header = "Investisseur,Montant,Domaine d\u{2019}inte\u{301}re\u{302}t"
            #expect(try ingestEvents("p.csv", header + "\nA,1,x\n") == [record("p.csv", 2, "A", "1", "x")])
        }

        @Test("a missing column rejects the file at the header line, naming it", arguments: [
            ("investor,domain", "missing column ‘amount’ (or montant)"),
            ("montant,domaine", "missing column ‘investor’ (or investisseur)"),
            ("investor,amount,domains", "missing column ‘domain’ (or domaine)"),
            ("name,value", "missing columns ‘investor’ (or investisseur), ‘amount’ (or montant) and ‘domain’ (or domaine)"),
        ])
        func missingColumn(header: String, reason: String) throws {
            #expect(try ingestEvents("p.csv", "\n" + header + "\nA,1\n") == [
                rejection("p.csv", 2, "file", header, reason),
            ])
        }

        @Test("a field named twice rejects the file, naming both columns")
        func duplicateColumn() throws {
            let header = "Investor,Amount,Domain,Montant"
            #expect(try ingestEvents("p.csv", header + "\nA,1,x,2\n") == [
                rejection("p.csv", 1, "file", header, "columns ‘Amount’ (column 2) and ‘Montant’ (column 4) both name the amount"),
            ])
        }

        @Test("an empty file, or one with only blank lines, has no header", arguments: ["", "\n\n  \r\n", "\u{FEFF}"])
        func noHeader(text: String) throws {
            #expect(try ingestEvents("p.csv", text) == [
                rejection("p.csv", 0, "file", "", "the file is empty: no header row (investor, amount, domain)"),
            ])
        }

        @Test("a header alone gives no events")
        func headerOnly() throws {
            #expect(try ingestEvents("p.csv", "investor,amount,domain\n").isEmpty)
        }

        @Test("bare CR line ends are named")
        func bareCarriageReturns() throws {
            let events = try ingestEvents("p.csv", "investor,amount,domain\rA,1,x\r")
            #expect(events.count == 1)
            #expect(events.first?.rejection?.field == "file")
            #expect(events.first?.reason?.contains("bare CR") == true)
        }

        @Test("ColumnMapping.match", arguments: [
            (["Domain", "x", "Investor", "Amount"], ColumnMapping(investor: 2, amount: 3, domain: 0, columnCount: 4, unused: ["x"])),
            (["investor", "amount", "domain", "date", "devise"],
             ColumnMapping(investor: 0, amount: 1, domain: 2, date: 3, currency: 4, columnCount: 5)),
        ])
        func mapping(header: [String], expected: ColumnMapping) throws {
            #expect(try ColumnMapping.match(header).get() == expected)
        }
    }
}
