import Foundation

/// A fresh directory under the system's temporary folder, removed with
/// everything in it when the last reference goes. The one temporary-folder
/// helper of every test target.
public final class TemporaryDirectory {
    public let path: String

    public init() throws {
        var template = Array((NSTemporaryDirectory() + "/pledgetally-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown)
        }
        path = String(cString: made)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of a name inside the directory.
    public func path(_ name: String) -> String {
        path + "/" + name
    }

    /// Writes a file of text (UTF-8, exactly these characters) and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes a file of bytes and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = path(name)
        let url = URL(fileURLWithPath: target)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return target
    }

    /// Makes a folder inside the directory and returns its path.
    @discardableResult
    public func makeFolder(_ name: String) throws -> String {
        let target = path(name)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        return target
    }
}
