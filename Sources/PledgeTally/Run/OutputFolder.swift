import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The output folder as the run will use it, found before any work: the real
/// folder behind the `--output` path (a symbolic link is followed, and stays a
/// link), whether it is a mount point (which cannot be swapped, only filled
/// file by file), and whether it is the job's to replace at all.
public struct OutputFolder: Sendable {
    /// The path as given on the command line, for messages.
    public let given: String
    /// The folder's real path: absolute, symbolic links resolved.
    public let real: String
    /// The folder's path for use: its parent as given when that is the same
    /// folder (else the real one), and its real name (never a link).
    public let path: String
    public let parent: String
    public let name: String
    /// A mount point (bind mount, Docker volume, NFS…) cannot be renamed: its
    /// files are replaced one by one, manifest.json last.
    public let isMountPoint: Bool

    /// Resolves `given` and checks that it can be the output folder: a
    /// folder or nothing, in a folder that exists; and, where `input` is
    /// given, neither the input folder, nor inside it, nor around it (64).
    /// A folder that is not the job's (see `foreignEntry`) is refused (73).
    /// Reads only: nothing is created or changed.
    public static func check(_ given: String, input: String? = nil) throws(RunError) -> OutputFolder {
        var trimmed = given
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let url = URL(fileURLWithPath: trimmed)
        guard let real = resolved(trimmed) else {
            let parent = url.deletingLastPathComponent().path
            throw RunError(.cannotCreateOutput, "\(trimmed): cannot create the output folder: \(parent) does not exist")
        }
        var st = stat()
        let exists = stat(real, &st) == 0
        if exists && (st.st_mode & S_IFMT) != S_IFDIR {
            throw RunError(.cannotCreateOutput, "\(trimmed): cannot create the output folder: a file of that name exists")
        }
        // Paths are shown as given where they name the same folder ("/tmp//x" stays so in messages).
        let realURL = URL(fileURLWithPath: real)
        let realParent = real == "/" ? "/" : realURL.deletingLastPathComponent().path
        let givenParent = url.deletingLastPathComponent().path
        let parent = resolved(givenParent) == realParent ? givenParent : realParent
        let folder = OutputFolder(
            given: trimmed, real: real, path: real == "/" ? "/" : (parent == "/" ? "" : parent) + "/" + realURL.lastPathComponent, parent: parent,
            name: realURL.lastPathComponent, isMountPoint: exists && isMountPoint(real))

        let inputReal = input.flatMap(realPath)
        if let inputReal, contains(inputReal, real) {
            throw RunError(.usage, "--output \(trimmed): it is \(real == inputReal ? "the input folder" : "inside the input folder \(input!)"); "
                + "a run replaces its output folder, so it must be apart from the input")
        }
        if let what = folder.specialFolder {
            let holding = exists ? foreignEntry(in: real).map { " (it holds ‘\($0.entry)’, which pledgetally did not write)" } ?? "" : ""
            throw RunError(.cannotCreateOutput, "\(trimmed): refused as the output folder: it is \(what)\(holding); "
                + "a run replaces its output folder, so give it a folder of its own; nothing was changed")
        }
        if let inputReal, contains(real, inputReal) {
            throw RunError(.usage, "--output \(trimmed): it holds the input folder \(input!); "
                + "a run replaces its output folder, so it must be apart from the input")
        }
        if exists { try folder.checkOwnership() }
        return folder
    }

    /// 73 naming the first entry pledgetally did not write, if there is one.
    func checkOwnership() throws(RunError) {
        if let foreign = Self.foreignEntry(in: real) {
            throw RunError(.cannotCreateOutput, "\(given): not an output folder of pledgetally: it holds ‘\(foreign.entry)’, "
                + "\(foreign.reason); nothing was changed (use a new or empty folder, or move ‘\(foreign.entry)’ away)")
        }
    }

    /// `/`, the current folder or a home folder: never replaced, whatever they hold.
    var specialFolder: String? {
        if real == "/" { return "the root folder" }
        if let cwd = FileManager.default.currentDirectoryPath.withCString({ realpath($0, nil) }) {
            defer { free(cwd) }
            if String(cString: cwd) == real { return "the current folder" }
        }
        var homes = [ProcessInfo.processInfo.environment["HOME"]]
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { homes.append(String(cString: dir)) }
        if homes.compactMap({ $0.flatMap(Self.realPath) }).contains(real) { return "a home folder" }
        return nil
    }

    // MARK: - Whose folder

    /// Hidden names a run may leave inside an output folder that is a mount
    /// point: its lock, its staging folder and the previous run being replaced.
    static let lockName = ".pledgetally.lock"
    static let internalPrefixes = [".pledgetally.partial-", ".pledgetally.previous-", ".pledgetally.old-"]

    /// The first entry (in byte order) of `folder` that pledgetally did not
    /// write, with why; nil when the folder is the job's: empty, or holding a
    /// previous run — a manifest.json of pledgetally's, files of the names a
    /// run writes (`OutputFileNames`) and `previous/` holding only such files.
    static func foreignEntry(in folder: String) -> (entry: String, reason: String)? {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var interrupted = false
        var outputs: [String] = []
        for entry in entries {
            let path = folder + "/" + entry
            let kind = fileKind(path)
            if entry == lockName {
                if kind != S_IFREG { return (entry, "which pledgetally did not write") }
            } else if let prefix = internalPrefixes.first(where: { entry.hasPrefix($0) }),
                      entry.dropFirst(prefix.count).allSatisfy(\.isNumber), kind == S_IFDIR {
                if let inner = onlyOutputFiles(in: path) { return (entry + "/" + inner, "which pledgetally did not write") }
                if prefix == internalPrefixes[0] { interrupted = true }
            } else if entry == OutputFileNames.previous {
                if kind != S_IFDIR { return (entry, "which pledgetally did not write") }
                if let inner = onlyOutputFiles(in: path) { return (entry + "/" + inner, "which pledgetally did not write") }
                outputs.append(entry)
            } else if OutputFileNames.all.contains(entry) {
                if kind != S_IFREG { return (entry + (kind == S_IFDIR ? "/" : ""), "which pledgetally did not write") }
                outputs.append(entry)
            } else {
                return (entry + (kind == S_IFDIR ? "/" : ""), "which pledgetally did not write")
            }
        }
        guard let first = outputs.first else { return nil }
        if outputs.contains(OutputFileNames.manifest) {
            if !isOurManifest(folder + "/" + OutputFileNames.manifest) {
                return (OutputFileNames.manifest, "which is not a manifest pledgetally wrote")
            }
        } else if !interrupted {
            // Files of our names but no manifest: someone's own pledges.csv, perhaps.
            return (first, "but no manifest.json of a previous run")
        }
        return nil
    }

    /// The first entry of `folder` that is not a regular file named as an output, or nil.
    private static func onlyOutputFiles(in folder: String) -> String? {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return entries.first { !OutputFileNames.all.contains($0) || fileKind(folder + "/" + $0) != S_IFREG }
    }

    /// Whether `path` is a manifest.json written by pledgetally (its `tool.name`).
    static func isOurManifest(_ path: String) -> Bool {
        guard fileKind(path) == S_IFREG, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 64 << 20),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let tool = json["tool"] as? [String: Any] else { return false }
        return tool["name"] as? String == "pledgetally"
    }

    /// The type bits of `path` itself (a symbolic link is a link), or 0 when missing.
    static func fileKind(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    // MARK: - Paths

    /// Whether `inner` is `outer` or inside it (both real paths).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }

    /// realpath(3) of an existing path.
    static func realPath(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// The real path `path` names, existing or not: symbolic links followed,
    /// a dangling one to its target. Nil when the folder that would hold it is missing.
    static func resolved(_ path: String) -> String? {
        var current = path
        for _ in 0..<40 {
            if let real = realPath(current) { return real }
            let url = URL(fileURLWithPath: current)
            guard let parent = realPath(url.deletingLastPathComponent().path) else { return nil }
            let joined = (parent == "/" ? "" : parent) + "/" + url.lastPathComponent
            guard fileKind(joined) == S_IFLNK,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: joined) else { return joined }
            current = target.hasPrefix("/") ? target : parent + "/" + target
        }
        return nil
    }

    /// Whether `path` (a real path) is a mount point: another device than its
    /// parent's, or listed in /proc/self/mountinfo (a bind mount of a folder
    /// of the same file system keeps the device number).
    static func isMountPoint(_ path: String) -> Bool {
        if path == "/" { return true }
        var st = stat(), parentStat = stat()
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if stat(path, &st) == 0, stat(parent, &parentStat) == 0, st.st_dev != parentStat.st_dev { return true }
        return mountPoints().contains(path)
    }

    /// Field 5 of each line of /proc/self/mountinfo, octal escapes decoded.
    static func mountPoints() -> Set<String> {
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/mountinfo"),
              let data = try? handle.readToEnd() else { return [] }
        try? handle.close()
        var points: Set<String> = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.count > 4 else { continue }
            var bytes: [UInt8] = []
            var field = Array(fields[4])[...]
            while let b = field.popFirst() {
                if b == UInt8(ascii: "\\"), field.count >= 3,
                   let v = UInt8(String(decoding: field.prefix(3), as: UTF8.self), radix: 8) {
                    bytes.append(v)
                    field = field.dropFirst(3)
                } else {
                    bytes.append(b)
                }
            }
            points.insert(String(decoding: bytes, as: UTF8.self))
        }
        return points
    }
}
