import CPledgeSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension OutputTransaction {
    /// Publishing into a mount point, which cannot be renamed: the files were
    /// staged inside it (`.pledgetally.partial-PID`, same file system), so
    /// each is renamed into place whole. First the run in the folder becomes
    /// `previous/` (built aside, then exchanged in); then every file but
    /// manifest.json; manifest.json last. Whoever sees the new manifest.json
    /// sees a complete set of new files; files of an older version's run that
    /// this one does not write are removed before it.
    func publishInPlace(_ files: [String], keepingPrevious: Bool) throws(RunError) {
        let manifest = OutputFileNames.manifest
        // The same run again keeps the previous/ it had.
        if !keepingPrevious && OutputFolder.isOurManifest(target + "/" + manifest) {
            try replacePrevious()
        }
        for file in files where file != manifest {
            guard rename(staging + "/" + file, target + "/" + file) == 0 else {
                throw RunError(.ioError, "\(target)/\(file): cannot replace: \(Self.errnoText())")
            }
        }
        for file in OutputFileNames.all.sorted() where !files.contains(file) && file != manifest
            && OutputFolder.fileKind(target + "/" + file) == S_IFREG {
            unlink(target + "/" + file)
        }
        if files.contains(manifest) {
            guard rename(staging + "/" + manifest, target + "/" + manifest) == 0 else {
                throw RunError(.ioError, "\(target)/\(manifest): cannot replace: \(Self.errnoText())")
            }
        }
        syncDirectory(target)
        removeOurs(staging, warnAs: nil)
    }

    /// `previous/` becomes a copy (hard links) of the run now in the folder.
    private func replacePrevious() throws(RunError) {
        let pid = getpid()
        let fresh = target + "/" + OutputFolder.internalPrefixes[1] + "\(pid)"
        let previous = target + "/" + OutputFileNames.previous
        try keepAsPrevious(from: target, into: fresh)
        guard OutputFolder.fileKind(previous) == S_IFDIR else {
            guard rename(fresh, previous) == 0 else {
                throw RunError(.ioError, "\(previous): cannot create: \(Self.errnoText())")
            }
            return
        }
        if pledge_exchange_paths(fresh, previous) == 0 {
            removeOurs(fresh, warnAs: previous)   // now the run before the previous one
            return
        }
        // No atomic exchange here (NFS): two renames.
        let old = target + "/" + OutputFolder.internalPrefixes[2] + "\(pid)"
        guard rename(previous, old) == 0 else {
            throw RunError(.ioError, "\(previous): cannot replace: \(Self.errnoText())")
        }
        guard rename(fresh, previous) == 0 else {
            let reason = Self.errnoText()
            _ = rename(old, previous)
            throw RunError(.ioError, "\(previous): cannot replace: \(reason)")
        }
        removeOurs(old, warnAs: previous)
    }
}
