import Foundation
import Testing

/// Tests/RatesServer/rates_server.py serving a folder on 127.0.0.1 at a free
/// port, stopped when the last reference goes. Nothing reaches the internet.
final class RatesServer {
    let folder: String
    let port: Int
    private let process: Process

    init(folder: String) throws {
        self.folder = folder
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Command.packageRoot + "/Tests/RatesServer/rates_server.py", folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        // The server writes its port to FOLDER/.port once it listens.
        var port: Int?
        for _ in 0..<300 where port == nil {
            if let data = FileManager.default.contents(atPath: folder + "/.port") {
                port = Int(String(decoding: data, as: UTF8.self))
            } else {
                usleep(20_000)
            }
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    deinit {
        // SIGKILL: a child of the test runner may have SIGTERM blocked.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }
}
