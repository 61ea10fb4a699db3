extension Ingest {
    /// Whether `test` holds for the file's bytes, read in chunks (memory stays
    /// flat); each chunk starts with the last `overlap` bytes of the one
    /// before, so a pattern of up to `overlap + 1` bytes is never cut. For
    /// `.xlsx`, the bytes of its decompressed XML parts (shared strings,
    /// sheets). What is looked for is the caller's (``SlashDates`` looks for
    /// `/NN/`); false for a workbook that cannot be read: the reading itself
    /// says why.
    public static func bytes(of file: PledgeFile, hold test: (UnsafeRawBufferPointer) -> Bool, overlap: Int) throws -> Bool {
        if file.format == .xlsx {
            let archive: XlsxArchive
            do { archive = try XlsxArchive(path: file.rawPath) } catch { return false }
            for part in archive.paths where part.hasPrefix("xl/") && part.hasSuffix(".xml") {
                do {
                    if try archive.part(part, holds: test, overlap: overlap) { return true }
                } catch is XlsxProblem {
                    return false
                }
            }
            return false
        }
        let source = try ChunkedFile(path: file.rawPath, chunkSize: chunkSize, maxCapacity: 2 * chunkSize)
        while try source.refill(keepingFrom: max(0, source.count - overlap)) {
            if test(UnsafeRawBufferPointer(start: source.bytes, count: source.count)) { return true }
        }
        return false
    }
}
