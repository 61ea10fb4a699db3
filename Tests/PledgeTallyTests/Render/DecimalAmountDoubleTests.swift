import Foundation
import Testing
@testable import PledgeTally
@testable import PledgeTallyCore
@testable import Render

@Suite("DecimalAmount to Double")
struct DecimalAmountDoubleTests {
    /// strtod (Swift's `Double(String)`) is correctly rounded: the reference.
    static func reference(_ a: DecimalAmount) -> Double { Double(a.description)! }

    @Test(arguments: [
        "0", "0.1", "0.01", "4844961240.31", "295044961240.31", "20000000000.00", "-12.345", "0.000000000000000001",
        "1.032", "0.9689922481", "99999999999999.99", "9007199254740991", "9007199254740993", "123456789012345678.9",
        "12345678901234567890.12", "0.30000000000000004", "100000000000000000000",
    ])
    func matchesTheCorrectlyRoundedDouble(_ text: String) {
        let a = DecimalAmount(plain: text)!
        #expect(a.nearestDouble == Self.reference(a), "\(text)")
    }

    @Test func theDivisionPathIsCorrectlyRoundedOnManyValues() {
        // A fixed pseudo-random sequence: mantissas below and above 2^53, every scale.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        for _ in 0..<20_000 {
            let bits = Int(next() % 64) + 1
            let mantissa = Int128(next() >> UInt64(64 - bits))
            let scale = Int(next() % UInt64(DecimalAmount.maxScale + 1))
            let a = DecimalAmount(mantissa: next() & 1 == 0 ? mantissa : -mantissa, scale: scale)
            #expect(a.nearestDouble == Self.reference(a), "\(a)")
        }
    }

    @Test func xlsxPrintsTheCentsBack() {
        // What the workbook stores is printed from the double: for figures of up to
        // 15 significant digits the shortest round-trip text is the decimal itself.
        for text in ["4844961240.31", "295044961240.31", "12345.67", "0.01", "999999999999.99"] {
            #expect("\(DecimalAmount(plain: text)!.nearestDouble)" == text)
        }
    }
}
