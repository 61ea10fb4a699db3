#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display on stderr (records, records per second,
/// stage), drawn only when stderr is a terminal: silent under cron.
public final class Progress {
    private let enabled: Bool
    private var start: timespec = timespec()
    private var lastDraw: Double = 0
    private var drawn = false

    public init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
        clock_gettime(CLOCK_MONOTONIC, &start)
    }

    /// Elapsed seconds since the run began (monotonic clock; never written to outputs).
    public var elapsed: Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec - start.tv_sec) + Double(now.tv_nsec - start.tv_nsec) / 1e9
    }

    /// Redraws at most five times a second; cheap to call often.
    public func update(stage: String, records: Int, force: Bool = false) {
        guard enabled else { return }
        let t = elapsed
        guard force || t - lastDraw >= 0.2 else { return }
        lastDraw = t
        let rate = t > 0 ? Int(Double(records) / t) : 0
        let line = "\r\u{1B}[K\(stage): \(records) records, \(rate)/s, \(Int(t)) s"
        StandardError.write(line)
        drawn = true
    }

    /// Clears the line, so later messages start clean.
    public func clear() {
        guard enabled, drawn else { return }
        StandardError.write("\r\u{1B}[K")
        drawn = false
    }
}
