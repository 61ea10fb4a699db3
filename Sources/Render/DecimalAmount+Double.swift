import PledgeTallyCore

/// The one place where pledgetally's money becomes binary floating point.
///
/// xlsx stores every number as an IEEE double (printed as decimal text), so the
/// workbook cannot hold `DecimalAmount` itself. Everything upstream — parsing,
/// conversion, totals, CSV — stays exact; render converts each value here, once,
/// to the double nearest to it. Nothing ever turns a `Double` back into a
/// `DecimalAmount`, and no arithmetic is done on these doubles.
extension DecimalAmount {
    /// The double nearest to this value (correctly rounded, ties to even).
    ///
    /// When the mantissa has at most 53 bits and the scale is at most 22, both
    /// `mantissa` and `10^scale` are exact doubles and one IEEE division rounds
    /// the exact quotient once, which is correct rounding. Otherwise the
    /// decimal text goes through `strtod` (Swift's `Double(String)`), which is
    /// also correctly rounded.
    var nearestDouble: Double {
        if mantissa.magnitude < (1 << 53) && scale <= 22 {
            // Through Int64: converting the Int128 itself takes the generic
            // integer-to-float path (2 s of the workbook's thread at 1M
            // pledges, perf); below 2^53 both give the same exact double.
            return Double(Int64(truncatingIfNeeded: mantissa)) / Self.exactPowersOfTen[scale]
        }
        // `description` is plain decimal text ("-12.345"), always parseable.
        return Double(description)!
    }

    /// 10^0 ... 10^22: every one an exact double.
    private static let exactPowersOfTen: [Double] = {
        var table: [Double] = [1]
        for _ in 1...22 { table.append(table.last! * 10) }
        return table
    }()
}
