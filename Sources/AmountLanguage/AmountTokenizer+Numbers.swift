import PledgeTallyCore

/// Numbers: digits with thousands separators and a decimal mark.
extension AmountTokenizer {

    /// Reads digits with thousands separators and a decimal mark; returns the end.
    /// `leadingMark`: the number starts with its decimal mark (".5").
    mutating func scanNumber(at start: Int, leadingMark: Bool) -> Int {
        let n = bytes.count
        var number = AmountNumber()
        var j = start
        var overflow = false
        func readGroup() -> Int {
            let groupStart = j
            while j < n, isDigit(bytes[j]) {
                if !overflow {
                    if let next = DecimalAmount.appendingDigit(number.mantissa, bytes[j] &- 48) {
                        number.mantissa = next
                    } else {
                        overflow = true
                    }
                }
                j += 1
            }
            return j - groupStart
        }
        if leadingMark {
            j += 1
            number.decimals = readGroup()
            if overflow { number.problem = .tooLarge }
            if number.decimals > DecimalAmount.maxScale && number.problem == .none { number.problem = .tooManyDecimals }
            tokens.append(AmountToken(kind: .number, start: Int32(start), end: Int32(j), number: number))
            return j
        }
        let firstDigit = bytes[j]
        let firstGroup = readGroup()
        var commas = 0, dots = 0, spaces = 0
        var commaGroupsOf3 = true, dotGroupsOf3 = true
        // Indian grouping ("1,05,600", "12,34,567"): groups of two, then the last of three.
        var commaGroupsOf2BeforeLast = true
        var lastCommaGroup = 0
        var lastMark: UInt8 = 0
        var lastGroup = 0
        while j < n {
            // A separator directly followed by a digit.
            var sepLength = 0
            var isSpace = false
            let c = bytes[j]
            if c == UInt8(ascii: ",") || c == UInt8(ascii: ".") {
                sepLength = 1
            } else if c == UInt8(ascii: " ") || c == UInt8(ascii: "'") {
                sepLength = 1
                isSpace = true
            } else if c == 0xC2, j + 1 < n, bytes[j + 1] == 0xA0 {
                sepLength = 2
                isSpace = true
            } else if c == 0xE2, j + 2 < n, bytes[j + 1] == 0x80,
                      bytes[j + 2] == 0xAF || bytes[j + 2] == 0x89 || bytes[j + 2] == 0x87 || bytes[j + 2] == 0x99 {
                sepLength = 3   // U+202F, U+2009, U+2007, ’ (Swiss thousands)
                isSpace = true
            }
            let k = j + sepLength
            guard sepLength > 0, k < n, isDigit(bytes[k]) else { break }
            if isSpace {
                // Thousands only: before any , or ., after a group of 1-3 digits, then exactly 3 digits.
                guard commas == 0, dots == 0, spaces > 0 || firstGroup <= 3,
                      k + 2 < n, isDigit(bytes[k + 1]), isDigit(bytes[k + 2]),
                      k + 3 == n || !isDigit(bytes[k + 3]) else { break }
                j = k
                _ = readGroup()
                spaces += 1
                continue
            }
            j = k
            let group = readGroup()
            if c == UInt8(ascii: ",") {
                commas += 1
                if group != 3 { commaGroupsOf3 = false }
                if commas > 1 && lastCommaGroup != 2 { commaGroupsOf2BeforeLast = false }
                lastCommaGroup = group
            } else {
                dots += 1
                if group != 3 { dotGroupsOf3 = false }
            }
            lastMark = c
            lastGroup = group
        }
        if overflow { number.problem = .tooLarge }
        // Indian grouping: at least two commas, the first group of one or two digits,
        // the commas' groups of two but the last of three, no space; a decimal point
        // may follow.
        let indian = commas >= 2 && spaces == 0 && firstGroup <= 2 && commaGroupsOf2BeforeLast
            && lastCommaGroup == 3 && (dots == 0 || (dots == 1 && lastMark == UInt8(ascii: ".")))
        if indian {
            number.decimals = dots == 1 ? lastGroup : 0
        } else if commas > 0 && dots > 0 {
            // Both marks: the last is the decimal mark, written once; the other groups thousands.
            let decimalIsComma = lastMark == UInt8(ascii: ",")
            let decimalCount = decimalIsComma ? commas : dots
            let thousandsOf3 = decimalIsComma ? dotGroupsOf3 : commaGroupsOf3
            if decimalCount != 1 || !thousandsOf3 || (spaces == 0 && firstGroup > 3) {
                number.problem = .malformed
            }
            number.decimals = lastGroup
        } else if commas + dots == 1 {
            if spaces > 0 {
                number.decimals = lastGroup
            } else if lastGroup == 3 && firstGroup <= 3 && !(firstGroup == 1 && firstDigit == UInt8(ascii: "0")) {
                number.ambiguousMark = lastMark
            } else {
                number.decimals = lastGroup
            }
        } else if commas + dots > 1 {
            // One mark, several times: thousands.
            if !(commaGroupsOf3 && dotGroupsOf3) || (spaces == 0 && firstGroup > 3) {
                number.problem = .malformed
            }
        } else {
            number.isPlainInteger = spaces == 0
            if spaces == 0 && firstGroup == 4 && !overflow && (1900...2199).contains(number.mantissa) {
                number.isYear = true
            }
        }
        if number.decimals > DecimalAmount.maxScale && number.problem == .none { number.problem = .tooManyDecimals }
        tokens.append(AmountToken(kind: .number, start: Int32(start), end: Int32(j), number: number))
        return j
    }

}
