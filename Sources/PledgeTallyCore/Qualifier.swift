/// How certain a pledged amount is, as the press phrased it.
///
/// The raw values are the names written in outputs (`up_to`, `at_least`…).
public enum Qualifier: String, Sendable, CaseIterable, Codable {
    /// A plain amount: "20 milliards d’euros".
    case exact
    /// A ceiling: "jusqu’à", "up to", "as much as". The total may shrink.
    case upTo = "up_to"
    /// A floor: "plus de", "more than", "at least". The total may grow.
    case atLeast = "at_least"
    /// An estimate: "environ", "about", "nearly".
    case approximately
    /// A first tranche: "initialement", "an initial". The total may grow.
    case initial
    /// "entre X et Y", "X to Y": `amount` is the high end, `amountLow` the low.
    case range
    /// No figure was given: "Non spécifié", "undisclosed", empty.
    case unspecified

    /// Which of two qualifiers wins when a phrase carries both (docs/amounts.md):
    /// range, then up_to / at_least / approximately, then initial, then exact.
    public var strength: Int {
        switch self {
        case .unspecified: return 4
        case .range: return 3
        case .upTo, .atLeast, .approximately: return 2
        case .initial: return 1
        case .exact: return 0
        }
    }

    /// The qualifiers whose amount is a ceiling: the total may shrink.
    public static let ceilings: [Qualifier] = [.upTo, .range]
    /// The qualifiers whose amount is a floor: the total may grow.
    public static let floors: [Qualifier] = [.atLeast, .initial]

    /// Pledges whose total may shrink: their amount is a ceiling.
    public var isCeiling: Bool { self == .upTo || self == .range }   // Self.ceilings, without a search per pledge
    /// Pledges whose total may grow: their amount is a floor.
    public var isFloor: Bool { self == .atLeast || self == .initial }   // Self.floors
}
