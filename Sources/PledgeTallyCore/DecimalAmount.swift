/// An exact decimal number: an integer mantissa and a count of decimal places.
///
/// Money in pledgetally never passes through binary floating point. A value is
/// `mantissa / 10^scale`, with a 128-bit mantissa, which holds any amount up to
/// 10^20 units at 18 decimal places. Arithmetic that would leave that range
/// reports it (`nil` or a thrown `DecimalAmount.Overflow`) rather than wrapping.
///
/// Values are kept normalised (no trailing zero decimal places), so equal
/// numbers compare and hash equal whatever their written form.
public struct DecimalAmount: Hashable, Comparable, Sendable {
    /// The integer whose value, divided by 10^scale, is this number.
    public let mantissa: Int128
    /// The number of decimal places, 0 through `maxScale`.
    public let scale: Int

    /// The most decimal places a value may carry.
    public static let maxScale = 18
    /// Thrown when a result does not fit.
    public struct Overflow: Error, Equatable {}

    public static let zero = DecimalAmount(uncheckedMantissa: 0, scale: 0)

    /// Makes `mantissa / 10^scale`, normalised. `scale` must be in 0...maxScale.
    public init(mantissa: Int128, scale: Int = 0) {
        precondition((0...Self.maxScale).contains(scale), "scale out of range")
        var m = mantissa
        var s = scale
        while s > 0 && m % 10 == 0 {
            m /= 10
            s -= 1
        }
        self.mantissa = m
        self.scale = s
    }

    /// An amount already normalised (the parts of another `DecimalAmount`), rebuilt without the trailing-zero loop.
    package init(normalised mantissa: Int128, scale: Int) {
        assert((0...Self.maxScale).contains(scale) && (scale == 0 || mantissa % 10 != 0), "not normalised")
        self.init(uncheckedMantissa: mantissa, scale: scale)
    }

    private init(uncheckedMantissa: Int128, scale: Int) {
        self.mantissa = uncheckedMantissa
        self.scale = scale
    }

    /// Parses a plain decimal: an optional `-`, ASCII digits, optionally `.` and
    /// more digits. The whole text must match; anything else gives `nil`.
    public init?<S: StringProtocol>(plain text: S) {
        self.init(plainUTF8: text.utf8)
    }

    /// The same as `init(plain:)`, over UTF-8 bytes.
    ///
    /// Inlinable so that a caller in another module gets it specialised for
    /// its collection: unspecialised, every byte went through the
    /// collection's iterator (diff's report of 1M added pledges: 8 % of its instructions).
    @inlinable
    public init?<C: Collection>(plainUTF8 text: C) where C.Element == UInt8 {
        var mantissa: Int128 = 0
        var scale = 0
        var negative = false
        var seenDigit = false
        var seenPoint = false
        var first = true
        for byte in text {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "-") where first:
                negative = true
            case UInt8(ascii: "."):
                if seenPoint { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if seenPoint {
                    if scale == Self.maxScale { return nil }
                    scale += 1
                }
                guard let next = Self.appendingDigit(mantissa, byte - UInt8(ascii: "0")) else { return nil }
                mantissa = next
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        self.init(mantissa: negative ? -mantissa : mantissa, scale: scale)
    }

    /// `value * 10 + digit`, or `nil` when it would overflow.
    @inlinable @inline(__always)
    public static func appendingDigit(_ value: Int128, _ digit: UInt8) -> Int128? {
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        if o1 { return nil }
        let (sum, o2) = times10.addingReportingOverflow(Int128(digit))
        return o2 ? nil : sum
    }

    public var isNegative: Bool { mantissa < 0 }
    public var isZero: Bool { mantissa == 0 }

    /// 10^n for n in 0...38.
    @inline(__always)
    public static func powerOfTen(_ n: Int) -> Int128 {
        precondition(n >= 0 && n <= 38)
        return powersOfTen[n]
    }

    private static let powersOfTen: [Int128] = {
        var table: [Int128] = [1]
        for _ in 1...38 { table.append(table.last! * 10) }
        return table
    }()

    /// The mantissa of this value written with exactly `scale` places, or `nil`
    /// when that overflows. `scale` must be at least `self.scale`.
    @inline(__always)
    package func mantissa(atScale target: Int) -> Int128? {
        let (m, o) = mantissa.multipliedReportingOverflow(by: Self.powerOfTen(target - scale))
        return o ? nil : m
    }

    /// This value times 10^n (n may be negative, down to the scale limit).
    public func multiplied(byPowerOfTen n: Int) throws(Overflow) -> DecimalAmount {
        if n >= 0 {
            let shift = min(n, scale)
            let rest = n - shift
            guard rest <= 38 else { throw Overflow() }
            let (m, o) = mantissa.multipliedReportingOverflow(by: Self.powerOfTen(rest))
            if o { throw Overflow() }
            return DecimalAmount(mantissa: m, scale: scale - shift)
        }
        guard scale - n <= Self.maxScale else { throw Overflow() }
        return DecimalAmount(mantissa: mantissa, scale: scale - n)
    }

    /// The exact sum.
    public func adding(_ other: DecimalAmount) throws(Overflow) -> DecimalAmount {
        let s = max(scale, other.scale)
        guard let a = mantissa(atScale: s), let b = other.mantissa(atScale: s) else { throw Overflow() }
        let (sum, o) = a.addingReportingOverflow(b)
        if o { throw Overflow() }
        return DecimalAmount(mantissa: sum, scale: s)
    }

    /// The exact difference.
    public func subtracting(_ other: DecimalAmount) throws(Overflow) -> DecimalAmount {
        try adding(DecimalAmount(mantissa: -other.mantissa, scale: other.scale))
    }

    /// The exact product, when it fits in `maxScale` places.
    public func multiplied(by other: DecimalAmount) throws(Overflow) -> DecimalAmount {
        let (m, o) = mantissa.multipliedReportingOverflow(by: other.mantissa)
        if o { throw Overflow() }
        let s = scale + other.scale
        if s <= Self.maxScale { return DecimalAmount(mantissa: m, scale: s) }
        throw Overflow()
    }

    /// How a result with more places than wanted is cut.
    public enum Rounding: Sendable {
        /// To the nearest, ties to the even neighbour (banker's rounding).
        case halfEven
        /// Toward zero (truncation).
        case towardZero
    }

    /// `self * numerator / denominator`, computed exactly and rounded once
    /// (half to even unless told otherwise) to `places` decimal places.
    public func scaled(by numerator: DecimalAmount, over denominator: DecimalAmount, places: Int,
                       rounding: Rounding = .halfEven) throws(Overflow) -> DecimalAmount {
        // value = (m * n.m / d.m) * 10^(d.s - s - n.s); wanted: that times 10^places.
        precondition(!denominator.isZero, "division by zero")
        guard places >= 0, places <= Self.maxScale else { throw Overflow() }
        var num = mantissa
        var o = false
        (num, o) = num.multipliedReportingOverflow(by: numerator.mantissa)
        if o { throw Overflow() }
        var den = denominator.mantissa
        let exponent = denominator.scale + places - scale - numerator.scale
        if exponent >= 0 {
            guard exponent <= 38 else { throw Overflow() }
            (num, o) = num.multipliedReportingOverflow(by: Self.powerOfTen(exponent))
        } else {
            guard -exponent <= 38 else { throw Overflow() }
            (den, o) = den.multipliedReportingOverflow(by: Self.powerOfTen(-exponent))
        }
        if o { throw Overflow() }
        let q = rounding == .halfEven ? Self.divideHalfEven(num, den) : num / den
        return DecimalAmount(mantissa: q, scale: places)
    }

    /// The number of digits of the mantissa when written with `places` places.
    package func mantissaDigits(atScale places: Int) -> Int {
        guard let m = mantissa(atScale: max(places, scale)) else { return 39 }
        return DecimalAmount(mantissa: m, scale: 0).digitCount
    }

    /// This value rounded half to even to `places` decimal places.
    public func rounded(places: Int) -> DecimalAmount {
        if places >= scale { return self }
        let divisor = Self.powerOfTen(scale - places)
        return DecimalAmount(mantissa: Self.divideHalfEven(mantissa, divisor), scale: places)
    }

    /// `n / d` rounded half to even (banker's rounding).
    static func divideHalfEven(_ n: Int128, _ d: Int128) -> Int128 {
        var q = n / d
        let r = n % d
        if r == 0 { return q }
        let twiceR = r.magnitude.multipliedReportingOverflow(by: 2)
        let cmp: Int
        if twiceR.overflow {
            cmp = 1
        } else if twiceR.partialValue > d.magnitude {
            cmp = 1
        } else if twiceR.partialValue == d.magnitude {
            cmp = 0
        } else {
            cmp = -1
        }
        let away: Int128 = (n < 0) != (d < 0) ? -1 : 1
        if cmp > 0 || (cmp == 0 && q % 2 != 0) { q += away }
        return q
    }

    /// The number of significant digits of the mantissa.
    public var digitCount: Int {
        var m = mantissa.magnitude
        var count = 1
        while m >= 10 {
            m /= 10
            count += 1
        }
        return count
    }

    /// This value rounded half to even to `digits` significant digits.
    public func rounded(significantDigits digits: Int) -> DecimalAmount {
        let drop = digitCount - digits
        guard drop > 0 else { return self }
        let places = scale - drop
        if places >= 0 { return rounded(places: places) }
        let q = Self.divideHalfEven(mantissa, Self.powerOfTen(drop))
        return DecimalAmount(mantissa: q * Self.powerOfTen(drop), scale: 0)
    }

    public static func < (lhs: DecimalAmount, rhs: DecimalAmount) -> Bool {
        let s = max(lhs.scale, rhs.scale)
        if let a = lhs.mantissa(atScale: s), let b = rhs.mantissa(atScale: s) { return a < b }
        // Only reachable with mantissas near the limit: compare integer parts first.
        let ai = lhs.mantissa / powerOfTen(lhs.scale), bi = rhs.mantissa / powerOfTen(rhs.scale)
        if ai != bi { return ai < bi }
        return (lhs.subtractingIntegerPart(ai)) < (rhs.subtractingIntegerPart(bi))
    }

    private func subtractingIntegerPart(_ integer: Int128) -> DecimalAmount {
        DecimalAmount(mantissa: mantissa - integer * Self.powerOfTen(scale), scale: scale)
    }
}

extension DecimalAmount: CustomStringConvertible {
    /// The plain decimal text, without exponent or trailing zeros: `4844961240.31`.
    public var description: String { formatted(places: nil) }

    /// The plain decimal text with exactly `places` decimal places (rounded half
    /// to even if needed), or with the value's own places when `places` is nil.
    public func formatted(places: Int?) -> String {
        let value = places.map { rounded(places: $0) } ?? self
        let shown = places ?? value.scale
        var digits = Array(String(value.mantissa.magnitude).utf8)
        let padTo = shown - value.scale   // extra zeros to append
        if padTo > 0 { digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: padTo)) }
        if digits.count <= shown {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: shown - digits.count + 1), at: 0)
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + 2)
        if value.mantissa < 0 { out.append(UInt8(ascii: "-")) }
        let intCount = digits.count - shown
        out.append(contentsOf: digits[..<intCount])
        if shown > 0 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[intCount...])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `formatted(places:)` with a `,` between groups of three integer digits,
    /// for people (stderr, `diff`), never in files: `295,044,961,240.31`.
    public func grouped(places: Int?) -> String {
        var bytes = Array(formatted(places: places).utf8)
        let signs = bytes.first == UInt8(ascii: "-") ? 1 : 0
        var cut = (bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count) - 3
        while cut > signs {
            bytes.insert(UInt8(ascii: ","), at: cut)
            cut -= 3
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text with exactly `digits` significant digits, keeping trailing
    /// zeros (`1.000000000`, `0.9689922481`).
    public func formatted(significantDigits digits: Int) -> String {
        let r = rounded(significantDigits: digits)
        if r.isZero { return "0" }
        let places = max(0, r.scale + (digits - r.digitCount))
        return r.formatted(places: places)
    }
}

extension DecimalAmount: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(mantissa: Int128(value), scale: 0)
    }
}
