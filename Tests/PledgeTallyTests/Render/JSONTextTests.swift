import Testing
@testable import PledgeTally
@testable import Render

@Suite("JSONText")
struct JSONTextTests {
    @Test func keepsKeyOrderAndEscapes() {
        let json = JSONText.object([("b", .int(1)), ("a", .string("q\"\\\n\u{1}é")), ("n", .null), ("l", .array([.bool(true)]))])
        #expect(json.rendered(indent: nil) == #"{"b":1,"a":"q\"\\\n\u0001é","n":null,"l":[true]}"#)
        #expect(json.rendered() == "{\n  \"b\": 1,\n  \"a\": \"q\\\"\\\\\\n\\u0001é\",\n  \"n\": null,\n  \"l\": [\n    true\n  ]\n}")
    }
}
