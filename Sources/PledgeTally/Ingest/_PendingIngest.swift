// Stand-in until ingest lands.
public enum PledgeFileFormat: Sendable { case csv, tsv, markdown }
public struct PledgeFile: Sendable, Equatable { public var name: String; public var path: String; public var format: PledgeFileFormat }
public enum IngestEvent: Sendable { case record(RawRecord); case rejected(Rejection) }
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case folderMissing(path: String)
    case unexpectedFile(path: String)
    case unreadable(path: String, reason: String)
    public var description: String { "" }
}
public enum Ingest {
    public static func pledgeFiles(in folder: String) throws(IngestError) -> [PledgeFile] { [] }
    public static func read(_ file: PledgeFile, _ body: (IngestEvent) throws -> Void) throws {}
}
