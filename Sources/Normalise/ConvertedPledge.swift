import PledgeTallyCore

/// A pledge with its amount in the reporting currency.
public struct ConvertedPledge: Sendable, Equatable {
    public var pledge: Pledge
    /// q_rep / q_orig as an exact fraction; nil for an unspecified pledge.
    public var rate: ExchangeRate?
    /// The amount in the reporting currency, rounded once, half to even, to
    /// its minor unit; nil for an unspecified pledge.
    public var amountReported: DecimalAmount?
}

/// Units of the reporting currency per unit of the pledge's currency, kept
/// as the exact fraction of two ECB rates (q_rep / q_orig).
public struct ExchangeRate: Sendable, Equatable {
    public var reportingPerEuro: DecimalAmount
    public var originalPerEuro: DecimalAmount
    /// The ECB publication day used; nil when no ECB rate was needed
    /// (a pledge already in the reporting currency).
    public var day: Day?
    /// The rate rounded to 10 significant digits, the value pledges.csv and
    /// the workbook show.
    public let shown: DecimalAmount
    /// `shown` as text, trailing zeros kept: `0.9689922481`, `1.000000000`.
    public let text: String
    /// Where the rates come from: `ECB`, another source's path, or a peg
    /// (pledges.csv's `rate_source`); empty when no rate was needed.
    public var source: String

    public init(reportingPerEuro: DecimalAmount, originalPerEuro: DecimalAmount, day: Day?, source: String = "") {
        self.reportingPerEuro = reportingPerEuro
        self.originalPerEuro = originalPerEuro
        self.day = day
        self.source = source
        self.shown = Self.rounded(reportingPerEuro, over: originalPerEuro, significantDigits: 10)
        self.text = shown.formatted(significantDigits: 10)
    }

    /// A pledge already in the reporting currency.
    public static let identity = ExchangeRate(reportingPerEuro: 1, originalPerEuro: 1, day: nil)

    /// The rate with `digits` significant digits (half to even, rounded once),
    /// trailing zeros kept: `0.9689922481`, `1.000000000`.
    public func formatted(significantDigits digits: Int = 10) -> String {
        Self.rounded(reportingPerEuro, over: originalPerEuro, significantDigits: digits).formatted(significantDigits: digits)
    }

    /// q_rep / q_orig rounded once, half to even, to `digits` significant digits.
    static func rounded(_ reportingPerEuro: DecimalAmount, over originalPerEuro: DecimalAmount, significantDigits digits: Int) -> DecimalAmount {
        // Find the fewest places at which the quotient has `digits` digits,
        // then round the exact quotient there once.
        var places = 0
        while places < DecimalAmount.maxScale {
            guard let truncated = try? DecimalAmount(mantissa: 1).scaled(by: reportingPerEuro, over: originalPerEuro, places: places, rounding: .towardZero)
            else { break }
            if truncated.mantissaDigits(atScale: places) >= digits { break }
            places += 1
        }
        let value = (try? DecimalAmount(mantissa: 1).scaled(by: reportingPerEuro, over: originalPerEuro, places: places)) ?? .zero
        return value.rounded(significantDigits: digits)
    }
}
