import Foundation
import Ingest
import Normalise

/// What a run reads before the pledges: the list of pledge files, the
/// domain mapping and the ECB rates. Every problem here is fatal: exit 66
/// when something is missing or unreadable.
struct ReferenceData {
    var pledgeFiles: [PledgeFile]
    /// The pledge files' total size in bytes.
    var pledgeBytes: Int
    var domains: DomainMap
    var domainsFile: (path: String, sha256: String)
    var rates: RateTable

    static func load(inputFolder: String, say: Pipeline.Say) throws(RunError) -> ReferenceData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inputFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunError(.inputMissing, "\(inputFolder): input folder not found")
        }
        let files: [PledgeFile]
        do {
            files = try Ingest.pledgeFiles(in: inputFolder + "/pledges")
        } catch {
            throw RunError(error)
        }

        let domainsPath = inputFolder + "/domains.csv"
        guard FileManager.default.fileExists(atPath: domainsPath) else {
            throw RunError(.inputMissing, "\(domainsPath): the domain mapping is missing")
        }
        let domains: DomainMap
        do {
            domains = try DomainMap.load(path: domainsPath)
        } catch let e as IngestError {
            throw RunError(.inputMissing, e.description)
        } catch {
            throw RunError(.data, String(describing: error))
        }

        let ratesFolder = inputFolder + "/rates"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: ratesFolder) else {
            throw RunError(.inputMissing, "\(ratesFolder): rates folder not found")
        }
        let rateNames = entries.filter { $0.lowercased().hasSuffix(".csv") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !rateNames.isEmpty else {
            throw RunError(.inputMissing, "\(ratesFolder): no ECB rates file (eurofxref-hist.csv or eurofxref.csv)")
        }
        var contents: [ECBRateFile.Content] = []
        var sources: [(content: ECBRateFile.Content, skipped: [String: String])] = []
        var pegs: [RateSourceFile.Pegs] = []
        for name in rateNames {
            let path = ratesFolder + "/" + name
            do {
                let bytes = try readAll(path, missing: "rates file not found")
                switch RateSourceFile.kind(of: bytes) {
                case .ecb:
                    let content = try ECBRateFile.parse(bytes, path: "rates/" + name)
                    for warning in content.warnings { say("\(inputFolder)/\(warning)") }
                    contents.append(content)
                case .source:
                    let source = RateSourceFile.parseSource(bytes, path: "rates/" + name)
                    for warning in source.content.warnings { say("\(inputFolder)/\(warning)") }
                    sources.append(source)
                case .pegs:
                    let file = RateSourceFile.parsePegs(bytes, path: "rates/" + name)
                    for warning in file.warnings { say("\(inputFolder)/\(warning)") }
                    pegs.append(file)
                }
            } catch let problem as ECBRateFile.Problem {
                throw RunError(.data, "\(inputFolder)/\(problem)")
            } catch let error as RunError {
                throw error
            } catch {
                throw RunError(.inputMissing, "\(path): \(error)")
            }
        }
        guard !contents.isEmpty else {
            throw RunError(.inputMissing, "\(ratesFolder): no ECB rates file (eurofxref-hist.csv or eurofxref.csv)")
        }
        var rates = RateTable(files: contents)
        rates.addSources(sources)
        for file in pegs {
            for warning in rates.addPegs(file) { say("\(inputFolder)/\(warning)") }
        }
        let bytes = files.reduce(0) { total, file in
            total + ((try? InputFile.status(file.rawPath)).map { Int($0.st_size) } ?? 0)
        }
        return ReferenceData(pledgeFiles: files, pledgeBytes: bytes, domains: domains,
                             domainsFile: ("domains.csv", try digest(domainsPath)), rates: rates)
    }

    static func digest(_ path: String) throws(RunError) -> String {
        do throws(IngestError) { return try FileDigest.sha256(path: path) } catch { throw RunError(error) }
    }

    /// The bytes of a regular file. A folder, a named pipe (which would block
    /// until someone writes to it) or a device is refused (exit 66), as is a
    /// missing file or one that cannot be read.
    static func readAll(_ path: String, missing: String) throws(RunError) -> [UInt8] {
        do throws(InputFile.Failure) {
            return try InputFile.readAll(RawPath(path))
        } catch {
            switch error {
            case .cannotOpen(ENOENT): throw RunError(.inputMissing, "\(path): \(missing)")
            case .cannotOpen(let code): throw RunError(.inputMissing, "\(path): cannot read: \(String(cString: strerror(code)))")
            case .notRegular: throw RunError(.inputMissing, "\(path): not a regular file (a folder or a special file)")
            }
        }
    }
}

extension RunError {
    init(_ error: IngestError) {
        switch error {
        case .unexpectedFile: self.init(.data, error.description)
        default: self.init(.inputMissing, error.description)
        }
    }
}
