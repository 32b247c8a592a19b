import EvalKitData
import Foundation

/// The `options` of a verification evaluation (docs/schemes.md, "Task `verification`").
struct VerificationOptions: Sendable {
    static let keys = ["similarity", "higher_is_match", "fmr_targets", "threshold", "global_fmr", "eer", "cross_group",
                       "det_points", "identification"]
    static let identificationKeys = ["ranks", "fpir_targets", "candidates", "nonmated"]

    /// How two embeddings are compared.
    enum Similarity: String, CaseIterable { case cosine, dot }
    /// Which searches count as non-mated for FPIR.
    enum NonMated: String, CaseIterable {
        /// Probes whose subject has no gallery template.
        case unmatedProbes = "unmated_probes"
        /// Also every mated search with its mates left out (its best non-mated score).
        case matesRemoved = "mates_removed"
    }

    struct Identification: Sendable {
        var ranks = [1, 5, 10, 20]
        var fpirTargets = [0.01]
        /// Candidate list length L: a mate ranked below L is not found (investigation mode).
        var candidates: Int?
        var nonMated = NonMated.unmatedProbes
    }

    var similarity = Similarity.cosine
    /// Scores are similarities (true) or distances (false: a comparison matches at or below the
    /// threshold). Distances are negated when read and thresholds negated back when reported.
    var higherIsMatch = true
    /// FMR targets of `fnmr@fmr=…`, `tar@far=…` and `threshold@fmr=…`.
    var fmrTargets = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6]
    /// A fixed decision threshold (`fmr@threshold`, `fnmr@threshold`).
    var threshold: Double?
    /// The FMR at which the global threshold is set on all impostor comparisons.
    var globalFMR = 1e-3
    /// The EER's definition: bob.measure's (default) or pyeer's (docs/metrics.md, "Verification").
    enum EER: String, CaseIterable { case bob, pyeer }
    var eer = EER.bob
    /// Whether to report FMR for every (probe group, reference group) pair.
    var crossGroup = false
    /// Points of the DET/ROC curve (bob.measure's `det(…, n_points)`).
    var detPoints = 100
    var identification: Identification?

    /// Every FMR the held impostor scores must reach.
    var largestFMR: Double { ([globalFMR] + fmrTargets).max()! }

    static func read(_ node: JSONNode?, reader: inout NodeReader) -> VerificationOptions {
        var options = VerificationOptions()
        guard let node else { return options }
        reader.object(node, allowed: keys, what: "verification options")
        guard node.objectMembers != nil else { return options }
        if let s = reader.choice(node["similarity"], "similarity", in: node, Similarity.allCases.map(\.rawValue)) {
            options.similarity = Similarity(rawValue: s)!
        }
        if let h = reader.bool(node["higher_is_match"], "higher_is_match", in: node) { options.higherIsMatch = h }
        if let list = node["fmr_targets"] {
            if let targets = rates(list, "fmr_targets", reader: &reader) { options.fmrTargets = targets }
        }
        if let t = node["threshold"], let value = reader.number(t, "threshold", in: node) {
            if value.isFinite { options.threshold = value } else { reader.fail(t, expected: "a finite number", found: t.foundDescription) }
        }
        if let g = node["global_fmr"], let value = reader.number(g, "global_fmr", in: node) {
            if value > 0 && value < 1 { options.globalFMR = value } else {
                reader.fail(g, expected: "a false match rate between 0 and 1 (exclusive)", found: g.foundDescription)
            }
        }
        if let e = reader.choice(node["eer"], "eer", in: node, ["bob", "pyeer"]) { options.eer = EER(rawValue: e)! }
        if let c = reader.bool(node["cross_group"], "cross_group", in: node) { options.crossGroup = c }
        if let d = node["det_points"], let n = reader.integer(d, "det_points", in: node) {
            if n >= 2 && n <= 100_000 { options.detPoints = n } else {
                reader.fail(d, expected: "a number of points from 2 to 100000", found: d.foundDescription)
            }
        }
        if let id = node["identification"] {
            if id.boolValue == true {
                options.identification = Identification()
            } else if id.boolValue == false {
                options.identification = nil
            } else if id.objectMembers != nil {
                reader.object(id, allowed: identificationKeys, what: "identification options")
                var identification = Identification()
                if let r = id["ranks"] {
                    if let items = r.arrayItems, !items.isEmpty,
                       let ranks = Optional(items.compactMap { $0.numberValue.flatMap { $0 >= 1 && $0 == $0.rounded() && $0 < 1e9 ? Int($0) : nil } }),
                       ranks.count == items.count {
                        identification.ranks = Array(Set(ranks)).sorted()
                    } else {
                        reader.fail(r, expected: "a non-empty list of ranks (whole numbers ≥ 1)", found: r.foundDescription)
                    }
                }
                if let f = id["fpir_targets"], let targets = rates(f, "fpir_targets", reader: &reader) { identification.fpirTargets = targets }
                if let c = id["candidates"], let n = reader.integer(c, "candidates", in: id) {
                    if n >= 1 { identification.candidates = n } else { reader.fail(c, expected: "a candidate list length ≥ 1", found: c.foundDescription) }
                }
                if let n = reader.choice(id["nonmated"], "nonmated", in: id, NonMated.allCases.map(\.rawValue)) {
                    identification.nonMated = NonMated(rawValue: n)!
                }
                if let l = identification.candidates, let high = identification.ranks.last, high > l, let r = id["ranks"] {
                    reader.fail(r, "rank \(high) is beyond the candidate list length \(l)")
                }
                options.identification = identification
            } else {
                reader.fail(id, expected: "true or an object of " + identificationKeys.joined(separator: ", "), found: id.foundDescription)
            }
        }
        return options
    }

    /// A non-empty list of distinct rates strictly between 0 and 1, largest first.
    static func rates(_ node: JSONNode, _ key: String, reader: inout NodeReader) -> [Double]? {
        guard let items = node.arrayItems, !items.isEmpty else {
            reader.fail(node, expected: "a non-empty list of rates between 0 and 1", found: node.foundDescription)
            return nil
        }
        var values: [Double] = []
        for item in items {
            guard let v = item.numberValue, v > 0, v < 1 else {
                reader.fail(item, expected: "a rate between 0 and 1 (exclusive)", found: item.foundDescription)
                return nil
            }
            values.append(v)
        }
        return Array(Set(values)).sorted(by: >)
    }

    /// The key suffix of a rate: `1e-4` for a power of ten from 1e-2 down, else the shortest
    /// decimal (`0.1`, `0.003`).
    static func rateName(_ rate: Double) -> String {
        let exponent = (log10(rate)).rounded()
        if abs(rate - pow10(Int(exponent))) <= rate * 1e-12 && exponent <= -2 {
            return "1e\(Int(exponent))"
        }
        return shortest(rate)
    }

    private static func pow10(_ e: Int) -> Double {
        var x = 1.0
        if e >= 0 { for _ in 0..<e { x *= 10 } } else { for _ in 0..<(-e) { x /= 10 } }
        return x
    }

    private static func shortest(_ value: Double) -> String { "\(value)" }
}
