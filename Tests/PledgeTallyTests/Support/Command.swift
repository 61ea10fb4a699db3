import Foundation
import Testing

/// The built `pledgetally` executable, run as a subprocess the way cron runs it.
enum Command {
    /// The package's root folder (this file is Tests/PledgeTallyTests/Support/Command.swift).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `PLEDGETALLY_BIN` (set by `make test`), else the release then the debug build.
    static var binary: String? {
        if let path = ProcessInfo.processInfo.environment["PLEDGETALLY_BIN"], FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        for config in ["release", "debug"] {
            let path = packageRoot + "/.build/\(config)/pledgetally"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The run was killed (SIGKILL) after `timeout` seconds.
        var timedOut = false
    }

    /// Runs the executable with `arguments`, in `directory`, with extra
    /// environment; killed after `timeout` seconds, if given.
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval? = nil) throws -> Result {
        let path = try #require(binary, "build the executable first: swift build -c release (make test does)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Output goes to files, so a chatty child can never block on a full pipe.
        let capture = NSTemporaryDirectory() + "pledgetally-cmd-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: capture + ".out", contents: nil)
        FileManager.default.createFile(atPath: capture + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: capture + ".out")
            try? FileManager.default.removeItem(atPath: capture + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + ".err"))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var timedOut = false
        if let timeout {
            let deadline = Date(timeIntervalSinceNow: timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
            }
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus, stdout: try read(capture + ".out"), stderr: try read(capture + ".err"),
                      timedOut: timedOut)
    }

    /// A copy of the repository's Input/ folder in `dir`, to change freely.
    static func copyDefaultInput(to dir: TemporaryDirectory, as name: String = "Input") throws -> String {
        let target = dir.path(name)
        try FileManager.default.copyItem(atPath: packageRoot + "/Input", toPath: target)
        return target
    }

    /// Every file of a folder (recursively) with its bytes.
    static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: folder)
        while let name = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                files[name] = FileManager.default.contents(atPath: folder + "/" + name)
            }
        }
        return files
    }

    /// The text of a file.
    static func read(_ path: String) throws -> String {
        String(decoding: try #require(FileManager.default.contents(atPath: path), "missing \(path)"), as: UTF8.self)
    }
}
