import PledgeTallyCore
import Normalise

/// The accepted pledges whose domain text no rule of domains.csv matched,
/// by text: how many and how much, for unclassified.csv and the Unclassified
/// sheet (largest first), so rules can be written for the texts that matter.
///
/// Bounded like ``DomainMap``'s list: the first `maxTexts` distinct texts are
/// tracked (a text over 1,000 bytes by its first 1,000 characters and "…");
/// pledges with a later new text are counted in ``untracked`` only.
public struct UnclassifiedTotals: Sendable {
    public static let maxTexts = DomainMap.maxUnclassified

    public struct Row: Sendable, Equatable {
        public var text: String
        public var pledges = 0
        public var total: DecimalAmount = .zero
    }

    private var byText: [String: Row] = [:]
    /// Unclassified pledges whose text came after the first `maxTexts` distinct ones.
    public private(set) var untracked = 0

    public init() {}

    public mutating func add(_ p: ConvertedPledge) throws(DecimalAmount.Overflow) {
        guard p.pledge.domain == DomainMap.unclassified else { return }
        let raw = p.pledge.domainText
        let text = raw.utf8.count <= 1_000 ? raw : String(String.UnicodeScalarView(raw.unicodeScalars.prefix(1_000))) + "…"
        if byText[text] == nil {
            if byText.count >= Self.maxTexts {
                untracked += 1
                return
            }
            byText[text] = Row(text: text)
        }
        byText[text]!.pledges += 1
        if let a = p.amountReported { byText[text]!.total = try byText[text]!.total.adding(a) }
    }

    public var count: Int { byText.count }

    /// By total descending, then pledges descending, then text (byte order).
    public var rows: [Row] {
        byText.values.sorted { a, b in
            if a.total != b.total { return a.total > b.total }
            if a.pledges != b.pledges { return a.pledges > b.pledges }
            return a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
        }
    }
}
