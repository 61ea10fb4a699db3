import CPledgeSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM, SIGINT and SIGHUP during a run: the run stops at once, its
/// staging folder is removed, the outputs stay as they were, and the process
/// exits 128 + the signal's number.
///
/// The signal handler (C, async-signal-safe) only writes the signal's number
/// to a pipe; a thread waiting on that pipe does the rest. A signal that comes
/// while the outputs are being published waits the few milliseconds until the
/// publishing is done, so the output folder is never left half replaced.
public enum Interruption {
    private static let lock = NSRecursiveLock()
    nonisolated(unsafe) private static var staging: [String] = []
    nonisolated(unsafe) private static var published = false
    nonisolated(unsafe) private static var installed = false

    /// Installs the handlers and the thread that acts on them (once).
    public static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        let fd = pledge_signal_pipe()
        guard fd >= 0 else { return }
        installed = true
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(fd, &byte, 1)
                if n == 1 { stop(signal: Int32(byte)) }
                if n == 0 || (n < 0 && errno != EINTR) { return }
            }
        }
        thread.name = "signals"
        thread.start()
    }

    /// Removes the staging folders and exits 128 + `signal`.
    private static func stop(signal: Int32) -> Never {
        lock.lock()   // waits for a publish in progress; never released
        for folder in staging {
            // The run's other threads may still be writing into it for a moment: try again.
            for _ in 0..<5 where FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
        let name = [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][signal] ?? "signal \(signal)"
        StandardError.line("pledgetally: stopped by \(name); "
            + (published ? "the new outputs had already been published" : "the outputs are left as they were"))
        _exit(128 + signal)
    }

    /// A staging folder to remove if the run is stopped.
    static func register(_ folder: String) {
        lock.lock()
        staging.append(folder)
        lock.unlock()
    }

    static func unregister(_ folder: String) {
        lock.lock()
        staging.removeAll { $0 == folder }
        lock.unlock()
    }

    /// Runs `body` (the publishing) with signals held off until it returns.
    static func publishing<T>(_ body: () throws(RunError) -> T) throws(RunError) -> T {
        lock.lock()
        defer { lock.unlock() }
        let result = try body()
        published = true
        return result
    }
}
