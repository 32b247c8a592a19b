import Testing
@testable import EvalKitData

@Suite struct SuggestionsTests {
    @Test func distances() {
        #expect(editDistance("score", "score") == 0)
        #expect(editDistance("scroe", "score") == 1)
        #expect(editDistance("metrcs", "metrics") == 1)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("kitten", "sitting") == 3)
    }

    @Test func suggestions() {
        #expect(didYouMean("scroe", ["id", "score", "pred"]) == "did you mean \"score\"?")
        #expect(didYouMean("Score", ["id", "score"]) == "did you mean \"score\"?")
        #expect(didYouMean("xyz", ["id", "score", "pred"]) == nil)
    }
}
