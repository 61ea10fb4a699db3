import Testing
@testable import PledgeTally
@testable import PledgeTallyCore

@Suite("Day")
struct DayTests {
    @Test("known ordinals", arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11017), ("2025-02-10", 20129),
    ] as [(String, Int32)])
    func ordinals(iso: String, ordinal: Int32) throws {
        let day = try #require(Day(iso: iso))
        #expect(day.ordinal == ordinal)
        #expect(day.description == iso)
    }

    @Test("impossible days are refused", arguments: ["2025-02-29", "2025-02-30", "2024-13-01", "2024-00-10", "2024-04-31", "20250210", "2025-2-10", "2025-02-1x"])
    func refusesImpossible(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func leapDays() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "1900-02-29") == nil)
    }

    @Test func roundTripsEveryDayOverThirtyYears() throws {
        let start = try #require(Day(iso: "1999-01-01"))
        for offset in 0..<(366 * 30) {
            let day = start.adding(days: offset)
            #expect(Day(iso: day.description) == day)
        }
    }
}
