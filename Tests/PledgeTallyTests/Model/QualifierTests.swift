import PledgeTallyCore
import Testing

@Suite("Qualifier")
struct QualifierTests {
    /// The sets the Summary's formulas count and the membership the totals use
    /// are one rule: up_to and range are ceilings, at_least and initial floors.
    @Test func ceilingAndFloorSetsAreTheMembership() {
        for q in Qualifier.allCases {
            #expect(q.isCeiling == Qualifier.ceilings.contains(q), "\(q)")
            #expect(q.isFloor == Qualifier.floors.contains(q), "\(q)")
        }
        #expect(Set(Qualifier.ceilings.map(\.rawValue)) == ["up_to", "range"])
        #expect(Set(Qualifier.floors.map(\.rawValue)) == ["at_least", "initial"])
    }
}
