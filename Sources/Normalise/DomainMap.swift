import PledgeTallyCore
import Ingest

/// Maps the domain text of a pledge to a canonical domain (docs/input.md).
///
/// Each rule's `match` is compared with the folded domain text as a
/// substring of whole characters (case, accents and apostrophes ignored), in
/// file order; the first match wins; no match gives `DomainMap.unclassified`.
/// All rules are looked for in one pass over the text (``DomainMatcher``), so
/// the work grows with the text's length, not with length × rule length.
/// Results are cached per distinct text, since large inputs repeat the same
/// few texts.
public struct DomainMap: Sendable {
    public struct Rule: Sendable, Equatable {
        public var match: String
        public var domain: String
        public init(match: String, domain: String) {
            self.match = match
            self.domain = domain
        }
    }

    public static let unclassified = "Unclassified"

    public let rules: [Rule]
    private let matcher: DomainMatcher
    private var cache = TextMemo<String>(maxEntries: DomainMap.maxCached)
    /// Domain texts that matched no rule, in the order first seen; at most
    /// `maxUnclassified` of them.
    public private(set) var unclassifiedTexts: [String] = []
    private var listed: Set<String> = []
    /// True when more distinct texts matched no rule than are listed.
    public private(set) var unclassifiedOverflow = false

    /// Memory stays bounded whatever the input: distinct texts are cached,
    /// and listed as unclassified, only up to these counts (a file of junk
    /// can have a different domain text on every line).
    public static let maxCached = 100_000
    public static let maxUnclassified = 10_000

    public init(rules: [Rule]) {
        self.rules = rules
        self.matcher = DomainMatcher(matches: rules.map { TextFolding.fold($0.match) })
    }

    /// The canonical domain of `text`.
    public mutating func domain(for text: String) -> String {
        if let hit = cache[text] { return hit }
        let result = matcher.firstMatch(in: TextFolding.fold(text)).map { rules[$0].domain } ?? Self.unclassified
        if result == Self.unclassified {
            // A text of a megabyte is listed by its first 1,000 characters.
            let shown = text.utf8.count <= 1_000 ? text
                : String(String.UnicodeScalarView(text.unicodeScalars.prefix(1_000))) + "…"
            if !listed.contains(shown) {
                if unclassifiedTexts.count < Self.maxUnclassified {
                    unclassifiedTexts.append(shown)
                    listed.insert(shown)
                } else {
                    unclassifiedOverflow = true
                }
            }
        }
        cache.remember(result, for: text)
        return result
    }
}

extension DomainMap {
    /// Reads domains.csv (`match,domain`; other columns are ignored).
    /// Throws an `IngestError` when the file cannot be read, a
    /// `CSVTable.Problem` when its contents are not a domain mapping.
    package static func load(path: String) throws -> DomainMap {
        let table = try CSVTable.read(path: path)
        guard let m = table.column("match"), let d = table.column("domain", "domaine") else {
            throw CSVTable.Problem(path: path, line: 1, reason: "the header must name the columns ‘match’ and ‘domain’")
        }
        var rules: [Rule] = []
        for row in table.rows {
            let match = row.cells[m].trimmingSpaces(), domain = row.cells[d].trimmingSpaces()
            guard !match.isEmpty, !domain.isEmpty else {
                throw CSVTable.Problem(path: path, line: row.line, reason: "a rule needs both a match and a domain")
            }
            rules.append(Rule(match: match, domain: domain))
        }
        return DomainMap(rules: rules)
    }
}
