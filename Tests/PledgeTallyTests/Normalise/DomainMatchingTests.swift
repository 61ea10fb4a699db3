import Testing
import Normalise

/// domains.csv matching (docs/input.md): the first rule in file order whose
/// folded match occurs in the folded domain text, whatever the rules'
/// lengths and overlaps, in one pass over the text.
@Suite("Domain matching")
struct DomainMatchingTests {
    func domain(_ text: String, _ rules: [(String, String)]) -> String {
        var map = DomainMap(rules: rules.map { DomainMap.Rule(match: $0.0, domain: $0.1) })
        return map.domain(for: text)
    }

    @Test func theFirstRuleInFileOrderWinsNotTheFirstOccurrenceInTheText() {
        #expect(domain("AI in the cloud", [("cloud", "Cloud"), ("ai", "AI")]) == "Cloud")
        #expect(domain("big HPC cloud", [("hpc cloud", "HPC"), ("cloud", "Cloud")]) == "HPC")
    }

    @Test func aPartlyMatchedLongerRuleDoesNotHideAShorterOne() {
        // "abc" is read towards "abcx"; "bcd" must still be found from its "bc".
        #expect(domain("abcd", [("abcx", "X"), ("bcd", "BCD")]) == "BCD")
        // A rule inside another rule's unfinished prefix ("y" in "xy…").
        #expect(domain("xy", [("xyz", "XYZ"), ("y", "Y")]) == "Y")
        // Restarting inside a run of the same letter.
        #expect(domain("aaab", [("aab", "AAB")]) == "AAB")
        #expect(domain("hpc clou cloud", [("hpc cloud", "HPC"), ("cloud", "Cloud")]) == "Cloud")
        #expect(domain("hpc clou", [("hpc cloud", "HPC"), ("cloud", "Cloud")]) == DomainMap.unclassified)
    }

    @Test func textsAndMatchesAreFoldedTheSameWay() {
        #expect(domain("SANTÉ Publique", [("sante", "Health")]) == "Health")
        #expect(domain("l’énergie", [("L'ENERGIE", "Energy")]) == "Energy")
        #expect(domain("x", [("  ", "Blank"), ("x", "X")]) == "X")   // a match folding to nothing matches nothing
    }

    @Test func matchesAreWholeCharacters() {
        // 한 is ᄒ ᅡ ᆫ once decomposed, 하 is ᄒ ᅡ: a prefix of its jamo, not a character of it.
        #expect(domain("한국 연구", [("하", "Ha")]) == DomainMap.unclassified)
        #expect(domain("한국 연구", [("하", "Ha"), ("한국", "Korea")]) == "Korea")
        #expect(domain("énergie 🇫🇷", [("🇫🇷", "France")]) == "France")
    }

    /// A megabyte of text against rules of a thousand characters: a plain
    /// substring search per rule compares about a thousand characters at each
    /// of the million positions, for each rule (minutes); one pass is instant.
    /// The time limit is far above the one pass, it only stops a quadratic run.
    @Test(.timeLimit(.minutes(1))) func aMegabyteTextAgainstLongRules() {
        let run = String(repeating: "a", count: 1_000_000)
        var rules = (0..<20).map { (String(repeating: "a", count: 1_000) + "b\($0)", "Long \($0)") }
        rules.append(("zz", "Found"))
        #expect(domain(run + " zz", rules) == "Found")
        #expect(domain(run + "b7 zz", rules) == "Long 7")
        #expect(domain(run, rules) == DomainMap.unclassified)
        rules.insert((String(repeating: "a", count: 999), "A999"), at: 20)
        #expect(domain(run + " zz", rules) == "A999")
    }
}
