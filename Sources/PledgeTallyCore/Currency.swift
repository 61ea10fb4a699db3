/// A currency by its ISO 4217 code, with the decimal places of its minor unit
/// (2 for EUR, 0 for JPY, 3 for KWD): the one place that knows them.
///
/// A value type of a short string and a byte; building one looks the code up
/// once, so a pledge carries its minor unit without another lookup.
/// Equality, hashing and order are the code's.
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The ISO 4217 code in capitals ("EUR").
    public let code: String
    @usableFromInline let digits: UInt8

    public init(_ code: String) {
        self.code = code
        digits = Self.zeroDecimal.contains(code) ? 0 : (Self.threeDecimal.contains(code) ? 3 : 2)
    }

    public init(stringLiteral code: String) { self.init(code) }

    /// The euro, through which every rate is quoted.
    public static let euro = Currency("EUR")

    /// Decimal places of the minor unit. Currencies not listed below have 2.
    @inlinable public var minorDigits: Int { Int(digits) }

    public var description: String { code }

    public static func == (a: Currency, b: Currency) -> Bool { a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
    public static func < (a: Currency, b: Currency) -> Bool { a.code < b.code }

    /// ISO 4217 currencies without a minor unit (among those the ECB publishes
    /// or has published, and a few more).
    static let zeroDecimal: Set<String> = [
        "JPY", "KRW", "ISK", "CLP", "VND", "XAF", "XOF", "XPF", "PYG", "UGX", "RWF", "KMF", "GNF", "DJF", "VUV", "BIF",
    ]
    /// ISO 4217 currencies with three decimal places.
    static let threeDecimal: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
}
