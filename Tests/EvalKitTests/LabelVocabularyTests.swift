import Testing
@testable import EvalKit

@Suite struct LabelVocabularyTests {
    func lookup(_ vocabulary: LabelVocabulary, _ text: String) -> Int32? {
        Array(text.utf8).withUnsafeBufferPointer { vocabulary.lookup($0) }
    }

    @Test func manyShortAndLongLabelsRoundTrip() {
        var vocabulary = LabelVocabulary(declared: nil)
        let labels = (0..<300).map { $0 % 3 == 0 ? "a-rather-long-label-\($0)" : "c\($0)" } + ["", "é", "1234567", "12345678"]
        for label in labels where !label.isEmpty { _ = vocabulary.add(label) }
        for (i, label) in labels.filter({ !$0.isEmpty }).enumerated() {
            #expect(lookup(vocabulary, label) == Int32(i), "\(label)")
        }
        #expect(lookup(vocabulary, "c1 ") == nil)
        #expect(lookup(vocabulary, "missing") == nil)
        #expect(lookup(vocabulary, "a-rather-long-label-1") == nil)
    }

    @Test func reportOrderIsNumericWhenAllLabelsAreNumbers() {
        #expect(LabelVocabulary.reportOrder(["10", "9", "1"], declared: false) == [2, 1, 0])
        #expect(LabelVocabulary.reportOrder(["b", "a", "C"], declared: false) == [2, 1, 0])
        #expect(LabelVocabulary.reportOrder(["b", "a"], declared: true) == [0, 1])
    }
}
