import Testing
@testable import EvalKitStore

/// Canonical slice keys: sorted by attribute, escaped, parsed back exactly.
@Suite struct SliceKeyTests {
    @Test func keysAreSortedByAttribute() {
        #expect(SliceKey.canonical(attributes: ["sex", "race"], values: ["Female", "Black"]) == "race=Black,sex=Female")
        #expect(SliceKey.canonical(["race": "Black", "sex": "Female"]) == "race=Black,sex=Female")
        #expect(SliceKey.normalized("sex=Female, race=Black") == "race=Black,sex=Female")
        #expect(SliceKey.normalized("race = Black") == "race=Black")
    }

    @Test func specialCharactersRoundTrip() {
        let by = ["group": "a,b=c%d", "x=y": "", "age band": " 20-30 "]
        let key = SliceKey.canonical(by)
        #expect(key == "age band= 20-30 ,group=a%2Cb%3Dc%25d,x%3Dy=")
        #expect(SliceKey.parse(key, trimming: false) == by)
        #expect(SliceKey.unescape("100%") == "100%" && SliceKey.unescape("%2c%41") == ",%41")
        #expect(SliceKey.attributes(ofGrouping: SliceKey.grouping(["a,b", "c"])) == ["a,b", "c"])
    }

    @Test(arguments: ["Black", "", "race=Black,race=White", "=x", "race=Black,"])
    func malformedTextDoesNotParse(_ text: String) {
        #expect(SliceKey.parse(text) == nil)
    }
}
