import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// The similarity stage: OpenBLAS tiles against a double-precision computation, the within-set
/// design's pairs, the impostor counts, and the rates from embeddings against the rates from the
/// same scores written as a score list.
@Suite struct EmbeddingComparisonsTests {
    static let sample = repositoryRoot + "/Datasets/face-verification-synthetic"

    static func matrix(_ name: String) throws -> EmbeddingMatrix {
        try EmbeddingReader.read(path: sample + "/" + name, displayPath: name).matrix
    }

    static func subjects(_ csv: String) throws -> [String] {
        try String(contentsOfFile: sample + "/" + csv, encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
    }

    /// Every probe × gallery cosine of the sample, from sgemm tiles, within 1e-5 of the cosine
    /// computed in double precision from the raw (unnormalised) float32 embeddings.
    @Test func similaritiesEqualADoublePrecisionComputation() throws {
        let rawProbes = try Self.matrix("probes.npy"), rawGallery = try Self.matrix("gallery.npy")
        var probes = rawProbes, gallery = rawGallery
        #expect(probes.normalizeRows().isEmpty && gallery.normalizeRows().isEmpty)
        let probeSubjects = try Self.subjects("probes.csv"), gallerySubjects = try Self.subjects("gallery.csv")
        let names = Array(Set(probeSubjects + gallerySubjects)).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        for threads in [Threads.one, Threads(2)] {
            let input = EmbeddingComparisons.Input(probes: probes, gallery: gallery, probeSubjects: probeSubjects.map { index[$0]! },
                                                   gallerySubjects: gallerySubjects.map { index[$0]! }, identification: true,
                                                   shard: nil, threads: threads)
            let mates = EmbeddingComparisons.mates(input)
            let found = EmbeddingComparisons.run(input, blocks: EmbeddingComparisons.blocks(input), bound: -.infinity, mates: mates)
            let all = found.flatMap { $0.genuine + $0.held }
            #expect(all.count == probes.rows * gallery.rows)
            var worst = 0.0
            let d = rawProbes.columns
            for s in all {
                let p = Int(s.probe), g = Int(s.reference)
                var dot = 0.0, np = 0.0, ng = 0.0
                for k in 0..<d {
                    let x = Double(rawProbes.values[p * d + k]), y = Double(rawGallery.values[g * d + k])
                    dot += x * y
                    np += x * x
                    ng += y * y
                }
                worst = max(worst, abs(Double(s.score) - dot / (np.squareRoot() * ng.squareRoot())))
            }
            #expect(worst < 1e-5, "largest difference \(worst)")
            // Every probe row is a search; mates masked from the non-mate counts.
            #expect(found.reduce(0) { $0 + $1.searches.count } == probes.rows)
        }
    }

    /// One set compared with itself: each unordered pair of distinct rows once, self-comparisons
    /// left out, and the impostor count of the blocks equal to the pairs the scan saw.
    @Test func withinOneSetEachPairOnce() throws {
        var probes = try Self.matrix("probes.npy")
        _ = probes.normalizeRows()
        let names = try Self.subjects("probes.csv")
        let sorted = Array(Set(names)).sorted()
        let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
        let subjects = names.map { index[$0]! }
        let input = EmbeddingComparisons.Input(probes: probes, gallery: nil, probeSubjects: subjects, gallerySubjects: subjects,
                                               identification: false, shard: nil, threads: Threads(2))
        let found = EmbeddingComparisons.run(input, blocks: EmbeddingComparisons.blocks(input), bound: -.infinity,
                                             mates: EmbeddingComparisons.mates(input))
        let n = probes.rows
        let genuine = found.flatMap(\.genuine), held = found.flatMap(\.held)
        #expect(genuine.count + held.count == n * (n - 1) / 2)
        #expect((genuine + held).allSatisfy { $0.probe < $0.reference })
        #expect(genuine.allSatisfy { subjects[Int($0.probe)] == subjects[Int($0.reference)] })
        #expect(held.allSatisfy { subjects[Int($0.probe)] != subjects[Int($0.reference)] })
        var table = SubjectTable()
        table.names = sorted
        table.group = sorted.map { _ in 0 }
        table.probeTemplates = sorted.map { name in Int64(names.filter { $0 == name }.count) }
        table.referenceTemplates = table.probeTemplates
        let counts = ImpostorBlocks.count(input, subjects: table, blocks: EmbeddingComparisons.blocks(input))
        #expect(counts.values.reduce(0, +) == Int64(held.count))
    }

    /// Rates from embeddings equal the rates from the same float32 scores written as a score list
    /// (round-trip digits), overall and per slice, with the impostors bounded or not.
    @Test func embeddingsEqualTheirScoresAsAScoreList() throws {
        let directory = try temporaryDirectory()
        var probes = try Self.matrix("probes.npy"), gallery = try Self.matrix("gallery.npy")
        _ = probes.normalizeRows()
        _ = gallery.normalizeRows()
        let probeIDs = try String(contentsOfFile: Self.sample + "/probes.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        let galleryIDs = try String(contentsOfFile: Self.sample + "/gallery.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        let zeros = [Int32](repeating: 0, count: probes.rows), other = [Int32](repeating: 1, count: gallery.rows)
        let input = EmbeddingComparisons.Input(probes: probes, gallery: gallery, probeSubjects: zeros, gallerySubjects: other,
                                               identification: false, shard: nil, threads: .one)
        let found = EmbeddingComparisons.run(input, blocks: EmbeddingComparisons.blocks(input), bound: -.infinity,
                                             mates: EmbeddingComparisons.mates(input))
        var csv = "probe,reference,score\n"
        for s in found.flatMap(\.held) {
            csv += "\(probeIDs[Int(s.probe)]),\(galleryIDs[Int(s.reference)]),\(Double(s.score))\n"
        }
        try write(csv, to: "scores.csv", in: directory)
        func scheme(_ name: String, _ predictions: String) throws -> String {
            try write("""
                {"evalkit": 1, "name": "faces", "task": "verification", "dataset": "\(Self.sample)/dataset.json",
                 "predictions": \(predictions),
                 "options": {"fmr_targets": [0.1, 0.01, 0.001], "global_fmr": 0.01, "threshold": 0.3, "cross_group": true},
                 "slices": [["gender"], ["region"]], "min_slice_size": 1}
                """, to: name, in: directory)
        }
        let fromEmbeddings = try runScheme(try scheme("a.json", #"{"path": "\#(Self.sample)/probes.npy", "gallery": "\#(Self.sample)/gallery.npy"}"#))
        let fromScores = try runScheme(try scheme("b.json", #"{"path": "\#(directory)/scores.csv"}"#))
        let a = fromEmbeddings.evaluations[0], b = fromScores.evaluations[0]
        #expect(a.computed.metrics == b.computed.metrics)
        #expect(a.slices.count == b.slices.count)
        for (x, y) in zip(a.slices, b.slices) { #expect(x.metrics == y.metrics, "\(x.values)") }
        // The cross-group table equal; the DET points of the bounded run are the score list's
        // points that need only the held impostors.
        let tables = (a.computed.itemTables, b.computed.itemTables)
        #expect(tables.0.first { $0.name == "cross_group_fmr" } == tables.1.first { $0.name == "cross_group_fmr" })
        let detA = tables.0.first { $0.name == "det" }!.rows, detB = Set(tables.1.first { $0.name == "det" }!.rows)
        #expect(!detA.isEmpty && detA.allSatisfy { detB.contains($0) })
        // The embeddings run held only the top impostors; the score list held all.
        #expect(a.notes.contains { $0.contains("impostor scores held") })
        #expect(!b.notes.contains { $0.contains("impostor scores held") })
    }
}
