import Testing
@testable import PledgeTallyCore

@Suite("TextMemo")
struct TextMemoTests {
    @Test func remembersUpToItsBounds() {
        var memo = TextMemo<Int>(maxEntries: 2, maxKeyBytes: 4)
        memo.remember(1, for: "a")
        memo.remember(2, for: "é")        // two bytes
        memo.remember(3, for: "c")        // full: not remembered
        #expect(memo["a"] == 1 && memo["é"] == 2 && memo["c"] == nil)

        var short = TextMemo<Int>(maxEntries: 10, maxKeyBytes: 4)
        short.remember(4, for: "abcd")
        short.remember(5, for: "abcde")   // five bytes: too long
        short.remember(6, for: "ééé")     // six bytes: too long
        #expect(short["abcd"] == 4 && short["abcde"] == nil && short["ééé"] == nil)
    }
}
