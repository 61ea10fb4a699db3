import PledgeTallyCore

/// The fields a pledge file's header can name, with their names in English
/// and French.
enum PledgeField: CaseIterable {
    case investor, amount, domain, date, currency

    /// Folded header names (see `TextFolding.fold`) that mean this field.
    var names: [String] {
        switch self {
        case .investor: return ["investor", "investisseur"]
        case .amount: return ["amount", "montant", "montant de l'investissement"]
        case .domain: return ["domain", "domaine", "domaine d'interet"]
        case .date: return ["date"]
        case .currency: return ["currency", "devise"]
        }
    }

    var isRequired: Bool {
        switch self {
        case .investor, .amount, .domain: return true
        case .date, .currency: return false
        }
    }

    /// How a message names the column: "‘amount’ (or montant)".
    var displayName: String {
        switch self {
        case .investor: return "‘investor’ (or investisseur)"
        case .amount: return "‘amount’ (or montant)"
        case .domain: return "‘domain’ (or domaine)"
        case .date: return "‘date’"
        case .currency: return "‘currency’ (or devise)"
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
    /// The number of cells in the header.
    var columnCount: Int

    /// The mapping for a header's cells (as written), or a sentence saying
    /// which columns are missing or named twice.
    static func match(_ header: [String]) -> Result<ColumnMapping, HeaderProblem> {
        var found: [PledgeField: Int] = [:]
        var problems: [String] = []
        for (index, cell) in header.enumerated() {
            guard let field = PledgeField(header: cell) else { continue }
            if let first = found[field] {
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
            date: found[.date], currency: found[.currency], columnCount: header.count))
    }
}

/// Why a header cannot be used.
struct HeaderProblem: Error, Equatable {
    var reason: String
}
