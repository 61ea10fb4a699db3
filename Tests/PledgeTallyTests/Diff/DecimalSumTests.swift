import Testing
import PledgeTallyCore
@testable import RunCompare

/// The exact Σ by scale (DecimalSum.swift) against adding DecimalAmounts one by one.
@Suite("Decimal sum by scale")
struct DecimalSumTests {
    @Test func equalsTheSumOfTheAmounts() throws {
        var g = SplitMix64(seed: 17)
        var sum = DecimalSum()
        var expected = DecimalAmount.zero
        for i in 0..<5_000 {
            let m = Int128(Int64(bitPattern: g.next())) / Int128(1 + g.next() % 1000), scale = Int(g.next() % 4)
            if i % 7 == 0 {
                let a = DecimalAmount(mantissa: m, scale: scale)
                try sum.add(a)
                expected = try expected.adding(a)
            } else {
                try sum.add(m, scale: scale)
                expected = try expected.adding(DecimalAmount(mantissa: m, scale: scale))
            }
        }
        #expect(try sum.total() == expected)
    }

    /// Mantissas whose 128-bit sum overflows are folded, not lost: 9·10^37
    /// at 18 places twice overflows 128 bits, yet is 1.8·10^20 exactly.
    @Test func anOverflowingScaleIsFolded() throws {
        var sum = DecimalSum()
        let big = 9 * DecimalAmount.powerOfTen(37)
        try sum.add(big, scale: 18)
        try sum.add(big, scale: 18)
        try sum.add(-1, scale: 0)
        #expect(try sum.total() == DecimalAmount(mantissa: 18 * DecimalAmount.powerOfTen(19) - 1))
    }
}
