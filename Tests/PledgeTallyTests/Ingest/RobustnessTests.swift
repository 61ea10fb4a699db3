import Testing
@testable import PledgeTally
@testable import Ingest

extension IngestTests {
    @Suite("Robustness: any bytes in, no crash, no hang, memory bounded")
    struct RobustnessTests {
        @Test("random bytes never crash, in any format", arguments: ["r.csv", "r.tsv", "r.md"])
        func randomBytes(name: String) throws {
            var random = SplitMix64(seed: 7)
            for _ in 0..<200 {
                let length = Int.random(in: 0...300, using: &random)
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                let events = try ingestEvents(name, bytes: bytes, chunkSize: Int.random(in: 1...16, using: &random))
                #expect(events.count >= 1 || String(validating: bytes, as: UTF8.self) != nil)
            }
        }

        @Test("random text from a nasty alphabet reads the same in any chunk size", arguments: ["r.csv", "r.tsv", "r.md"])
        func randomText(name: String) throws {
            var random = SplitMix64(seed: 11)
            let pieces = ["\"", "\"\"", ",", ";", "\t", "|", "\\|", "\n", "\r\n", "\r", " ", "a", "é", "’", "---", ":-:", "\u{FEFF}",
                          "investor", "amount", "domain", "Montant", "date", "```"]
            for _ in 0..<300 {
                var text = ["investor,amount,domain\n", "investor\tamount\tdomain\n", "investor|amount|domain\n-|-|-\n", ""]
                    .randomElement(using: &random)!
                for _ in 0..<Int.random(in: 0...60, using: &random) { text += pieces.randomElement(using: &random)! }
                let expected = try ingestEvents(name, text)
                for chunk in [1, 3, 8] {
                    #expect(try ingestEvents(name, text, chunkSize: chunk) == expected, "\(text.debugDescription) chunk \(chunk)")
                }
                for event in expected {
                    let line = event.rawRecord?.line ?? event.rejection!.line
                    #expect(line >= 0 && line <= text.utf8.count + 1)
                }
            }
        }

        @Test("a record over the limit is rejected with its start and length; reading goes on")
        func recordOverTheLimit() throws {
            let long = String(repeating: "x", count: 300)
            let text = "investor,amount,domain\nA,1,a\n\(long),\"\(long)\n\(long)\",z\nB,2,b\n"
            let events = try ingestEvents("p.csv", text, chunkSize: 16, recordLimit: 256)
            #expect(events == [
                record("p.csv", 2, "A", "1", "a"),
                rejection("p.csv", 3, "record", String(repeating: "x", count: 200) + "…",
                          "record longer than the limit of 256 bytes; not read (the record is 906 bytes long; the value shows its first 200 characters)"),
                record("p.csv", 5, "B", "2", "b"),
            ])
        }

        @Test("a header over the limit rejects the file")
        func headerOverTheLimit() throws {
            let text = "investor,amount,domain," + String(repeating: "h", count: 100) + "\nA,1,x,y\n"
            let events = try ingestEvents("p.csv", text, chunkSize: 8, recordLimit: 64)
            #expect(events.count == 1)
            #expect(events.first?.rejection?.field == "file")
            #expect(events.first?.rejection?.line == 1)
            #expect(events.first?.reason?.hasPrefix("header longer than the limit of 64 bytes") == true)
        }

        @Test("a stray quote before a long run of junk keeps memory bounded")
        func junkAfterAStrayQuote() throws {
            let folder = try TemporaryDirectory()
            let junk = String(repeating: "junk, no end in sight\n", count: 50_000)   // 1.1 MB
            let path = try folder.write("j.csv", "investor,amount,domain\nA,\"1,x\n" + junk)
            let file = try ChunkedFile(path: path, chunkSize: 4096, maxCapacity: 64 * 1024 + 2 * 4096)
            var reader = DelimitedReader(source: "j.csv", separator: nil, recordLimit: 64 * 1024)
            var events: [IngestEvent] = []
            try reader.read(file) { events.append($0) }
            #expect(events.count == 1)
            #expect(events.first?.rejection?.line == 2)
            #expect(events.first?.reason?.hasPrefix("unterminated quote: cell 2 opens a quote on line 2") == true)
            #expect(events.first?.reason == "unterminated quote: cell 2 opens a quote on line 2 that is not closed before the end of the file (the record is 1100007 bytes long; the value shows its first 200 characters)")
            #expect(file.capacity <= 2 * 64 * 1024)
        }

        @Test("a Markdown line over the limit in a table is a rejected row; outside one it is prose")
        func markdownLineOverTheLimit() throws {
            let long = String(repeating: "y", count: 500)
            let text = "\(long)|\(long)\n|investor|amount|domain|\n|-|-|-|\n|\(long)|1|x|\n|A|1|x|\n"
            let events = try ingestEvents("m.md", text, chunkSize: 32, recordLimit: 300)
            #expect(events.count == 2)
            #expect(events.first?.rejection?.value == "|" + String(repeating: "y", count: 199) + "…")
            #expect(events.first?.reason == "line longer than the limit of 300 bytes; not read (the line is 506 bytes long; the value shows its first 200 characters)")
            #expect(events == [
                rejection("m.md", 4, "record", "|" + String(repeating: "y", count: 199) + "…",
                          "line longer than the limit of 300 bytes; not read (the line is 506 bytes long; the value shows its first 200 characters)"),
                record("m.md", 5, "A", "1", "x"),
            ])
        }

        @Test("a 10 MB cell is read whole with the default buffer")
        func hugeCell() throws {
            let cell = String(repeating: "0123456789", count: 1_000_000)
            let events = try ingestEvents("h.csv", "investor,amount,domain\n\"\(cell)\",1,x\nB,2,y\n")
            #expect(events.count == 2)
            #expect(events.first?.rawRecord?.investor == cell)
            #expect(events.last == record("h.csv", 3, "B", "2", "y"))
        }

        @Test("many columns in a record do not grow memory past the header's")
        func manyCells() throws {
            let text = "investor,amount,domain\n" + String(repeating: ",", count: 100_000) + "\nA,1,x\n"
            let events = try ingestEvents("c.csv", text)
            #expect(events.first?.reason?.hasPrefix("expected 3 cells as in the header, found 100001") == true)
            #expect(events.last == record("c.csv", 3, "A", "1", "x"))
        }
    }
}
