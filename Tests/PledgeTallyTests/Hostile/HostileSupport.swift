import Foundation
import Testing

/// Shared by the hostile-input suites: an input folder with the shipped
/// domain mapping and ECB history and only the pledge files a case gives, a
/// run of the release binary on it, and the checks every case ends with
/// (per file: records read = accepted + rejected = rows written).
enum Hostile {
    /// A valid pledge file that every case carries beside its bad one, so a
    /// run still has something to report.
    static let goodName = "00-good.csv"
    static let good = "investor,amount,domain,date\nGood Fund,5 Md€,supercalculateur,2025-02-10\n"

    /// `Input/` in `dir` with the shipped domains.csv and rates, and
    /// `pledges/` holding `00-good.csv` (unless `withGood` is false) and `files`.
    static func input(_ dir: TemporaryDirectory, _ files: [String: [UInt8]] = [:], withGood: Bool = true,
                      as name: String = "Input") throws -> String {
        let root = try dir.makeFolder(name)
        try dir.makeFolder(name + "/pledges")
        try FileManager.default.copyItem(atPath: Command.packageRoot + "/Input/domains.csv", toPath: root + "/domains.csv")
        try FileManager.default.copyItem(atPath: Command.packageRoot + "/Input/rates", toPath: root + "/rates")
        if withGood { try dir.write(name + "/pledges/" + goodName, good) }
        for (file, bytes) in files { try dir.write(name + "/pledges/" + file, bytes: bytes) }
        return root
    }

    static func input(_ dir: TemporaryDirectory, text files: [String: String], withGood: Bool = true) throws -> String {
        try input(dir, files.mapValues { Array($0.utf8) }, withGood: withGood)
    }

    /// `pledgetally run --input … --output <dir>/Out --date 2025-02-10 …`.
    static func run(_ input: String, _ dir: TemporaryDirectory, _ extra: [String] = []) throws -> Command.Result {
        try Command.run(["run", "--input", input, "--output", dir.path("Out"), "--date", "2025-02-10"] + extra)
    }

    /// The stderr lines that are not the closing summary.
    static func problems(_ r: Command.Result) -> [String] {
        r.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("pledgetally: ") }
    }

    /// manifest.json as a dictionary.
    static func manifest(_ out: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: out + "/manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    struct FileCounts: Equatable, CustomStringConvertible {
        var records: Int, accepted: Int, rejected: Int
        var description: String { "\(records) read, \(accepted) accepted, \(rejected) rejected" }
    }

    /// manifest.json's `inputs[]`, by path ("pledges/x.csv").
    static func counts(_ out: String) throws -> [String: FileCounts] {
        let inputs = try #require(try manifest(out)["inputs"] as? [[String: Any]])
        var result: [String: FileCounts] = [:]
        for i in inputs {
            result[i["path"] as! String] = FileCounts(
                records: i["records"] as! Int, accepted: i["accepted"] as! Int, rejected: i["rejected"] as! Int)
        }
        return result
    }

    /// The rows of an RFC 4180 CSV file (header excluded), strictly parsed:
    /// a quote inside an unquoted cell or an unterminated quote fails the test.
    static func rows(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String]] {
        let text = try Command.read(path)
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false, afterQuote = false, inCell = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return it.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true; pending = n }
                    } else { quoted = false; afterQuote = true }
                } else {
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                row.append(cell); cell = ""; afterQuote = false; inCell = false
            case "\n":
                row.append(cell); rows.append(row); row = []; cell = ""; afterQuote = false; inCell = false
            case "\"":
                if inCell || afterQuote {
                    Issue.record("\(path): stray quote in row \(rows.count + 1)", sourceLocation: sourceLocation)
                }
                quoted = true
            case "\r":
                Issue.record("\(path): CR outside quotes in row \(rows.count + 1)", sourceLocation: sourceLocation)
            default:
                if afterQuote { Issue.record("\(path): text after a closing quote in row \(rows.count + 1)", sourceLocation: sourceLocation) }
                cell.unicodeScalars.append(c); inCell = true
            }
        }
        #expect(!quoted, "\(path): ends inside a quote", sourceLocation: sourceLocation)
        #expect(row.isEmpty && cell.isEmpty, "\(path): last line without LF", sourceLocation: sourceLocation)
        let header = rows.first.map { $0.count } ?? 0
        for (i, r) in rows.enumerated() where r.count != header {
            Issue.record("\(path): row \(i + 1) has \(r.count) cells, the header \(header)", sourceLocation: sourceLocation)
        }
        return Array(rows.dropFirst())
    }

    /// The invariant of every successful run: per input file, records read =
    /// accepted + rejected, and pledges.csv / rejected.csv hold exactly that
    /// many rows of it. Returns manifest.json's counts.
    @discardableResult
    static func checkCounts(_ out: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: FileCounts] {
        let counts = try counts(out)
        let pledges = try rows(out + "/pledges.csv", sourceLocation: sourceLocation)
        let rejected = try rows(out + "/rejected.csv", sourceLocation: sourceLocation)
        for (path, c) in counts {
            let name = String(path.dropFirst("pledges/".count))
            #expect(c.records == c.accepted + c.rejected, "\(path): \(c)", sourceLocation: sourceLocation)
            #expect(pledges.filter { $0.first == name }.count == c.accepted, "\(path): pledges.csv rows", sourceLocation: sourceLocation)
            #expect(rejected.filter { $0.first == name }.count == c.rejected, "\(path): rejected.csv rows", sourceLocation: sourceLocation)
        }
        #expect(pledges.count == counts.values.reduce(0) { $0 + $1.accepted }, sourceLocation: sourceLocation)
        #expect(rejected.count == counts.values.reduce(0) { $0 + $1.rejected }, sourceLocation: sourceLocation)
        return counts
    }

    /// Staging or set-aside folders a run left beside `Out`.
    static func leftovers(_ dir: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial-") || $0.contains(".old-") }
    }

    /// A shell command's exit status (for mount and the like), output discarded.
    @discardableResult
    static func shell(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
