import Testing
@testable import PledgeTally

extension IngestTests {
    @Suite("Chunk boundaries: records, CRLF and characters cut between two reads")
    struct ChunkBoundaryTests {
        static let fixtures: [(name: String, text: String)] = [
            ("a.csv", "\u{FEFF}Investor,\"Montant\",Domaine d’intérêt\r\n\"Brook\"\"field\"\", Inc.\",\"jusqu’à\r\n20 Md€\",IA\r\n\r\nÉmirats , 50 ,  Énergie  \n\"x\"y,1,2\nA,B\n,,\n\"open,1,2\n"),
            ("b.csv", "investor;amount;domain;date\n\"a;b\";\"1\n2\";\"c\"\"\";2025-02-10\r\nd;e;f;g"),
            ("c.tsv", "investisseur\tmontant\tdomaine\n \"x\ty\"\t€1.2bn\t—\r\n\ta\tb\t\n"),
            ("d.md", "\u{FEFF}# Title\r\n\r\nInvestisseur | Montant de l’investissement | Domaine d’intérêt |\r\n---|:--:|--:|\r\nBrookfield (Canada) | 20 milliards d’euros | Non spécifié |\r\nA \\| B | 1 | 2\nA | 1\n\nprose\n| Investor | Amount |\n|---|---|\n| a | b |\n"),
            ("e.csv", "investor,amount,domain\nA,\"unterminated\n\n,,\n"),
        ]

        @Test("every chunk size reads the same events", arguments: fixtures.indices)
        func chunkSizesAgree(index: Int) throws {
            let (name, text) = Self.fixtures[index]
            let expected = try ingestEvents(name, text)
            #expect(!expected.isEmpty)
            for chunk in [1, 2, 3, 4, 5, 7, 11, 64] {
                #expect(try ingestEvents(name, text, chunkSize: chunk) == expected, "chunk size \(chunk)")
            }
        }

        @Test("the fixtures' expected events")
        func fixtureEvents() throws {
            #expect(try ingestEvents("a.csv", Self.fixtures[0].text) == [
                record("a.csv", 2, "Brook\"field\", Inc.", "jusqu’à\r\n20 Md€", "IA"),
                record("a.csv", 5, "Émirats", "50", "Énergie"),
                rejection("a.csv", 6, "record", "\"x\"y,1,2",
                          "text after the closing quote of cell 1; quote the whole cell and double the quotes inside it"),
                rejection("a.csv", 7, "record", "A,B", "expected 3 cells as in the header, found 2"),
                rejection("a.csv", 9, "record", "\"open,1,2\n",
                          "unterminated quote: cell 1 opens a quote on line 9 that is not closed before the end of the file"),
            ])
            #expect(try ingestEvents("d.md", Self.fixtures[3].text) == [
                record("d.md", 5, "Brookfield (Canada)", "20 milliards d’euros", "Non spécifié"),
                record("d.md", 6, "A | B", "1", "2"),
                rejection("d.md", 7, "record", "A | 1", "expected 3 cells as in the table’s header, found 2"),
                rejection("d.md", 10, "file", "| Investor | Amount |",
                          "missing column ‘domain’ (or domaine); the rows of this table are not read"),
                rejection("d.md", 12, "record", "| a | b |", "row of a table whose header (line 10) cannot be used; not read"),
            ])
        }

        /// A CSV file whose `tail` starts so that its byte `index` lands on file
        /// offset 1 MiB, the first byte of the second read; and the line `tail` starts on.
        static func file(placing tail: String, index: Int) -> (text: String, tailLine: Int) {
            let target = 1 << 20
            var text = "investor,amount,domain\r\n"
            let filler = "Filler,1 M€,IA\r\n"
            var lines = 1
            while text.utf8.count + filler.utf8.count < target - 200 {
                text += filler
                lines += 1
            }
            let padding = target - text.utf8.count - 1 - index
            text += "S" + String(repeating: "a", count: padding) + tail
            return (text, lines + 1)
        }

        @Test("a quoted record cut at any of its bytes by the 1 MiB buffer boundary")
        func recordAcrossTheBuffer() throws {
            let tail = ",\"q\"\"uo\r\nted\",x’y\r\nNext,2,z\r\n"
            for index in 0..<tail.utf8.count - 8 {
                let (text, line) = Self.file(placing: tail, index: index)
                #expect(text.utf8.count > 1 << 20)
                let events = try ingestEvents("big.csv", text)
                #expect(events.count == line)
                let last = Array(events.suffix(2))
                #expect(last.first?.rawRecord?.line == line)
                #expect(last.first?.rawRecord?.amount == "q\"uo\r\nted")
                #expect(last.first?.rawRecord?.domain == "x’y")
                #expect(last.last == record("big.csv", line + 2, "Next", "2", "z"), "tail byte \(index) at the boundary")
            }
        }

        @Test("a CRLF cut between CR and LF by the 1 MiB buffer boundary")
        func crlfAcrossTheBuffer() throws {
            let tail = ",1,end\r\nNext,2,z\r\n"
            let (text, line) = Self.file(placing: tail, index: 7)   // the LF starts the second read
            let bytes = Array(text.utf8)
            #expect(bytes[(1 << 20) - 1] == 0x0D && bytes[1 << 20] == 0x0A)
            let events = try ingestEvents("crlf.csv", text)
            #expect(events.suffix(2).map(\.rawRecord?.domain) == ["end", "z"])
            #expect(events.suffix(2).map(\.rawRecord?.line) == [line, line + 1])
        }

        @Test("a multi-byte character cut by the 1 MiB buffer boundary", arguments: [5, 6])
        func characterAcrossTheBuffer(index: Int) throws {
            let tail = ",1,d’x\r\nNext,2,z\r\n"   // ’ is bytes 4, 5, 6 of the tail
            let (text, line) = Self.file(placing: tail, index: index)
            let bytes = Array(text.utf8)
            #expect(bytes[1 << 20] & 0xC0 == 0x80)   // a continuation byte starts the second read
            let events = try ingestEvents("utf8.csv", text)
            #expect(events.suffix(2).map(\.rawRecord?.domain) == ["d’x", "z"])
            #expect(events.suffix(2).map(\.rawRecord?.line) == [line, line + 1])
        }
    }
}
