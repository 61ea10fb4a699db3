import Foundation
import Testing

/// Pledge files that are broken as files: each case runs the release binary
/// on the shipped rates and domains, `00-good.csv` (one valid pledge) and the
/// bad file, and checks the exit code, the one stderr line (file, line,
/// reason), that the good pledge is still reported, and per file records
/// read = accepted + rejected = rows written.
@Suite("Hostile: bad files", .serialized)
struct BadFilesTests {
    static let header = "investor,amount,domain,date\n"
    static let row = "Acme,5 M€,cloud,2025-02-10\n"

    /// Runs `00-good.csv` + `name` and checks the common outcome: exit 0, the
    /// good pledge reported, counts adding up, and exactly `problems` on stderr
    /// (each an exact line). Returns the bad file's counts.
    @discardableResult
    func expect(_ name: String, _ bytes: [UInt8], problems: [String], records: Int, accepted: Int,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Hostile.FileCounts {
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir, [name: bytes])
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(Hostile.problems(r) == problems, sourceLocation: sourceLocation)
        let counts = try Hostile.checkCounts(dir.path("Out"), sourceLocation: sourceLocation)
        #expect(counts["pledges/" + Hostile.goodName] == .init(records: 1, accepted: 1, rejected: 0), sourceLocation: sourceLocation)
        let bad = try #require(counts["pledges/" + name], sourceLocation: sourceLocation)
        #expect(bad == .init(records: records, accepted: accepted, rejected: records - accepted), sourceLocation: sourceLocation)
        return bad
    }

    @Test func anEmptyFileIsOneFileRejection() throws {
        try expect("empty.csv", [], problems: [
            "empty.csv:0: file ‘’: the file is empty: no header row (investor, amount, domain)",
        ], records: 1, accepted: 0)
    }

    @Test func aHeaderWithoutRowsIsNoRecordAndNoProblem() throws {
        try expect("header.csv", Array(Self.header.utf8), problems: [], records: 0, accepted: 0)
    }

    @Test func noHeaderNamesTheMissingColumns() throws {
        try expect("noheader.csv", Array((Self.row + "Beta,3 M€,cloud,2025-02-10\n").utf8), problems: [
            "noheader.csv:1: file ‘Acme,5 M€,cloud,2025-02-10’: missing columns ‘investor’ (or investisseur), ‘amount’ (or montant) and ‘domain’ (or domaine)",
        ], records: 1, accepted: 0)
    }

    @Test func aMissingRequiredColumnRejectsTheFile() throws {
        try expect("nocol.csv", Array("investor,domain,date\nAcme,cloud,2025-02-10\n".utf8), problems: [
            "nocol.csv:1: file ‘investor,domain,date’: missing column ‘amount’ (or montant)",
        ], records: 1, accepted: 0)
    }

    @Test func duplicateColumnsRejectTheFile() throws {
        try expect("dup.csv", Array("investor,amount,Montant,domain\nAcme,5 M€,6 M€,cloud\n".utf8), problems: [
            "dup.csv:1: file ‘investor,amount,Montant,domain’: columns ‘amount’ (column 2) and ‘Montant’ (column 3) both name the amount",
        ], records: 1, accepted: 0)
    }

    @Test func raggedRowsAreRejectedOneByOne() throws {
        let text = Self.header + Self.row + "B,5 M€,cloud\n" + "C,5 M€,cloud,2025-02-10,extra\n" + "D,6 M€,cloud,2025-02-10\n"
        try expect("ragged.csv", Array(text.utf8), problems: [
            "ragged.csv:3: record ‘B,5 M€,cloud’: expected 4 cells as in the header, found 3",
            "ragged.csv:4: record ‘C,5 M€,cloud,2025-02-10,extra’: expected 4 cells as in the header, found 5",
        ], records: 4, accepted: 2)
    }

    @Test func anUnterminatedQuoteAtTheEndRejectsOnlyTheLastRecordOnOneLine() throws {
        let text = Self.header + Self.row + "\"B,5 M€,cloud,2025-02-10\nC,6 M€,cloud,2025-02-10\n"
        try expect("quote.csv", Array(text.utf8), problems: [
            // The record's line ends are shown as \n: one stderr line per problem.
            #"quote.csv:3: record ‘"B,5 M€,cloud,2025-02-10\nC,6 M€,cloud,2025-02-10\n’: unterminated quote: cell 1 opens a quote on line 3 that is not closed before the end of the file"#,
        ], records: 2, accepted: 1)
    }

    @Test func aNULByteRejectsTheWholeFile() throws {
        try expect("nul.csv", Array((Self.header + "A,5 M€,cl\0oud,2025-02-10\n").utf8), problems: [
            "nul.csv:0: file ‘’: not a text file: NUL byte at byte offset 39 (line 2); it may be binary or UTF-16 without a byte-order mark: save it as UTF-8",
        ], records: 1, accepted: 0)
    }

    @Test func invalidUTF8RejectsTheWholeFileWithTheByte() throws {
        try expect("latin1.csv", Array(Self.header.utf8) + [0x43, 0x61, 0x66, 0xE9] + Array(",5 M€,cloud,2025-02-10\n".utf8), problems: [
            "latin1.csv:0: file ‘’: not UTF-8: byte 0xE9 at byte offset 31 (line 2) is not valid UTF-8; the file may be Windows-1252 or Latin-1: save it as UTF-8",
        ], records: 1, accepted: 0)
    }

    @Test func utf16WithABOMIsNamedAsSuch() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in (Self.header + Self.row).utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try expect("utf16.csv", bytes, problems: [
            "utf16.csv:0: file ‘’: not UTF-8: the file is UTF-16 (little-endian byte-order mark FF FE at byte offset 0); save it as UTF-8",
        ], records: 1, accepted: 0)
    }

    @Test func aTenMegabyteCellIsReadAndFitsTheWorkbook() throws {
        // Under the 16 MiB record limit: a record like any other. The CSV keeps
        // it whole; the workbook cell is cut at Excel's 32,767 characters, visibly.
        let big = String(repeating: "x", count: 10 << 20)
        let text = Self.header + "\"" + big + "\",5 M€,cloud,2025-02-10\n" + Self.row
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir, ["big.csv": Array(text.utf8)])
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)")
        // 10 << 20 = 10,485,760 characters, each one UTF-16 unit.
        #expect(Hostile.problems(r) == [
            "warning: big.csv:2: the investor text has 10485760 UTF-16 units, over Excel’s cell limit of 32,767; report.xlsx holds it cut at a character boundary (the CSV files hold it whole)",
        ])
        let counts = try Hostile.checkCounts(dir.path("Out"))
        #expect(counts["pledges/big.csv"] == .init(records: 2, accepted: 2, rejected: 0))
        let rows = try Hostile.rows(dir.path("Out/pledges.csv"))
        #expect(rows.first { $0[0] == "big.csv" }?[2] == big)
    }

    @Test func aRecordOverTheLimitIsRejectedWithoutBeingHeld() throws {
        // 17 MiB in one cell: over the 16 MiB limit, rejected, and the next record still read.
        let big = String(repeating: "y", count: 17 << 20)
        let text = Self.header + "\"" + big + "\",5 M€,cloud,2025-02-10\n" + Self.row
        try expect("huge.csv", Array(text.utf8), problems: [
            "huge.csv:2: record ‘\"" + String(repeating: "y", count: 79) + "’: record longer than the limit of 16777216 bytes; not read (the record is \((17 << 20) + 2 + ",5 M€,cloud,2025-02-10".utf8.count) bytes long; the value shows its first 200 characters)",
        ], records: 2, accepted: 1)
    }

    @Test func aMillionColumnsInOneRowIsOneRejection() throws {
        let wide = Array(repeating: "x", count: 1_000_000).joined(separator: ",")
        let text = Self.header + Self.row + wide + "\n" + "Beta,6 M€,cloud,2025-02-10\n"
        try expect("wide.csv", Array(text.utf8), problems: [
            "wide.csv:3: record ‘" + String(repeating: "x,", count: 40) + "’: expected 4 cells as in the header, found 1000000 (the record is 1999999 bytes long; the value shows its first 200 characters)",
        ], records: 3, accepted: 2)
    }

    @Test func aMillionColumnsInTheHeaderRejectsTheFile() throws {
        let names = (0..<999_997).map { "c\($0)" }.joined(separator: ",")
        let text = "investor,amount,domain," + names + "\n" + Self.row
        let long = String(("investor,amount,domain," + names).prefix(80))
        try expect("wideheader.csv", Array(text.utf8), problems: [
            "wideheader.csv:1: file ‘\(long)’: the header has 1000000 columns, more than the 65536 read (the header is \(text.utf8.count - Self.row.utf8.count - 1) bytes long; the value shows its first 200 characters)",
        ], records: 1, accepted: 0)
    }

    @Test func linesOfOneMegabyteAreReadWhole() throws {
        let long = String(repeating: "d", count: 1 << 20)
        let text = Self.header + (0..<3).map { "L\($0),5 M€,\(long),2025-02-10\n" }.joined()
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir, ["long.csv": Array(text.utf8)])
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)")
        // The unclassified domain is named once, cut to one short line.
        let problems = Hostile.problems(r)
        let unclassified = problems.filter { $0.hasPrefix("unclassified domain: ") }
        #expect(unclassified.count == 1)
        #expect(unclassified.first?.hasPrefix("unclassified domain: ‘ddd") == true)
        #expect((unclassified.first?.unicodeScalars.count ?? 0) <= 1_001)
        // Each 1 MiB domain text (1,048,576 units) is cut in the workbook, with a warning.
        #expect(problems.count == 4)
        #expect(problems.filter { $0.hasPrefix("warning: long.csv:") && $0.contains("1048576 UTF-16 units") }.count == 3)
        let counts = try Hostile.checkCounts(dir.path("Out"))
        #expect(counts["pledges/long.csv"] == .init(records: 3, accepted: 3, rejected: 0))
        // Markdown lines of 1 MB too.
        let md = "| investor | amount | domain |\n|---|---|---|\n" + (0..<2).map { "| M\($0) | 5 M€ | \(long) |\n" }.joined()
        let dir2 = try TemporaryDirectory()
        let r2 = try Hostile.run(try Hostile.input(dir2, ["long.md": Array(md.utf8)]), dir2)
        #expect(r2.status == 0, "\(r2.stderr)")
        #expect(try Hostile.checkCounts(dir2.path("Out"))["pledges/long.md"] == .init(records: 2, accepted: 2, rejected: 0))
    }

    @Test func junkDomainTextsAreListedUpToALimit() throws {
        // Every line a different domain text no rule matches: each is listed
        // once, up to 10,000, then one note; memory stays bounded.
        let text = Self.header + (0..<10_050).map { "I\($0),5 M€,zz\($0)zz,2025-02-10\n" }.joined()
        let dir = try TemporaryDirectory()
        let r = try Hostile.run(try Hostile.input(dir, ["junk.csv": Array(text.utf8)]), dir)
        #expect(r.status == 0)
        let problems = Hostile.problems(r)
        #expect(problems.filter { $0.hasPrefix("unclassified domain: ") }.count == 10_000)
        #expect(problems.last == "note: more than 10000 distinct domain texts match no rule; only the first 10000 are listed")
        #expect(try Hostile.checkCounts(dir.path("Out"))["pledges/junk.csv"] == .init(records: 10_050, accepted: 10_050, rejected: 0))
    }

    @Test func aMarkdownFileWithoutATableIsOneFileRejection() throws {
        try expect("notes.md", Array("# Notes\n\nNo table here, just | a pipe.\n".utf8), problems: [
            "notes.md:3: record ‘No table here, just | a pipe.’: pipe row outside a table with a header: a table needs a header row such as ‘Investor | Amount | Domain’ followed by a delimiter row such as ‘---|---|---’",
        ], records: 1, accepted: 0)
    }

    // MARK: files that are not files

    @Test func aFolderNamedLikeAPledgeFileExits65() throws {
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir)
        try dir.makeFolder("Input/pledges/archive.csv")
        let r = try Hostile.run(input, dir)
        #expect(r.status == 65)
        #expect(r.stderr == "pledgetally: \(input)/pledges/archive.csv: not a regular file (a folder or a special file); pledge files must be plain .csv, .tsv or .md files\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path("Out")))
        #expect(try Hostile.leftovers(dir).isEmpty)
    }

    @Test func aNamedPipeIsRefusedNotWaitedFor() throws {
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir)
        #expect(mkfifo(input + "/pledges/pipe.csv", 0o644) == 0)
        let r = try Hostile.run(input, dir)
        #expect(r.status == 65)
        #expect(r.stderr == "pledgetally: \(input)/pledges/pipe.csv: not a regular file (a folder or a special file); pledge files must be plain .csv, .tsv or .md files\n")
    }

    @Test func aLinkToAFolderIsRefused() throws {
        // (A broken link is CommandLineTests.anUnreadablePledgeFileExits66.)
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir)
        try dir.makeFolder("elsewhere")
        try FileManager.default.createSymbolicLink(atPath: input + "/pledges/link.csv", withDestinationPath: dir.path("elsewhere"))
        let r = try Hostile.run(input, dir)
        #expect(r.status == 65)
        #expect(r.stderr.contains("pledges/link.csv: not a regular file"))
    }

    /// Deterministic "between listing and reading": a run lists the pledge
    /// files before it takes the output lock, so the test holds the lock,
    /// waits for the run to say it is waiting, changes the file, and lets go.
    func changedWhileWaiting(_ change: (String) throws -> Void, file: String = "01-late.csv") throws -> (Command.Result, TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir, text: [file: Self.header + Self.row])
        let lock = open(dir.path(".Out.lock"), O_RDWR | O_CREAT, 0o644)
        #expect(lock >= 0)
        #expect(flock(lock, LOCK_EX) == 0)
        let errPath = dir.path("stderr.txt")
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Command.binary))
        p.arguments = ["run", "--input", input, "--output", dir.path("Out"), "--date", "2025-02-10"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try p.run()
        let deadline = Date().addingTimeInterval(20)
        while !(try Command.read(errPath)).contains("waiting for it to finish") && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        try change(input + "/pledges/" + file)
        flock(lock, LOCK_UN)
        close(lock)
        // Never hang: a run still alive after 20 s fails the test (and is stopped).
        let end = Date().addingTimeInterval(20)
        while p.isRunning && Date() < end { Thread.sleep(forTimeInterval: 0.02) }
        if p.isRunning {
            Issue.record("the run hangs on \(file)")
            p.terminate()
        }
        p.waitUntilExit()
        return (Command.Result(status: p.terminationStatus, stdout: "", stderr: try Command.read(errPath)), dir, input)
    }

    @Test func aFileRemovedAfterListingExits66() throws {
        let (r, dir, input) = try changedWhileWaiting { try FileManager.default.removeItem(atPath: $0) }
        #expect(r.status == 66)
        #expect(r.stderr.hasSuffix("pledgetally: \(input)/pledges/01-late.csv: cannot read: No such file or directory\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("Out")))
        #expect(try Hostile.leftovers(dir).isEmpty)
    }

    @Test func aFileReplacedByANamedPipeAfterListingDoesNotHang() throws {
        // Nobody ever writes to the pipe: the run must refuse it, not wait.
        let (r, dir, input) = try changedWhileWaiting { path in
            try FileManager.default.removeItem(atPath: path)
            #expect(mkfifo(path, 0o644) == 0)
        }
        #expect(r.status == 65)
        #expect(r.stderr.hasSuffix("pledgetally: \(input)/pledges/01-late.csv: not a regular file (a folder or a special file); pledge files must be plain .csv, .tsv or .md files\n"))
        #expect(try Hostile.leftovers(dir).isEmpty)
    }

    @Test func aFileReplacedByAFolderAfterListingExits65() throws {
        let (r, _, input) = try changedWhileWaiting { path in
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(input)/pledges/01-late.csv: not a regular file"))
    }
}
