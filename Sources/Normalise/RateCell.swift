import PledgeTallyCore

/// One rate as a rates file writes it: a plain positive decimal, or why it
/// cannot be used. Rates are exact decimals (`DecimalAmount`: at most 18
/// decimal places, 38 digits); nothing is rounded or read as a double, so
/// `1e0`, a rate with more digits than that, or one that would round to
/// zero is refused with a reason rather than read approximately.
enum RateCell {
    static func read(_ cell: some Collection<UInt8>) -> Result<DecimalAmount, Refusal> {
        if let rate = DecimalAmount(plainUTF8: cell) {
            return rate > .zero ? .success(rate) : .failure(.notPositive)
        }
        let bytes = Array(cell)
        let isDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) }
        let plain = !bytes.isEmpty && bytes.allSatisfy { isDigit($0) || $0 == 0x2E }
            && bytes.filter { $0 == 0x2E }.count <= 1 && bytes.contains(where: isDigit)
        if plain {
            // Digits that do not fit: all zero up to the 18th decimal place
            // means the rate rounds to zero there.
            let point = bytes.firstIndex(of: 0x2E) ?? bytes.count
            let kept = bytes[..<point] + bytes[min(point + 1, bytes.count)..<min(point + 1 + DecimalAmount.maxScale, bytes.count)]
            return .failure(kept.allSatisfy { $0 == 0x30 } ? .roundsToZero : .tooManyDigits)
        }
        let exponent = bytes.contains { $0 == 0x65 || $0 == 0x45 } && bytes.contains(where: isDigit)
            && bytes.allSatisfy { isDigit($0) || [0x2E, 0x65, 0x45, 0x2B, 0x2D].contains($0) }
        return .failure(exponent ? .exponent : .notANumber)
    }

    /// Why a rate cell was not used, as the end of a sentence that reads
    /// after "skipped:" and after "‘1e0’ is".
    enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case notANumber, notPositive, exponent, tooManyDigits, roundsToZero

        var description: String {
            switch self {
            case .notANumber: "not a number"
            case .notPositive: "not a positive number"
            case .exponent: "written with an exponent; write it as a plain decimal (1e0 is 1)"
            case .tooManyDigits:
                "longer than an exact decimal holds (at most \(DecimalAmount.maxScale) decimal places and 38 digits in all)"
            case .roundsToZero: "so small it rounds to zero at \(DecimalAmount.maxScale) decimal places"
            }
        }
    }
}
