import CPledgeSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces an output folder with complete outputs only, and only a folder
/// that is the job's (see `OutputFolder`).
///
/// Every file is written into a staging folder beside the output
/// (`.Output.partial-PID`); `publish()` then links the current outputs into
/// `staging/previous/` and swaps the two folders in one `renameat2` exchange.
/// A run that fails or is killed before that leaves the old outputs as they
/// were; the next run removes the stale staging folder. A lock file beside
/// the output (`.Output.lock`, flock) keeps two runs from interleaving: the
/// second waits for the first. An output folder that is a mount point cannot
/// be swapped: its lock and staging folder are inside it
/// (`.pledgetally.lock`, `.pledgetally.partial-PID`) and its files are
/// replaced one by one, manifest.json last (OutputTransaction+InPlace).
///
/// The output folder keeps its mode, group (and owner, where allowed), and
/// every output file gets the folder's read and write bits: a 0700 folder
/// holds 0600 files, a 2770 one 0660 files, a new folder follows the umask.
public final class OutputTransaction {
    /// The output folder's real path.
    public let target: String
    /// Where the new outputs are written.
    public let staging: String
    let folder: OutputFolder
    let parent: String
    let name: String
    private var lockFD: Int32 = -1
    /// The mode bits (with set-group-ID and sticky) the output folder keeps.
    var folderMode: mode_t = 0o755
    var folderOwner: (uid: uid_t, gid: gid_t)?
    /// What the run says about something it left alone.
    let say: (String) -> Void

    /// Checks `target` (see `OutputFolder.check`), then as `init(folder:)`.
    public convenience init(target: String, waiting: @escaping (String) -> Void = { _ in }) throws(RunError) {
        try self.init(folder: OutputFolder.check(target), waiting: waiting)
    }

    /// Takes the lock (waiting for another run if needed, after saying so
    /// through `waiting`), checks again that the folder is the job's, and
    /// creates an empty staging folder.
    public init(folder: OutputFolder, waiting: @escaping (String) -> Void = { _ in }) throws(RunError) {
        self.folder = folder
        target = folder.path
        parent = folder.parent
        name = folder.name
        say = waiting
        let lockPath: String
        if folder.isMountPoint {
            lockPath = target + "/" + OutputFolder.lockName
            staging = target + "/" + OutputFolder.internalPrefixes[0] + "\(getpid())"
        } else {
            lockPath = parent + "/." + name + ".lock"
            staging = parent + "/." + name + ".partial-\(getpid())"
        }

        // O_NOFOLLOW: a lock path that is a symbolic link is refused, never followed to create its target.
        lockFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        if lockFD < 0 {
            let reason = errno == ELOOP ? "it is a symbolic link, which pledgetally does not follow; remove it" : Self.errnoText()
            throw RunError(.cannotCreateOutput, "\(lockPath): cannot create the lock file: \(reason)")
        }
        var st = stat()
        if fstat(lockFD, &st) != 0 || (st.st_mode & S_IFMT) != S_IFREG {
            unlock()
            throw RunError(.cannotCreateOutput, "\(lockPath): cannot use as the lock file: not a regular file")
        }
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            waiting("\(folder.given): another pledgetally run is writing here; waiting for it to finish")
            while flock(lockFD, LOCK_EX) != 0 {
                if errno != EINTR {
                    let reason = Self.errnoText()
                    unlock()
                    throw RunError(.cannotCreateOutput, "\(lockPath): cannot lock: \(reason)")
                }
            }
        }
        do {
            // The last run may have changed the folder while this one waited.
            if OutputFolder.fileKind(target) == S_IFDIR { try folder.checkOwnership() }
            removeStale()
            try makeStaging()
        } catch {
            unlock()
            throw error
        }
        Interruption.register(staging)
    }

    deinit {
        if lockFD >= 0 { abandon() }
    }

    /// The path of an output file inside the staging folder. Every name must
    /// be in `OutputFileNames.all`, or the next run would take it for a
    /// file pledgetally did not write. `path("")` is the staging folder itself.
    public func path(_ file: String) -> String {
        precondition(file.isEmpty || OutputFileNames.all.contains(file), "\(file) is not in OutputFileNames.all")
        return staging + "/" + file
    }

    /// The staging folder, with the output folder's mode and owner.
    private func makeStaging() throws(RunError) {
        var st = stat()
        let exists = stat(target, &st) == 0
        if exists {
            folderMode = st.st_mode & 0o7777
            folderOwner = (st.st_uid, st.st_gid)
        }
        if mkdir(staging, folder.isMountPoint ? 0o700 : 0o777) != 0 {
            throw RunError(.cannotCreateOutput, "\(folder.given): cannot create the output folder: \(Self.errnoText())")
        }
        if folder.isMountPoint { return }   // the mount point itself is never replaced
        if exists {
            keepOwnerAndMode(staging, mode: folderMode)
        } else if stat(staging, &st) == 0 {
            folderMode = st.st_mode & 0o7777   // 0777 less the umask
        }
    }

    /// Gives `path` the output folder's owner (where permitted; its group
    /// otherwise, where permitted) and `mode`.
    func keepOwnerAndMode(_ path: String, mode: mode_t) {
        if let owner = folderOwner, lchown(path, owner.uid, owner.gid) != 0 {
            _ = lchown(path, uid_t.max, owner.gid)
        }
        _ = chmod(path, mode)   // after chown, which may clear set-group-ID
    }

    /// Every staged file: the folder's read and write bits, its owner.
    private func settleFiles() -> [String] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).sorted()
        // The folder's read and write bits, never writable by others.
        for file in files { keepOwnerAndMode(staging + "/" + file, mode: folderMode & 0o664) }
        return files
    }

    /// Puts the new outputs in place. On return the output folder holds the
    /// new files and `previous/` the last run's — or, with `keepingPrevious`
    /// (the same run again), the `previous/` it already had.
    public func publish(keepingPrevious: Bool = false) throws(RunError) {
        try Interruption.publishing { () throws(RunError) in
            let files = settleFiles()
            if folder.isMountPoint {
                try publishInPlace(files, keepingPrevious: keepingPrevious)
            } else {
                try publishBySwap(keepingPrevious: keepingPrevious)
            }
            Interruption.unregister(staging)
        }
        unlock()
    }

    /// The staging folder takes the output folder's place in one exchange.
    private func publishBySwap(keepingPrevious: Bool) throws(RunError) {
        if OutputFolder.fileKind(target) == S_IFDIR {
            // The run now in the folder becomes previous/; the same run again keeps the previous/ it had.
            let from = keepingPrevious ? target + "/" + OutputFileNames.previous : target
            if OutputFolder.fileKind(from + "/" + OutputFileNames.manifest) == S_IFREG {
                try keepAsPrevious(from: from, into: staging + "/" + OutputFileNames.previous)
            }
            syncDirectory(staging)
            if pledge_exchange_paths(staging, target) == 0 {
                // `staging` now holds the old outputs.
                removeOurs(staging, warnAs: target)
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
                removeOurs(aside, warnAs: target)
            }
        } else {
            syncDirectory(staging)
            guard rename(staging, target) == 0 else {
                throw RunError(.cannotCreateOutput, "\(target): cannot create: \(Self.errnoText())")
            }
        }
        syncDirectory(parent)
    }

    /// Links (or, where links are not possible, copies) the output files of
    /// `folder` into a new folder `previous`. Only files of the names a run
    /// writes: `previous/` holds nothing else.
    func keepAsPrevious(from folder: String, into previous: String) throws(RunError) {
        if mkdir(previous, 0o700) != 0 {
            throw RunError(.ioError, "\(previous): cannot create: \(Self.errnoText())")
        }
        keepOwnerAndMode(previous, mode: folderMode)
        for file in OutputFileNames.all.sorted() where OutputFolder.fileKind(folder + "/" + file) == S_IFREG {
            let from = folder + "/" + file, to = previous + "/" + file
            if link(from, to) == 0 { continue }
            let reason = Self.errnoText()
            guard errno == EPERM || errno == ENOTSUP || errno == EMLINK, (try? FileManager.default.copyItem(atPath: from, toPath: to)) != nil else {
                throw RunError(.ioError, "\(from): cannot keep as previous: \(reason)")
            }
        }
        syncDirectory(previous)
    }

    /// Removes the staging folder and releases the lock; the outputs stay as they were.
    public func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
        Interruption.unregister(staging)
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
        let (home, prefixes) = folder.isMountPoint
            ? (target, OutputFolder.internalPrefixes)
            : (parent, ["." + name + ".partial-", "." + name + ".old-"])
        func stale() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: home)) ?? []).sorted().filter { entry in
                prefixes.contains { entry.hasPrefix($0) && entry.dropFirst($0.count).allSatisfy(\.isNumber) }
                    && OutputFolder.fileKind(home + "/" + entry) == S_IFDIR
            }
        }
        // A run killed between its two renames left the old outputs aside: put them back.
        if !folder.isMountPoint && OutputFolder.fileKind(target) == 0,
           let aside = stale().first(where: { $0.hasPrefix("." + name + ".old-") }) {
            _ = rename(parent + "/" + aside, target)
        }
        for entry in stale() { removeOurs(home + "/" + entry, warnAs: nil) }
    }

    /// Removes from `folder` what a run writes (output files, `previous/`,
    /// staging folders, the lock), then `folder` itself if that emptied it.
    /// Anything else is left, and said, with `folder`.
    func removeOurs(_ folder: String, warnAs: String?) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for entry in entries {
            let path = folder + "/" + entry
            let kind = OutputFolder.fileKind(path)
            if kind == S_IFREG && (OutputFileNames.all.contains(entry) || entry == OutputFolder.lockName) {
                unlink(path)
            } else if kind == S_IFDIR && (entry == OutputFileNames.previous || OutputFolder.internalPrefixes.contains(where: entry.hasPrefix)) {
                removeOurs(path, warnAs: nil)
            }
        }
        if rmdir(folder) != 0, let warnAs {
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            say("warning: \(warnAs): \(left.map { "‘\($0)’" }.joined(separator: ", ")) appeared during the run; "
                + "pledgetally did not write it and left it in \(folder)")
        }
    }

    func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
