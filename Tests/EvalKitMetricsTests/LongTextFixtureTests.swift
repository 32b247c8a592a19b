import Foundation
import Testing
@testable import EvalKitMetrics

/// One pair of `Tests/Fixtures/text/jiwer_long.json` (make_long_fixtures.py, jiwer 4.0.0 and
/// rapidfuzz 3.14.6): long texts, no normalisation, and jiwer's counts.
struct LongTextPair: Sendable, CustomTestStringConvertible {
    var name: String
    var reference: [Unicode.Scalar]
    var hypothesis: [Unicode.Scalar]
    var counts: EditCounts

    var testDescription: String { name }
}

enum LongTextFixtures {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/text/jiwer_long.json")

    /// (jiwer version, rapidfuzz version, pairs); empty if the file cannot be read.
    static let file: (jiwer: String, rapidfuzz: String, pairs: [LongTextPair]) = {
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pairs = root["pairs"] as? [[String: Any]] else { return ("", "", []) }
        return (root["jiwer"] as? String ?? "", root["rapidfuzz"] as? String ?? "", pairs.map { c in
            func int(_ key: String) -> Int { (c[key] as! NSNumber).intValue }
            return LongTextPair(
                name: c["name"] as! String,
                reference: Array((c["reference"] as! String).unicodeScalars),
                hypothesis: Array((c["hypothesis"] as! String).unicodeScalars),
                counts: EditCounts(hits: int("hits"), substitutions: int("substitutions"), deletions: int("deletions"),
                                   insertions: int("insertions")))
        })
    }()
}

/// The bit-parallel alignment against jiwer on long texts: one and several 64-bit words,
/// rapidfuzz's Hirschberg splits, narrow bands and many distinct characters. Counts exactly.
@Suite struct LongTextFixtureTests {
    @Test func fixtureFileLoads() {
        #expect(LongTextFixtures.file.jiwer == "4.0.0")
        #expect(LongTextFixtures.file.rapidfuzz == "3.14.6")
        #expect(LongTextFixtures.file.pairs.count >= 50)
        // The fixture reaches the paths it is for: several words and Hirschberg-sized parts.
        #expect(LongTextFixtures.file.pairs.contains { $0.reference.count == 64 })
        #expect(LongTextFixtures.file.pairs.contains { $0.reference.count == 65 })
        #expect(LongTextFixtures.file.pairs.contains { 2 * $0.reference.count * $0.hypothesis.count / 8 >= 1 << 21 })
    }

    @Test(arguments: LongTextFixtures.file.pairs)
    func pairAgreesWithJiwer(_ pair: LongTextPair) {
        let counts = LevenshteinAligner.counts(pair.reference, pair.hypothesis)
        #expect(counts == pair.counts, "evalkit \(counts), jiwer \(pair.counts)")
    }

    /// One aligner reused over every long pair and back gives the same counts (its buffers,
    /// which grow and are reused, carry nothing over).
    @Test func reusedAlignerAgrees() {
        var aligner = LevenshteinAligner()
        let pairs = LongTextFixtures.file.pairs
        for pair in pairs + pairs.reversed() {
            #expect(aligner.counts(reference: pair.reference, hypothesis: pair.hypothesis) == pair.counts, "\(pair.name)")
        }
    }

    /// The distance (S + D + I) is the Levenshtein distance of a plain dynamic programme, and
    /// H + S + D, H + S + I are the lengths, on random pairs of every size around the word
    /// boundaries (the split into S, D and I is checked against jiwer above).
    @Test func distanceIsTheLevenshteinDistance() {
        var generator = SeededGenerator(seed: 11)
        var aligner = LevenshteinAligner()
        for _ in 0..<300 {
            let alphabet = Array(["ab", "abcd", "abcdefghijklmnop"].randomElement(using: &generator)!.unicodeScalars)
            let n = Int.random(in: 0...200, using: &generator)
            let a = (0..<n).map { _ in alphabet.randomElement(using: &generator)! }
            var b = a
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                let position = Int.random(in: 0...b.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0 where position < b.count: b[position] = alphabet.randomElement(using: &generator)!
                case 1 where position < b.count: b.remove(at: position)
                default: b.insert(alphabet.randomElement(using: &generator)!, at: position)
                }
            }
            let counts = aligner.counts(reference: a, hypothesis: b)
            #expect(counts.errors == Self.levenshtein(a, b))
            #expect(counts.referenceLength == a.count && counts.hypothesisLength == b.count)
        }
    }

    /// Wagner–Fischer, the textbook O(n·m) programme.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...a.count)
        var current = previous
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[0] = j
            for i in 1...max(a.count, 1) where !a.isEmpty {
                current[i] = min(previous[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), previous[i] + 1, current[i - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[a.count]
    }
}
