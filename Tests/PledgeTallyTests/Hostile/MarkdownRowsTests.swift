import Foundation
import Testing

/// Markdown pledge files whose rows used to vanish: a blank line inside a
/// table, a delimiter row typed with — or –, a table in a blockquote, a list
/// line of pipes, a row ending `||` then CR CR LF. Every pipe row is a pledge
/// or a rejection naming its line.
@Suite("Hostile: Markdown rows", .serialized)
final class MarkdownRowsTests {
    static let text = """
    # Pledges

    | Investor | Amount | Domain |
    |—|—|—|
    | A | 1 M€ | cloud |

    | B | 2 M€ | cloud |
    - | F | 10 M€ | energy |

    > | Investor | Amount | Domain |
    > |–|–|–|
    > | C | 3 M€ | cloud |
    >
    > | D | 4 M€ | cloud |
    Some text.
    | G | 5 M€ | cloud |
    Investor | Amount | Note | Domain
    ---|---|---|---
    E | 6 M€ ||\r\r
    """

    let dir: TemporaryDirectory
    let result: Command.Result

    init() throws {
        dir = try TemporaryDirectory()
        let input = try Hostile.input(dir, text: ["rows.md": Self.text])
        result = try Hostile.run(input, dir)
    }

    @Test func everyPipeRowIsAPledgeOrARejectionAtItsLine() throws {
        #expect(result.status == 0, "\(result.stderr)")
        let counts = try Hostile.checkCounts(dir.path("Out"))
        let pledges = try Hostile.rows(dir.path("Out/pledges.csv")).filter { $0[0] == "rows.md" }
        #expect(pledges.map { $0[1] } == ["5", "7", "12", "14"], "\(pledges)")
        #expect(pledges.map { $0[2] } == ["A", "B", "C", "D"])
        let rejected = try Hostile.rows(dir.path("Out/rejected.csv")).filter { $0[0] == "rows.md" }
        #expect(rejected.map { $0[1] } == ["8", "16", "19"], "\(rejected)")
        #expect(rejected.first { $0[1] == "16" }?.last?.hasPrefix("pipe row outside a table with a header") == true)
        // Line 19 has 3 cells (its CRs end the line; they are not a fourth cell holding "\r").
        #expect(rejected.first { $0[1] == "19" }?.last == "expected 4 cells as in the table’s header, found 3")
        #expect(!(try Command.read(dir.path("Out/pledges.csv"))).contains("\r"))
        #expect(counts["pledges/rows.md"] == .init(records: 7, accepted: 4, rejected: 3))
    }
}
