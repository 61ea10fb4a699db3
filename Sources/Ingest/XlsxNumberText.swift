import PledgeTallyCore

/// A number cell's value, read exactly from its XML text (`1500000`,
/// `0.30000000000000004`, `1.2345678901234568E+18`): never through a Double.
///
/// Excel shows at most 15 significant digits; a value written with more is
/// rounded to 15 (half away from zero), as Excel shows it, so `0.1+0.2`
/// saved as `0.30000000000000004` reads `0.3`.
struct XlsxNumberText: Equatable {
    var negative: Bool
    /// Significant digits, no leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// The value is `0.digits × 10^exponent`.
    var exponent: Int

    static let maxDigits = 15

    /// Parses `[-+]digits[.digits][E[-+]digits]`; nil for anything else or
    /// for a magnitude beyond a Double's (10^±330).
    init?(_ text: some StringProtocol) {
        let b = Array(text.utf8)
        var i = 0
        negative = false
        if i < b.count && (b[i] == 0x2D || b[i] == 0x2B) { negative = b[i] == 0x2D; i += 1 }
        var all: [UInt8] = []
        var pointAt: Int?
        var sawDigit = false
        while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                all.append(c - 0x30)
                sawDigit = true
            } else if c == 0x2E && pointAt == nil {
                pointAt = all.count
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        var power = 0
        if i < b.count && (b[i] == 0x45 || b[i] == 0x65) {
            i += 1
            var expNegative = false
            if i < b.count && (b[i] == 0x2D || b[i] == 0x2B) { expNegative = b[i] == 0x2D; i += 1 }
            var sawExponent = false
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                if power < 100_000 { power = power * 10 + Int(b[i] - 0x30) }
                sawExponent = true
                i += 1
            }
            guard sawExponent else { return nil }
            if expNegative { power = -power }
        }
        guard i == b.count else { return nil }
        // value = 0.all × 10^(integerDigits + power)
        var exponent = (pointAt ?? all.count) + power
        var first = 0
        while first < all.count && all[first] == 0 { first += 1; exponent -= 1 }
        var significant = Array(all[first...])
        while significant.last == 0 { significant.removeLast() }
        if significant.isEmpty { exponent = 0 }
        guard significant.isEmpty || (-330...330).contains(exponent) else { return nil }
        digits = significant
        self.exponent = exponent
        roundToShownDigits()
    }

    private mutating func roundToShownDigits() {
        guard digits.count > Self.maxDigits else { return }
        let roundUp = digits[Self.maxDigits] >= 5
        digits.removeLast(digits.count - Self.maxDigits)
        if roundUp {
            var k = digits.count - 1
            while k >= 0 {
                if digits[k] == 9 { digits[k] = 0; k -= 1 } else { digits[k] += 1; break }
            }
            if k < 0 { digits.insert(1, at: 0); exponent += 1; digits.removeLast() }
        }
        while digits.last == 0 { digits.removeLast() }
    }

    var isZero: Bool { digits.isEmpty }

    /// Plain decimal text, no exponent: `1500000`, `-0.25`, `0`.
    var text: String {
        if digits.isEmpty { return "0" }
        var out: [UInt8] = negative ? [0x2D] : []
        if exponent <= 0 {
            out += [0x30, 0x2E] + Array(repeating: 0x30, count: -exponent) + digits.map { $0 + 0x30 }
        } else if exponent >= digits.count {
            out += digits.map { $0 + 0x30 } + Array(repeating: 0x30, count: exponent - digits.count)
        } else {
            out += digits[..<exponent].map { $0 + 0x30 } + [0x2E] + digits[exponent...].map { $0 + 0x30 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The whole part, when it fits an Int (date serials).
    var integerPart: Int? {
        if digits.isEmpty || exponent <= 0 { return 0 }
        guard exponent <= 15 else { return nil }
        var value = 0
        for k in 0..<exponent { value = value * 10 + Int(k < digits.count ? digits[k] : 0) }
        return negative ? -value : value
    }

    /// The day a date serial names, in the 1900 or the 1904 date system; the
    /// time of day is dropped. Nil, with a reason, for serials Excel cannot
    /// show as a date: negative ones, 0 in 1900 (shown as 1900-01-00), 60 in
    /// 1900 (Excel's 29 February 1900, a day that never was), past 9999.
    func day(date1904: Bool) -> Result<Day, XlsxProblem> {
        guard let serial = integerPart, !negative, serial < 2_958_466 else {
            return .failure(XlsxProblem("the date serial \(text) is outside the days Excel shows"))
        }
        if date1904 { return .success(Day(year: 1904, month: 1, day: 1)!.adding(days: serial)) }
        if serial == 0 {
            return .failure(XlsxProblem("the date serial 0 is Excel’s 1900-01-00, not a day"))
        }
        if serial == 60 {
            return .failure(XlsxProblem("the date serial 60 is Excel’s 1900-02-29, a day that never was"))
        }
        // Excel counts 1900 as a leap year: from 1 March 1900 on, serial 61 is day 61 after 1899-12-30.
        let base = serial < 60 ? Day(year: 1899, month: 12, day: 31)! : Day(year: 1899, month: 12, day: 30)!
        return .success(base.adding(days: serial))
    }
}
