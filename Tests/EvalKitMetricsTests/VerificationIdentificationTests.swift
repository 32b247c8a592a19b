import Foundation
import Testing
import EvalKitData
@testable import EvalKitMetrics

/// Identification rates against bob.measure 6.1.0 on the generated sets (`bob_pyeer.json`,
/// `identification_sets`): exactly (`==`), a raised reference must throw; weights against
/// repetition; the tie rule.
@Suite struct VerificationIdentificationTests {
    static var setNames: [String] {
        VerificationFixtureTests.fixture?["identification_sets"]?.arrayItems?.compactMap { $0["name"]?.stringValue } ?? []
    }

    static func searches(_ name: String) -> (set: JSONNode, searches: [IdentificationSearch]) {
        let set = VerificationFixtureTests.fixture!["identification_sets"]!.arrayItems!.first { $0["name"]?.stringValue == name }!
        let searches = set["probes"]!.arrayItems!.map { probe in
            IdentificationSearch(mateScores: probe["positives"]!.arrayItems?.map { $0.numberValue! } ?? [],
                                 nonMateScores: probe["negatives"]!.doubles)
        }
        return (set, searches)
    }

    static func check(_ what: String, _ expected: JSONNode, _ body: () throws -> Double) -> String? {
        VerificationFixtureTests.compare(what, expected, outcome(body))
    }

    static func differences(_ set: JSONNode, _ searches: [IdentificationSearch]) -> [String] {
        let bob = set["bob"]!
        var out: [String] = []
        switch outcome({ try Identification.cmc(searches) }) {
        case .success(let cmc): if bob["cmc"]!.isError || cmc != bob["cmc"]!.doubles { out.append("cmc \(cmc)") }
        case .failure(let error): if !bob["cmc"]!.isError { out.append("cmc threw \(error)") }
        }
        for item in bob["recognition_rate"]!.arrayItems! {
            let threshold = item["threshold"]!.numberValue, rank = Int(item["rank"]!.numberValue!)
            if let d = check("recognition_rate(\(String(describing: threshold)), \(rank))", item["value"]!, {
                try Identification.identificationRate(searches, rank: rank, threshold: threshold)
            }) { out.append(d) }
        }
        for item in bob["detection_identification_rate"]!.arrayItems! {
            let threshold = item["threshold"]!.numberValue!, rank = Int(item["rank"]!.numberValue!)
            if let d = check("DIR(\(threshold), \(rank))", item["value"]!, { 
                try Identification.detectionIdentificationRate(searches, threshold: threshold, rank: rank)
            }) {
                // bob returns 0.0 without an in-gallery probe; evalkit throws (documented).
                if !(item["value"]!.numberValue == 0 && !searches.contains(where: \.isMated)) { out.append(d) }
            }
        }
        for item in bob["false_alarm_rate"]!.arrayItems! {
            let threshold = item["threshold"]!.numberValue!
            if let d = check("false_alarm_rate(\(threshold))", item["value"]!, { 
                try Identification.falsePositiveIdentificationRate(searches, threshold: threshold)
            }) {
                if !(item["value"]!.numberValue == 0 && searches.allSatisfy(\.isMated)) { out.append(d) }
            }
        }
        return out
    }

    @Test(arguments: setNames)
    func bobExactly(_ name: String) {
        let (set, searches) = Self.searches(name)
        let d = Self.differences(set, searches)
        #expect(d.isEmpty, "\(name): \(d.prefix(10))")
    }

    /// Weights equal repetition: each search repeated w times vs once with weight w.
    @Test(arguments: setNames)
    func weightsEqualRepetition(_ name: String) throws {
        let (_, searches) = Self.searches(name)
        var generator = SeededGenerator(seed: 11)
        var weighted: [IdentificationSearch] = [], repeated: [IdentificationSearch] = []
        for var search in searches {
            let w = Int64.random(in: 0...3, using: &generator)
            if w == 0 { continue }
            repeated += Array(repeating: search, count: Int(w))
            search.weight = w
            weighted.append(search)
        }
        func all(_ s: [IdentificationSearch]) -> [String] {
            var out = ["\(outcome { try Identification.cmc(s) })"]
            for threshold in [-1.0, 0.0, 0.3, 0.5, 1.0] {
                for rank in [1, 2, 5] {
                    out.append("\(outcome { try Identification.identificationRate(s, rank: rank, threshold: threshold) })")
                    out.append("\(outcome { try Identification.detectionIdentificationRate(s, threshold: threshold, rank: rank) })")
                    out.append("\(outcome { try Identification.falseNegativeIdentificationRate(s, threshold: threshold, rank: rank) })")
                }
                out.append("\(outcome { try Identification.falsePositiveIdentificationRate(s, threshold: threshold) })")
            }
            for target in [0.0, 0.05, 0.1, 0.5, 1.0] {
                out.append("\(outcome { try Identification.thresholdAtFPIR(s, target: target) })")
            }
            return out
        }
        #expect(all(weighted) == all(repeated))
    }

    /// A non-mate tied with the mate ranks ahead of it; FNIR is counted directly.
    @Test func tiesAndComplements() throws {
        let tied = IdentificationSearch(mateScores: [0.5], nonMateScores: [0.5, 0.5, 0.2])
        #expect(tied.mateRank == 3 && tied.topNonMateScore == 0.5 && tied.nonMateCount == 3)
        let searches = [tied, IdentificationSearch(mateScores: [0.9], nonMateScores: [0.1]),
                        IdentificationSearch(mateScores: [], nonMateScores: [0.7, 0.2]),
                        IdentificationSearch(mateScores: [], nonMateScores: [0.3])]
        #expect(try Identification.detectionIdentificationRate(searches, threshold: 0.5, rank: 2) == 0.5)
        #expect(try Identification.detectionIdentificationRate(searches, threshold: 0.5, rank: 3) == 1.0)
        #expect(try Identification.falseNegativeIdentificationRate(searches, threshold: 0.5, rank: 2) == 0.5)
        #expect(try Identification.falsePositiveIdentificationRate(searches, threshold: 0.3) == 1.0)
        #expect(try Identification.falsePositiveIdentificationRate(searches, threshold: 0.31) == 0.5)
        // far_threshold on the top non-mates [0.3, 0.7]: FPIR ≤ 0.5 at 0.7, none at ≤ 0.
        #expect(try Identification.thresholdAtFPIR(searches, target: 0.5) == 0.7)
        #expect(try Identification.thresholdAtFPIR(searches, target: 0.4) == 0.7.nextUp)
        #expect(try Identification.thresholdAtFPIR(searches, target: 1.0) == 0.3.nextDown)
        // recognition_rate keeps scores strictly above the threshold: the mate at 0.5 is dropped.
        #expect(try Identification.identificationRate(searches, rank: 3, threshold: 0.5) == 1.0 / 3.0)
        #expect(throws: VerificationUndefined.noMatedSearches) { try Identification.detectionIdentificationRate(Array(searches[2...]), threshold: 0) }
        #expect(throws: VerificationUndefined.noNonMatedSearches) { try Identification.falsePositiveIdentificationRate(Array(searches[..<2]), threshold: 0) }
        #expect(throws: VerificationUndefined.unmatedSearchInCMC(2)) { try Identification.cmc(searches) }
        #expect(throws: VerificationUndefined.tooFewNonMatedSearches(1)) { try Identification.thresholdAtFPIR(Array(searches[..<3]), target: 0.1) }
        #expect(throws: VerificationUndefined.noSearches) { try Identification.identificationRate([]) }
        #expect(throws: VerificationUndefined.nothingCounted) {
            try Identification.identificationRate([IdentificationSearch(mateScores: [], nonMateScores: [0.1])], threshold: 0.5)
        }
        #expect(throws: VerificationUndefined.emptySearch(0)) {
            try Identification.identificationRate([IdentificationSearch(mateScores: [], nonMateScores: [])])
        }
    }
}
