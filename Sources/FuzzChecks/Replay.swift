import Foundation

/// Runs fuzz inputs through a check outside libFuzzer: what the fuzz
/// executables do when built without the fuzzer, and what the corpus test does.
public enum Replay {
    /// The files named, with every regular file (not hidden) of each folder
    /// named, in name order; arguments starting with `-` (libFuzzer flags) are skipped.
    public static func inputs(_ arguments: [String]) -> [String] {
        var files: [String] = []
        for argument in arguments where !argument.hasPrefix("-") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                files.append(argument)   // reported as unreadable by run
                continue
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                files += names.filter { !$0.hasPrefix(".") }.sorted().map { argument + "/" + $0 }
            } else {
                files.append(argument)
            }
        }
        return files
    }

    /// The bytes of a file, or nil when it cannot be read.
    public static func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// Checks every input named on the command line and prints each problem;
    /// returns the exit status: 0 when all pass, 1 when a check failed, 64
    /// when there was nothing to run.
    public static func main(
        _ arguments: [String], usage: String, check: (UnsafeRawBufferPointer) -> [String]
    ) -> Int32 {
        let files = inputs(arguments)
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 64
        }
        var failed = 0
        for path in files {
            guard let bytes = contents(path) else {
                print("\(path): cannot read")
                failed += 1
                continue
            }
            let problems = bytes.withUnsafeBytes(check)
            for problem in problems { print("\(path): \(problem)") }
            if !problems.isEmpty { failed += 1 }
        }
        print("\(files.count) inputs, \(failed) failed")
        return failed == 0 ? 0 : 1
    }

    /// Reports the problems found by a fuzzer and aborts, so that libFuzzer
    /// keeps the input as a crash file.
    public static func abortIfAny(_ problems: [String], input: UnsafeRawBufferPointer) {
        guard !problems.isEmpty else { return }
        var report = "invariant violated for input of \(input.count) bytes \(String(reflecting: Array(input.prefix(256)).map { String($0, radix: 16) }))\n"
        for problem in problems { report += "  " + problem + "\n" }
        FileHandle.standardError.write(Data(report.utf8))
        abort()
    }
}
