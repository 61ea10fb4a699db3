import PledgeTallyCore

/// The fields a pledge file's header can name, with their names in English
/// and French.
enum PledgeField: CaseIterable {
    case investor, amount, domain, date, currency, sourceURL, notes

    /// Folded header names (see `TextFolding.fold`) that mean this field;
    /// for the optional source and notes columns, by precedence when a
    /// header names one twice (`Source URL` before `Source`).
    var names: [String] {
        switch self {
        case .investor: return ["investor", "investisseur"]
        case .amount: return ["amount", "montant", "montant de l'investissement"]
        case .domain: return ["domain", "domaine", "domaine d'interet"]
        case .date: return ["date"]
        case .currency: return ["currency", "devise"]
        case .sourceURL: return ["source_url", "source url", "url", "lien", "source"]
        case .notes: return ["notes", "remarques", "note", "remarque"]
        }
    }

    var isRequired: Bool {
        switch self {
        case .investor, .amount, .domain: return true
        case .date, .currency, .sourceURL, .notes: return false
        }
    }

    /// Whether a second column naming this field is merely not used, rather
    /// than an error: the columns an analyst adds.
    var isExtra: Bool { self == .sourceURL || self == .notes }

    /// How a message names the column: "‘amount’ (or montant)".
    var displayName: String {
        switch self {
        case .investor: return "‘investor’ (or investisseur)"
        case .amount: return "‘amount’ (or montant)"
        case .domain: return "‘domain’ (or domaine)"
        case .date: return "‘date’"
        case .currency: return "‘currency’ (or devise)"
        case .sourceURL: return "‘source’ (or url, lien)"
        case .notes: return "‘notes’ (or remarques)"
        }
    }

    /// The field a header cell names, if any: case-, accent-, apostrophe- and
    /// space-insensitive.
    init?(header: String) {
        let folded = TextFolding.fold(header)
        guard let field = PledgeField.allCases.first(where: { $0.names.contains(folded) }) else { return nil }
        self = field
    }
}

/// Which cell of a record holds each field, found from the header by name.
///
/// Columns naming no field are ignored, but count: every record must have as
/// many cells as the header.
struct ColumnMapping: Equatable {
    var investor: Int
    var amount: Int
    var domain: Int
    var date: Int?
    var currency: Int?
    /// The optional link to where the pledge was read, and free notes.
    var sourceURL: Int?
    var notes: Int?
    /// The number of cells in the header.
    var columnCount: Int
    /// The header cells (as written, not empty) naming no field, or naming
    /// an added column a second time: said once, never read.
    var unused: [String] = []

    /// The mapping for a header's cells (as written), or a sentence saying
    /// which columns are missing or named twice.
    static func match(_ header: [String]) -> Result<ColumnMapping, HeaderProblem> {
        var found: [PledgeField: Int] = [:]
        var problems: [String] = []
        var unused: [(column: Int, name: String)] = []
        for (index, cell) in header.enumerated() {
            guard let field = PledgeField(header: cell) else {
                if !TextFolding.fold(cell).isEmpty { unused.append((index, cell)) }
                continue
            }
            if field.isExtra, let first = found[field] {
                // Two source (or notes) columns: the one whose name comes first in `names` is read.
                let rank = { (name: String) in field.names.firstIndex(of: TextFolding.fold(name)) ?? .max }
                if rank(cell) < rank(header[first]) {
                    unused.append((first, header[first]))
                    found[field] = index
                } else {
                    unused.append((index, cell))
                }
            } else if let first = found[field] {
                problems.append("columns ‘\(header[first])’ (column \(first + 1)) and ‘\(cell)’ (column \(index + 1)) both name the \(field)")
            } else {
                found[field] = index
            }
        }
        let missing = PledgeField.allCases.filter { $0.isRequired && found[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map(\.displayName)
            if names.count == 1 {
                problems.append("missing column \(names[0])")
            } else {
                problems.append("missing columns \(names.dropLast().joined(separator: ", ")) and \(names.last!)")
            }
        }
        guard problems.isEmpty,
              let investor = found[.investor], let amount = found[.amount], let domain = found[.domain]
        else { return .failure(HeaderProblem(reason: problems.joined(separator: "; "))) }
        return .success(ColumnMapping(
            investor: investor, amount: amount, domain: domain,
            date: found[.date], currency: found[.currency], sourceURL: found[.sourceURL], notes: found[.notes],
            columnCount: header.count, unused: unused.sorted { $0.column < $1.column }.map(\.name)))
    }
}

extension ColumnMapping {
    /// The line that says a header column is not read.
    static func unusedNote(source: String, column: String) -> String {
        "\(source): column ‘\(column)’ is not used"
    }

    /// One note per unused column name.
    func unusedNotes(source: String) -> [IngestEvent] {
        var said: Set<String> = []
        return unused.filter { said.insert($0).inserted }.map { .note(Self.unusedNote(source: source, column: $0)) }
    }
}

/// Why a header cannot be used.
struct HeaderProblem: Error, Equatable {
    var reason: String
}
