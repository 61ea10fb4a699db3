import Foundation
import Testing

/// `pledgetally rates update` through the built executable, against a local
/// HTTP server (Tests/RatesServer/rates_server.py).
@Suite("rates update", .serialized)
struct RatesUpdateTests {
    /// The local history: three days, newest first, as the ECB writes it.
    static let local = """
        Date,USD,JPY,GBP,
        2026-10-30,1.1172,175.68,0.8338,
        2026-10-29,1.113,175.92,0.83578,
        2026-10-28,1.1108,N/A,0.8341,

        """
    /// The published history two working days later.
    static let fresh = """
        Date,USD,JPY,GBP,
        2026-11-03,1.1201,176.01,0.8352,
        2026-11-02,1.1187,175.8,0.8347,
        2026-10-30,1.1172,175.68,0.8338,
        2026-10-29,1.113,175.92,0.83578,
        2026-10-28,1.1108,N/A,0.8341,

        """

    /// A server folder with the histories, and an input folder holding the local one.
    struct Setup {
        let dir: TemporaryDirectory
        let server: RatesServer
        let input: String
        var history: String { input + "/rates/eurofxref-hist.csv" }

        init() throws {
            dir = try TemporaryDirectory()
            let served = try dir.makeFolder("served")
            try dir.write("served/hist.csv", RatesUpdateTests.fresh)
            try dir.write("served/short.csv", RatesUpdateTests.local.replacingOccurrences(of: "2026-10-30,1.1172,175.68,0.8338,\n", with: ""))
            try dir.write("served/changed.csv", RatesUpdateTests.fresh.replacingOccurrences(of: "2026-10-29,1.113,", with: "2026-10-29,1.1131,"))
            try dir.write("served/filled.csv", RatesUpdateTests.fresh.replacingOccurrences(of: "2026-10-28,1.1108,N/A,", with: "2026-10-28,1.1108,175.5,"))
            try dir.write("served/text.txt", "Date\n")
            server = try RatesServer(folder: served)
            input = try dir.makeFolder("Input")
            try dir.makeFolder("Input/rates")
            try dir.write("Input/rates/eurofxref-hist.csv", RatesUpdateTests.local)
        }

        func update(_ path: String, _ more: [String] = [], environment: [String: String] = [:]) throws -> Command.Result {
            // Killed after 120 s: a download the unzipping hangs on must fail the test, not stall it.
            try Command.run(["rates", "update", "--input", input, "--url", server.url(path)] + more, environment: environment,
                            timeout: 120)
        }

        /// The rates folder's file names (a temporary file left behind would show here).
        func ratesFolder() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: input + "/rates").sorted()
        }
    }

    @Test("the zip updates the history, then it is up to date")
    func zipThenUpToDate() throws {
        let s = try Setup()
        let first = try s.update("hist.zip")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "rates: updated 2026-10-30 → 2026-11-03 (+2 days)\n")
        #expect(try Command.read(s.history) == Self.fresh)
        let again = try s.update("hist.zip")
        #expect(again.status == 0)
        #expect(again.stdout == "rates: up to date (last day 2026-11-03)\n")
        #expect(try Command.read(s.history) == Self.fresh)
        #expect(try s.ratesFolder() == ["eurofxref-hist.csv"])
    }

    @Test("a plain CSV and a redirect are taken as well", arguments: ["hist.csv", "redirect/hist.zip", "redirect/hist.csv"])
    func plainAndRedirect(path: String) throws {
        let s = try Setup()
        let result = try s.update(path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "rates: updated 2026-10-30 → 2026-11-03 (+2 days)\n")
        #expect(try Command.read(s.history) == Self.fresh)
    }

    @Test("no local history yet: the download becomes it")
    func noLocalHistory() throws {
        let s = try Setup()
        try FileManager.default.removeItem(atPath: s.history)
        let result = try s.update("hist.zip")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "rates: updated (none) → 2026-11-03 (+5 days)\n")
        #expect(try Command.read(s.history) == Self.fresh)
    }

    /// A failing download: exit code and a word of the reason on stderr.
    struct Failure: Sendable, CustomStringConvertible {
        var path: String
        var status: Int32
        var reason: String
        var options: [String] = []
        var description: String { path }
    }

    static let failures: [Failure] = [
        Failure(path: "truncated/hist.zip", status: 65, reason: "not a valid zip archive"),
        Failure(path: "stalled/hist.zip", status: 65, reason: "runs past its"),
        Failure(path: "status/200", status: 65, reason: "not an ECB rates file"),
        Failure(path: "text.txt", status: 65, reason: "holds no day"),
        Failure(path: "status/404", status: 75, reason: "HTTP 404"),
        Failure(path: "status/500", status: 75, reason: "HTTP 500"),
        Failure(path: "nothing-here.csv", status: 75, reason: "HTTP 404"),
        Failure(path: "hang", status: 75, reason: "no answer within the timeout", options: ["--timeout", "1"]),
        Failure(path: "short.csv", status: 65, reason: "the download ends 2026-10-29 and lacks 1 day"),
        Failure(path: "changed.zip", status: 65, reason: "rewrites a published day: USD on 2026-10-29 is 1.113 in"),
        Failure(path: "filled.csv", status: 65, reason: "rewrites a published day: JPY on 2026-10-28 is N/A in"),
        Failure(path: "big", status: 65, reason: "over the limit of 50 MB"),
        Failure(path: "bomb.zip", status: 65, reason: "over the limit of 200 MB"),
    ]

    @Test("a failure leaves the local file byte-identical, no temporary file, and says why", arguments: failures)
    func failure(_ f: Failure) throws {
        let s = try Setup()
        let started = Date()
        let result = try s.update(f.path, f.options)
        #expect(result.status == f.status, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("pledgetally: rates update: "))
        #expect(result.stderr.contains(f.reason), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("rates/eurofxref-hist.csv left as it was\n"))
        #expect(try Command.read(s.history) == Self.local)
        #expect(try s.ratesFolder() == ["eurofxref-hist.csv"])
        if f.path == "hang" { #expect(Date().timeIntervalSince(started) < 30) }
    }

    @Test("https_proxy is honoured: the default URL goes through the proxy (here refused, 75)")
    func proxy() throws {
        let s = try Setup()
        let result = try Command.run(["rates", "update", "--input", s.input, "--timeout", "10"],
                                     environment: ["https_proxy": "http://127.0.0.1:\(s.server.port)", "no_proxy": "", "NO_PROXY": ""])
        #expect(result.status == 75, "\(result.stderr)")
        #expect(try Command.read(s.server.folder + "/connect.log") == "www.ecb.europa.eu:443\n")
        #expect(try Command.read(s.history) == Self.local)
    }

    @Test("the history cannot be written: 73, nothing changed")
    func cannotWrite() throws {
        let s = try Setup()
        try FileManager.default.removeItem(atPath: s.input + "/rates")
        try s.dir.write("Input/rates", "a file where the folder should be\n")
        let result = try s.update("hist.zip")
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("Input/rates: not a folder"))
        #expect(try Command.read(s.input + "/rates") == "a file where the folder should be\n")
    }

    @Test("the history cannot be written (no file may grow: ulimit -f 0): 74, nothing changed, no temporary file")
    func writeFails() throws {
        let s = try Setup()
        let binary = try #require(Command.binary)
        // SIGXFSZ ignored, so write(2) fails with EFBIG instead of killing the
        // process; stderr goes to a pipe, which the limit does not touch.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\"", binary,
                             "rates", "update", "--input", s.input, "--url", s.server.url("hist.zip")]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74, "\(stderr)")
        #expect(stderr.contains("rates/eurofxref-hist.csv: cannot write: File too large"), "\(stderr)")
        #expect(stderr.hasSuffix("rates/eurofxref-hist.csv left as it was\n"))
        #expect(try Command.read(s.history) == Self.local)
        #expect(try s.ratesFolder() == ["eurofxref-hist.csv"])
    }

    @Test("a local history that is a named pipe is refused (74), not waited on")
    func localHistoryIsANamedPipe() throws {
        let s = try Setup()
        try FileManager.default.removeItem(atPath: s.history)
        #expect(mkfifo(s.history, 0o644) == 0)
        let result = try Command.run(["rates", "update", "--input", s.input, "--url", s.server.url("hist.zip")],
                                     timeout: 30)
        #expect(!result.timedOut, "rates update waited on the named pipe")
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("rates/eurofxref-hist.csv: cannot read the local history"), "\(result.stderr)")
    }

    @Test("a bad option is a usage error naming it", arguments: [
        (["--url", "ftp://example.org/x.zip"], "--url must be an http or https URL"),
        (["--timeout", "0"], "--timeout must be a number of seconds"),
    ])
    func usage(_ options: [String], _ message: String) throws {
        let result = try Command.run(["rates", "update", "--input", "/nonexistent"] + options)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
