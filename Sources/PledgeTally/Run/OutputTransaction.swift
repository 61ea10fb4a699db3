import CPledgeSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces an output folder all at once, and only with complete outputs.
///
/// Every file is written into a staging folder beside the output
/// (`.Output.partial-PID`); `publish()` then links the current outputs into
/// `staging/previous/` and swaps the two folders in one `renameat2` exchange.
/// A run that fails or is killed before that leaves the old outputs as they
/// were; the next run removes the stale staging folder. A lock file beside
/// the output (`.Output.lock`, flock) keeps two runs from interleaving: the
/// second waits for the first.
public final class OutputTransaction {
    /// The output folder to replace.
    public let target: String
    /// Where the new outputs are written.
    public let staging: String
    private let parent: String
    private let name: String
    private var lockFD: Int32 = -1

    /// Takes the lock (waiting for another run if needed, after saying so
    /// through `waiting`) and creates an empty staging folder.
    public init(target: String, waiting: (String) -> Void = { _ in }) throws(RunError) {
        let trimmed = target.count > 1 && target.hasSuffix("/") ? String(target.dropLast()) : target
        self.target = trimmed
        let url = URL(fileURLWithPath: trimmed)
        name = url.lastPathComponent
        parent = url.deletingLastPathComponent().path
        staging = parent + "/." + name + ".partial-\(getpid())"

        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: trimmed, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw RunError(.cannotCreateOutput, "\(trimmed): cannot create the output folder: a file of that name exists")
        }
        if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw RunError(.cannotCreateOutput, "\(trimmed): cannot create the output folder: \(parent) does not exist")
        }

        let lockPath = parent + "/." + name + ".lock"
        lockFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if lockFD < 0 {
            throw RunError(.cannotCreateOutput, "\(lockPath): cannot create the lock file: \(Self.errnoText())")
        }
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            waiting("\(trimmed): another pledgetally run is writing here; waiting for it to finish")
            while flock(lockFD, LOCK_EX) != 0 {
                if errno != EINTR {
                    throw RunError(.cannotCreateOutput, "\(lockPath): cannot lock: \(Self.errnoText())")
                }
            }
        }
        removeStale()
        if mkdir(staging, 0o755) != 0 {
            let reason = Self.errnoText()
            unlock()
            throw RunError(.cannotCreateOutput, "\(trimmed): cannot create the output folder: \(reason)")
        }
    }

    deinit {
        if lockFD >= 0 { abandon() }
    }

    /// The path of an output file inside the staging folder.
    public func path(_ file: String) -> String { staging + "/" + file }

    /// Swaps the staging folder in. On return the output folder holds the new
    /// files and `previous/` the last run's — or, with `keepingPrevious` (a
    /// rerun of the same run), the `previous/` it already had.
    public func publish(keepingPrevious: Bool = false) throws(RunError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue {
            // Keep one generation: hard links cost nothing and old files are never rewritten.
            let previous = staging + "/previous"
            let from = keepingPrevious ? target + "/previous" : target
            if fm.fileExists(atPath: from) {
                if mkdir(previous, 0o755) != 0 {
                    throw RunError(.ioError, "\(previous): cannot create: \(Self.errnoText())")
                }
                let old = (try? fm.contentsOfDirectory(atPath: from)) ?? []
                for file in old.sorted() where file != "previous" {
                    if link(from + "/" + file, previous + "/" + file) != 0 {
                        throw RunError(.ioError, "\(from)/\(file): cannot keep as previous: \(Self.errnoText())")
                    }
                }
                syncDirectory(previous)
            }
            syncDirectory(staging)
            if pledge_exchange_paths(staging, target) == 0 {
                // `staging` now holds the old outputs.
                try? fm.removeItem(atPath: staging)
            } else {
                // No atomic exchange on this file system: two renames, with a
                // window in which the old outputs sit in `.Output.old-PID`.
                let aside = parent + "/." + name + ".old-\(getpid())"
                guard rename(target, aside) == 0 else {
                    throw RunError(.ioError, "\(target): cannot replace: \(Self.errnoText())")
                }
                guard rename(staging, target) == 0 else {
                    let reason = Self.errnoText()
                    _ = rename(aside, target)   // put the old outputs back; the error below is what counts
                    throw RunError(.ioError, "\(target): cannot replace: \(reason)")
                }
                try? fm.removeItem(atPath: aside)
            }
        } else {
            syncDirectory(staging)
            guard rename(staging, target) == 0 else {
                throw RunError(.cannotCreateOutput, "\(target): cannot create: \(Self.errnoText())")
            }
        }
        syncDirectory(parent)
        unlock()
    }

    /// Removes the staging folder and releases the lock; the outputs stay as they were.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
        unlock()
    }

    private func unlock() {
        if lockFD >= 0 {
            close(lockFD)
            lockFD = -1
        }
    }

    /// Staging or set-aside folders left by runs that were killed.
    private func removeStale() {
        // A run killed between its two renames left the old outputs aside: put them back.
        if !FileManager.default.fileExists(atPath: target) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            if let aside = entries.sorted().first(where: { $0.hasPrefix("." + name + ".old-") }) {
                _ = rename(parent + "/" + aside, target)
            }
        }
        let prefixes = ["." + name + ".partial-", "." + name + ".old-"]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        where prefixes.contains(where: { entry.hasPrefix($0) }) {
            try? FileManager.default.removeItem(atPath: parent + "/" + entry)
        }
    }

    private func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
