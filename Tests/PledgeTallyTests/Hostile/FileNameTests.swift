import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A pledge file whose name is not UTF-8 (byte 0xFF, as a Latin-1 "ÿ" would
/// be written) is read like any other, opened by its name's bytes, and shown
/// with that byte escaped (`\x{FF}`) on stderr, in pledges.csv and
/// rejected.csv's `source`, and in manifest.json. Runs the release binary.
@Suite("Hostile: file names", .serialized)
struct FileNameTests {
    /// Creates `folder/<name bytes>` holding `contents` (FileManager cannot name such a file).
    func writeRaw(_ folder: String, _ name: [UInt8], _ contents: [UInt8]) throws {
        let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        try #require(fd >= 0, "cannot create the file: errno \(errno)")
        defer { close(fd) }
        let written = contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        try #require(written == contents.count)
    }

    /// SHA-256 of a file by sha256sum (not ours).
    func sha256sum(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return String(out.prefix(64))
    }

    @Test func aNameThatIsNotUTF8IsReadAndShownEscaped() throws {
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir)
        let pledges = input + "/pledges"
        let csv = "investor,amount,domain,date\nLatin Fund,7 M€,supercalculateur,2025-02-10\nNo Amount,a lot,cloud,2025-02-10\n"
        try writeRaw(pledges, Array("caf".utf8) + [0xFF] + Array(".csv".utf8), Array(csv.utf8))
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let out = dir.path("Out")
        let shown = #"caf\x{FF}.csv"#
        let pledgeRows = try Hostile.rows(out + "/pledges.csv")
        #expect(pledgeRows.filter { $0[0] == shown }.map { [$0[1], $0[2]] } == [["2", "Latin Fund"]])
        let rejected = try Hostile.rows(out + "/rejected.csv")
        #expect(rejected.filter { $0[0] == shown }.map { [$0[1], $0[2]] } == [["3", "No Amount"]])
        #expect(Hostile.problems(r).contains { $0.hasPrefix(shown + ":3: ") }, "\(r.stderr)")

        let counts = try Hostile.checkCounts(out)
        #expect(counts["pledges/" + shown] == .init(records: 2, accepted: 1, rejected: 1))
        let inputs = try #require(try Hostile.manifest(out)["inputs"] as? [[String: Any]])
        let entry = try #require(inputs.first { $0["path"] as? String == "pledges/" + shown })
        // The digest of the same bytes under a UTF-8 name, by sha256sum.
        let digest = try sha256sum(try dir.write("same-bytes.csv", csv))
        #expect(digest.count == 64)
        #expect(entry["sha256"] as? String == digest)
        // Remove it by its bytes: FileManager may not remove a folder holding such a name.
        let raw = Array(pledges.utf8) + Array("/caf".utf8) + [0xFF] + Array(".csv".utf8) + [0]
        _ = raw.withUnsafeBufferPointer { p in p.withMemoryRebound(to: CChar.self) { unlink($0.baseAddress!) } }
    }

    @Test func aWorkbookWhoseNameIsNotUTF8IsReadToo() throws {
        let dir = try TemporaryDirectory()
        let input = try Hostile.input(dir)
        let pledges = input + "/pledges"
        let made = dir.path("made.xlsx")
        let script = "import openpyxl,sys; wb=openpyxl.Workbook(); ws=wb.active; ws.title='Pledges'; "
            + "ws.append(['investor','amount','domain','date']); ws.append(['Book Fund','9 M€','cloud','2025-02-10']); wb.save(sys.argv[1])"
        #expect(Hostile.shell("python3 -c \"\(script)\" \(made)") == 0)
        let bytes = try #require(FileManager.default.contents(atPath: made))
        try writeRaw(pledges, Array("b".utf8) + [0xE9] + Array("b.xlsx".utf8), [UInt8](bytes))
        let r = try Hostile.run(input, dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try Hostile.rows(dir.path("Out") + "/pledges.csv")
        #expect(rows.filter { $0[0] == #"b\x{E9}b.xlsx#Pledges"# }.map { [$0[1], $0[2]] } == [["2", "Book Fund"]])
        let raw = Array(pledges.utf8) + Array("/b".utf8) + [0xE9] + Array("b.xlsx".utf8) + [0]
        _ = raw.withUnsafeBufferPointer { p in p.withMemoryRebound(to: CChar.self) { unlink($0.baseAddress!) } }
    }
}
