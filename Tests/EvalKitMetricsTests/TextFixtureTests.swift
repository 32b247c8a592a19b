import Foundation
import Testing
@testable import EvalKitMetrics

/// One case of `Tests/Fixtures/text/jiwer.json` (make_fixtures.py, jiwer 4.0.0 and rapidfuzz
/// 3.14.6): reference(s), hypothesis(es), the scheme options, and jiwer's counts.
struct TextFixtureCase: Sendable, CustomTestStringConvertible {
    var name: String
    var references: [String]
    /// nil: a missing prediction.
    var hypotheses: [String?]
    var options: [String: String]
    var confusables: [String: String]
    var normalizedReference: String?
    var normalizedHypothesis: String?
    var referenceCharacters: Int
    var jiwerCER: Double
    var cerIsInsertionCount: Bool
    var counts: EditCounts
    var exactMatches: Int

    var testDescription: String { name }

    var normalization: TextNormalization {
        try! TextNormalization(
            letterCase: options["case"].flatMap(TextNormalization.LetterCase.init(rawValue:)) ?? .sensitive,
            spaces: options["spaces"].flatMap(TextNormalization.Spaces.init(rawValue:)) ?? .keep,
            unicode: options["unicode"].flatMap(TextNormalization.UnicodeForm.init(rawValue:)) ?? .none,
            confusables: confusables)
    }

    func state() -> TextState {
        var state = TextState()
        var comparison = TextComparison(normalization: normalization)
        for (reference, hypothesis) in zip(references, hypotheses) {
            state.add(reference: reference, hypothesis: hypothesis, using: &comparison)
        }
        return state
    }
}

enum TextFixtures {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/text/jiwer.json")

    struct File: Sendable {
        var jiwer = ""
        var rapidfuzz = ""
        var pairs: [TextFixtureCase] = []
        var corpora: [TextFixtureCase] = []
    }

    /// The fixture file (empty if it cannot be read: `fixtureFileLoads` then fails).
    static let file: File = {
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return File() }
        return File(jiwer: root["jiwer"] as? String ?? "", rapidfuzz: root["rapidfuzz"] as? String ?? "",
                    pairs: ((root["pairs"] as? [[String: Any]]) ?? []).map { parse($0, corpus: false) },
                    corpora: ((root["corpora"] as? [[String: Any]]) ?? []).map { parse($0, corpus: true) })
    }()

    static var pairs: [TextFixtureCase] { file.pairs }
    static var corpora: [TextFixtureCase] { file.corpora }

    static func parse(_ c: [String: Any], corpus: Bool) -> TextFixtureCase {
        let options = c["options"] as! [String: Any]
        let references = corpus ? c["references"] as! [String] : [c["reference"] as! String]
        let hypotheses: [String?] = corpus
            ? (c["hypotheses"] as! [Any]).map { $0 as? String }
            : [c["hypothesis"] as? String]
        func int(_ key: String) -> Int { (c[key] as! NSNumber).intValue }
        return TextFixtureCase(
            name: c["name"] as! String, references: references, hypotheses: hypotheses,
            options: options.compactMapValues { $0 as? String },
            confusables: (options["confusables"] as? [String: String]) ?? [:],
            normalizedReference: c["normalized_reference"] as? String,
            normalizedHypothesis: c["normalized_hypothesis"] as? String,
            referenceCharacters: int("reference_characters"),
            jiwerCER: (c["jiwer_cer"] as! NSNumber).doubleValue,
            cerIsInsertionCount: c["jiwer_cer_is_insertion_count"] as! Bool,
            counts: EditCounts(hits: int("hits"), substitutions: int("substitutions"), deletions: int("deletions"),
                               insertions: int("insertions")),
            exactMatches: corpus ? int("exact_matches") : ((c["exact_match"] as! Bool) ? 1 : 0))
    }
}

/// The `text` metrics against jiwer 4.0.0: alignment counts exactly, `cer` to 1e-12, and the
/// normalisation options against the same options applied through jiwer transforms.
@Suite struct TextFixtureTests {
    static let tolerance = 1e-12

    @Test func fixtureFileLoads() {
        #expect(TextFixtures.file.jiwer == "4.0.0")
        #expect(TextFixtures.file.rapidfuzz == "3.14.6")
        #expect(TextFixtures.pairs.count >= 300)
        #expect(TextFixtures.corpora.count >= 10)
    }

    /// Checks a computed state against the fixture's jiwer values.
    func check(_ fixture: TextFixtureCase, _ state: TextState, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(state.totals == fixture.counts, "counts: evalkit \(state.totals), jiwer \(fixture.counts)",
                sourceLocation: sourceLocation)
        #expect(state.totals.referenceLength == fixture.referenceCharacters, sourceLocation: sourceLocation)
        #expect(state.exactMatches == Int64(fixture.exactMatches), sourceLocation: sourceLocation)
        #expect(state.items == Int64(fixture.references.count), sourceLocation: sourceLocation)
        let computed = TextMetrics.compute(state)
        let cer = computed.metrics["cer"]!
        let accuracy = computed.metrics["char_accuracy"]!
        if fixture.cerIsInsertionCount {
            // jiwer returns the insertion count when no reference has a character; evalkit: undefined.
            #expect(fixture.jiwerCER == Double(fixture.counts.insertions), sourceLocation: sourceLocation)
            #expect(cer.isNaN && accuracy.isNaN, sourceLocation: sourceLocation)
            #expect(computed.metrics.undefinedReasons["cer"]?.contains("the references have no characters") == true,
                    sourceLocation: sourceLocation)
        } else {
            #expect(abs(cer - fixture.jiwerCER) <= Self.tolerance, "cer: evalkit \(cer), jiwer \(fixture.jiwerCER)",
                    sourceLocation: sourceLocation)
            let h = Double(fixture.counts.hits)
            let expected = h / Double(fixture.counts.referenceLength)
            #expect(abs(accuracy - expected) <= Self.tolerance, sourceLocation: sourceLocation)
        }
        let n = Double(fixture.references.count)
        #expect(abs(computed.metrics["exact_match"]! - Double(fixture.exactMatches) / n) <= Self.tolerance,
                sourceLocation: sourceLocation)
        #expect(computed.metrics["items"] == n, sourceLocation: sourceLocation)
        #expect(computed.metrics.keys == TextMetrics.metricNames, sourceLocation: sourceLocation)
    }

    @Test(arguments: TextFixtures.pairs)
    func pairAgreesWithJiwer(_ fixture: TextFixtureCase) {
        let normalization = fixture.normalization
        if let expected = fixture.normalizedReference {
            #expect(normalization.apply(fixture.references[0]) == Array(expected.unicodeScalars))
        }
        if let expected = fixture.normalizedHypothesis, let hypothesis = fixture.hypotheses[0] {
            #expect(normalization.apply(hypothesis) == Array(expected.unicodeScalars))
        }
        check(fixture, fixture.state())
        // The convenience entry point agrees with the buffered one.
        var single = TextState()
        single.add(reference: fixture.references[0], hypothesis: fixture.hypotheses[0], normalization: normalization)
        #expect(single.totals == fixture.counts)
    }

    @Test(arguments: TextFixtures.corpora)
    func corpusAgreesWithJiwer(_ fixture: TextFixtureCase) {
        check(fixture, fixture.state())
    }

    /// One aligner reused over every pair, long and short in turn, gives the same counts as a
    /// fresh one per pair (its buffers carry nothing over).
    @Test func reusedAlignerAgrees() {
        var aligner = LevenshteinAligner()
        for fixture in TextFixtures.pairs.reversed() {
            let normalization = fixture.normalization
            let reference = normalization.apply(fixture.references[0])
            let hypothesis = normalization.apply(fixture.hypotheses[0] ?? "")
            #expect(aligner.counts(reference: reference, hypothesis: hypothesis) == fixture.counts, "\(fixture.name)")
        }
    }

    // MARK: Merge invariance (docs/design.md §2)

    /// compute(merge(update(A), update(B))) == compute(update(A ∪ B)) for random splits of every
    /// corpus into up to five parts, merged in random order and grouping.
    @Test(arguments: TextFixtures.corpora)
    func mergeInvariance(_ fixture: TextFixtureCase) {
        let whole = fixture.state()
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<10 {
            let parts = Int.random(in: 1...5, using: &generator)
            var states = [TextState](repeating: TextState(), count: parts)
            var comparison = TextComparison(normalization: fixture.normalization)
            for (reference, hypothesis) in zip(fixture.references, fixture.hypotheses) {
                states[Int.random(in: 0..<parts, using: &generator)].add(
                    reference: reference, hypothesis: hypothesis, using: &comparison)
            }
            states.shuffle(using: &generator)
            // ((s0 + s1) + s2) ... and s0 + (s1 + (s2 ...)).
            var left = TextState()
            for s in states { left.merge(s) }
            var right = TextState()
            for s in states.reversed() {
                var t = s
                t.merge(right)
                right = t
            }
            for merged in [left, right] {
                #expect(merged.items == whole.items)
                #expect(merged.totals == whole.totals)
                #expect(merged.exactMatches == whole.exactMatches)
                #expect(merged.missingPredictions == whole.missingPredictions)
                #expect(differences(TextMetrics.compute(merged), TextMetrics.compute(whole), tolerance: 0) == [])
                let outcomes = Dictionary(uniqueKeysWithValues: zip(merged.outcomes, merged.outcomeCounts).map { ($0, $1) })
                let expected = Dictionary(uniqueKeysWithValues: zip(whole.outcomes, whole.outcomeCounts).map { ($0, $1) })
                #expect(outcomes == expected)
            }
        }
    }

    // MARK: Edge cases

    @Test func missingPredictionIsAllDeletionsAndNeverExact() {
        var state = TextState()
        state.add(reference: "AB12", hypothesis: nil, normalization: .exact)
        state.add(reference: "", hypothesis: nil, normalization: .exact)
        state.add(reference: "", hypothesis: "", normalization: .exact)
        #expect(state.totals == EditCounts(deletions: 4))
        #expect(state.exactMatches == 1)
        #expect(state.missingPredictions == 2)
        let computed = TextMetrics.compute(state)
        #expect(computed.metrics["cer"] == 1)
        #expect(computed.metrics["char_accuracy"] == 0)
        #expect(abs(computed.metrics["exact_match"]! - 1.0 / 3.0) < 1e-15)
    }

    @Test func emptyStateIsUndefinedWithReasons() {
        let computed = TextMetrics.compute(TextState())
        for key in ["exact_match", "cer", "char_accuracy"] {
            #expect(computed.metrics[key]!.isNaN)
            #expect(computed.metrics.undefinedReasons[key] == "no items")
        }
        #expect(computed.metrics["items"] == 0)
    }

    @Test func cerCanExceedOne() {
        var state = TextState()
        state.add(reference: "A", hypothesis: "xyzA", normalization: .exact)
        #expect(TextMetrics.compute(state).metrics["cer"] == 3)
    }

    @Test func invalidConfusablesAreRejected() {
        #expect(throws: TextNormalization.InvalidConfusable.keyNotOneCharacter(key: "OO")) {
            try TextNormalization(confusables: ["OO": "0"])
        }
        #expect(throws: TextNormalization.InvalidConfusable.valueNotOneCharacter(key: "O", value: "00")) {
            try TextNormalization(confusables: ["O": "00"])
        }
        #expect(throws: TextNormalization.InvalidConfusable.conflictingKeys("O", "o")) {
            try TextNormalization(letterCase: .insensitive, confusables: ["O": "0", "o": "Q"])
        }
        // The same keys are fine when case matters, and agreeing duplicates are fine when it does not.
        #expect(throws: Never.self) { try TextNormalization(confusables: ["O": "0", "o": "Q"]) }
        #expect(throws: Never.self) { try TextNormalization(letterCase: .insensitive, confusables: ["O": "0", "o": "0"]) }
        // A decomposed key becomes one character under NFC.
        #expect(throws: Never.self) { try TextNormalization(unicode: .nfc, confusables: ["e\u{301}": "e"]) }
    }

    /// The ASCII fast path and the general path agree (a non-ASCII character forces the latter).
    @Test func asciiFastPathAgreesWithGeneralPath() throws {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("aAbBoO0iI1 \t\n\u{1C}-xyZ")
        for letterCase in TextNormalization.LetterCase.allCases {
            for spaces in TextNormalization.Spaces.allCases {
                let normalization = try TextNormalization(letterCase: letterCase, spaces: spaces,
                                                          confusables: ["O": "0", "-": "", "x": " "])
                for _ in 0..<200 {
                    let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    })
                    var fast = normalization.apply(text)
                    var slow = normalization.apply(text + "é")
                    // "é" is not whitespace, so it is the last character of the general path's output.
                    #expect(slow.popLast() == "é")
                    if spaces == .strip || spaces == .collapse {
                        // The trailing spaces that "é" protected from stripping.
                        while let last = slow.last, TextNormalization.isSpace(last) { slow.removeLast() }
                        while let last = fast.last, TextNormalization.isSpace(last) { fast.removeLast() }
                    }
                    #expect(fast == slow, "\(letterCase) \(spaces) \(text.debugDescription)")
                }
            }
        }
    }

    // MARK: Bootstrap

    @Test func jointReplicateKeepsTheTotalAndIsSeeded() {
        let fixture = TextFixtures.corpora.first { $0.name.hasPrefix("plates 300") }!
        var cells = [TextState](repeating: TextState(), count: 3)
        var comparison = TextComparison(normalization: fixture.normalization)
        for (i, (reference, hypothesis)) in zip(fixture.references, fixture.hypotheses).enumerated() {
            cells[i % 3].add(reference: reference, hypothesis: hypothesis, using: &comparison)
        }
        var a = Xoshiro256StarStar(seed: 42)
        var b = Xoshiro256StarStar(seed: 42)
        let first = TextState.resampledCounts(cells, using: &a)
        let second = TextState.resampledCounts(cells, using: &b)
        #expect(first.map(\.items).reduce(0, +) == 300)
        #expect(first.map(\.totals) == second.map(\.totals))
        #expect(first.map(\.items) != cells.map(\.items) || first.map(\.totals) != cells.map(\.totals))
        // Replicates only hold outcomes the cell had.
        for (replicate, cell) in zip(first, cells) {
            #expect(Set(replicate.outcomes).isSubset(of: Set(cell.outcomes)))
        }
        // The mean of the replicates' CER is near the CER (the bootstrap is centred).
        var generator = Xoshiro256StarStar(seed: 1)
        var total = 0.0
        for _ in 0..<400 {
            var merged = TextState()
            for cell in TextState.resampledCounts(cells, using: &generator) { merged.merge(cell) }
            total += TextMetrics.compute(merged).metrics["cer"]!
        }
        #expect(abs(total / 400 - fixture.jiwerCER) < 0.005)
    }
}
