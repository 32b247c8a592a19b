import EvalKitData

/// Computes a verification state's metrics with the error-rate functions of
/// `EvalKitMetrics/Verification` (bob.measure's definitions): overall or a slice's, or a
/// bootstrap replicate's (subject weights). Scores are similarities inside; with
/// `higher_is_match: false` they were negated when read, and thresholds are negated back here.
enum VerificationMetrics {
    static func metricNames(_ options: VerificationOptions) -> [String] {
        var names = ["eer", "eer_threshold"]
        for f in options.fmrTargets {
            let r = VerificationOptions.rateName(f)
            names += ["fnmr@fmr=\(r)", "tar@far=\(r)", "threshold@fmr=\(r)"]
        }
        if options.threshold != nil { names += ["fmr@threshold", "fnmr@threshold"] }
        names += ["fmr@global_threshold", "fnmr@global_threshold", "global_threshold", "genuine_comparisons", "impostor_comparisons", "subjects"]
        if let id = options.identification {
            names += id.ranks.map { "rank\($0)" }
            for f in id.fpirTargets {
                let r = VerificationOptions.rateName(f)
                names += ["fnir@fpir=\(r)", "threshold@fpir=\(r)"]
            }
            names += ["mated_searches", "nonmated_searches"]
        }
        return names
    }

    /// The state's scores as the error-rate functions take them, weighted by a replicate's draws.
    static func scores(_ state: VerificationState, subjects: SubjectTable) -> ComparisonScores {
        guard let w = state.subjectWeights else {
            return make(genuine: sortedScores(state.genuineRuns), genuineWeights: nil, impostors: sortedScores(state.impostorRuns),
                        impostorWeights: nil, total: state.impostorCount, bound: state.impostorBound)
        }
        let (genuine, genuineWeights) = weightedScores(state.genuineRuns, w)
        let (impostors, impostorWeights) = weightedScores(state.impostorRuns, w)
        let held = impostorWeights.reduce(0, +)
        let total = state.design == .scoreList ? held : weightedImpostors(state, subjects: subjects, weights: w)
        return make(genuine: genuine, genuineWeights: genuineWeights, impostors: impostors, impostorWeights: impostorWeights,
                    total: total, bound: state.impostorBound)
    }

    /// The runs' scores, ascending (one run as it is; several concatenated and radix-sorted).
    static func sortedScores(_ runs: [[ScoredPair]]) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(runs.reduce(0) { $0 + $1.count })
        for run in runs { for p in run { values.append(p.score + 0.0) } }  // -0.0 as +0.0, as the radix sort gives it
        if runs.count > 1 { RadixSort.sort(&values) }
        return values
    }

    /// The runs' scores ascending with their weights: a mated comparison weighs its subject's
    /// draws, an impostor the product of its two subjects' draws; zero weights are left out.
    static func weightedScores(_ runs: [[ScoredPair]], _ w: [Int64]) -> ([Double], [Int64]) {
        var keys: [UInt64] = [], weights: [Int64] = []
        for run in runs {
            for p in run {
                let k = p.probe == p.reference ? w[Int(p.probe)] : w[Int(p.probe)] * w[Int(p.reference)]
                if k > 0 { keys.append(OrderedKey.encode(p.score)); weights.append(k) }
            }
        }
        if runs.count > 1 {
            var order = [Int32](0..<Int32(keys.count))
            RadixSort.sort(&keys, payload: &order)
            weights = order.map { weights[Int($0)] }
        }
        return (keys.map(OrderedKey.decode), weights)
    }

    /// The scores of a state, which holds them sorted, bounded and weighted as the error-rate
    /// functions require; anything else is a fault of evalkit.
    private static func make(genuine: [Double], genuineWeights: [Int64]?, impostors: [Double], impostorWeights: [Int64]?,
                             total: Int64, bound: Double) -> ComparisonScores {
        do {
            return try ComparisonScores(genuine: genuine, genuineWeights: genuineWeights, impostors: impostors,
                                        impostorWeights: impostorWeights, impostorTotal: total,
                                        impostorBound: total > Int64(impostors.count) || impostorWeights != nil ? bound : -.infinity)
        } catch {
            preconditionFailure("verification state gave inconsistent scores: \(error)")
        }
    }

    /// Σ over the state's impostor comparisons of the two subjects' draws, from the subjects'
    /// template counts (every probe template against every reference template of another subject).
    static func weightedImpostors(_ state: VerificationState, subjects: SubjectTable, weights w: [Int64]) -> Int64 {
        let pairs = ImpostorPairCounts(subjects: subjects, groupOf: subjects.group.map { Int($0) }, groups: subjects.groups.count,
                                       weights: w, withinSet: state.design == .withinSet)
        return state.groupPairs.reduce(0) { $0 + pairs.count(Int($1.probe), Int($1.reference)) }
    }

    /// The global threshold: the one at `global_fmr` on every impostor comparison (bob.measure's
    /// `far_threshold`), fixed before slices and replicates are computed.
    static func globalThreshold(_ s: ComparisonScores, options: VerificationOptions) -> (Double?, String?) {
        do {
            return (try s.thresholdAtFMR(options.globalFMR), nil)
        } catch {
            return (nil, "the global threshold at FMR \(VerificationOptions.rateName(options.globalFMR)): \(error)")
        }
    }

    /// Whether the held impostor scores reach every FMR target and the EER.
    static func holdsEnough(_ s: ComparisonScores, options: VerificationOptions) -> Bool {
        func short(_ error: VerificationUndefined) -> Bool {
            if case .needsUnheldImpostors = error { return true }
            return false
        }
        for f in options.fmrTargets + [options.globalFMR] {
            do { _ = try s.thresholdAtFMR(f) } catch { if short(error) { return false } }
        }
        do { _ = try s.eer(definition(options)) } catch { if short(error) { return false } }
        return true
    }

    /// A rough EER from samples (where the sampled FMR and FNMR cross), to size the held scores.
    static func estimatedEER(impostors: [Float], genuine: [Float]) -> Double {
        guard !impostors.isEmpty, !genuine.isEmpty else { return 0 }
        // At most about 100,000 impostors and 2,000 genuine scores (every k-th): a rough value.
        let n = stride(from: 0, to: impostors.count, by: max(1, impostors.count / 100_000)).map { impostors[$0] }.sorted()
        let p = stride(from: 0, to: genuine.count, by: max(1, genuine.count / 2_000)).map { genuine[$0] }.sorted()
        func below(_ values: [Float], _ t: Float) -> Int {
            var low = 0, high = values.count
            while low < high {
                let mid = (low + high) / 2
                if values[mid] < t { low = mid + 1 } else { high = mid }
            }
            return low
        }
        var best = 1.0, at = 0.0
        for t in p {
            let fnmr = Double(below(p, t)) / Double(p.count)
            let fmr = Double(n.count - below(n, t)) / Double(n.count)
            if abs(fmr - fnmr) < best { best = abs(fmr - fnmr); at = max(fmr, fnmr) }
        }
        return at
    }

    static func compute(_ state: VerificationState, scores given: ComparisonScores? = nil, subjects: SubjectTable,
                        options: VerificationOptions, global: Double?, globalReason: String?, tables: Bool) -> ComputedMetrics {
        var computed = ComputedMetrics()
        var m = MetricValues()
        let s = given ?? scores(state, subjects: subjects)
        let sign: Double = options.higherIsMatch ? 1 : -1
        let genuineTotal = s.genuineWeights?.reduce(0, +) ?? Int64(s.genuine.count)
        let subjectCount = state.subjectWeights.map { w in state.subjects.reduce(Int64(0)) { $0 + w[Int($1)] } } ?? Int64(state.subjects.count)
        computed.count = Int(subjectCount)
        m.set("genuine_comparisons", Double(genuineTotal))
        m.set("impostor_comparisons", Double(s.impostorTotal))
        m.set("subjects", Double(subjectCount))
        do {
            let e = try s.eer(definition(options))
            m.set("eer", e.rate)
            m.set("eer_threshold", sign * e.threshold)
        } catch {
            m.set("eer", .nan, undefinedReason: "\(error)")
            m.set("eer_threshold", .nan, undefinedReason: "\(error)")
        }
        for f in options.fmrTargets {
            let r = VerificationOptions.rateName(f)
            do {
                let t = try s.thresholdAtFMR(f)
                let fnmr = try s.fnmr(atThreshold: t)
                m.set("fnmr@fmr=\(r)", fnmr)
                m.set("tar@far=\(r)", 1 - fnmr)
                m.set("threshold@fmr=\(r)", sign * t)
            } catch {
                for key in ["fnmr@fmr=\(r)", "tar@far=\(r)", "threshold@fmr=\(r)"] { m.set(key, .nan, undefinedReason: "\(error)") }
            }
        }
        if let threshold = options.threshold {
            let t = sign * threshold
            set(&m, "fmr@threshold") { () throws(VerificationUndefined) in try s.fmr(atThreshold: t) }
            set(&m, "fnmr@threshold") { () throws(VerificationUndefined) in try s.fnmr(atThreshold: t) }
        }
        if let g = global {
            m.set("global_threshold", sign * g)
            set(&m, "fmr@global_threshold") { () throws(VerificationUndefined) in try s.fmr(atThreshold: g) }
            set(&m, "fnmr@global_threshold") { () throws(VerificationUndefined) in try s.fnmr(atThreshold: g) }
        } else {
            let reason = globalReason ?? "no global threshold"
            for key in ["global_threshold", "fmr@global_threshold", "fnmr@global_threshold"] { m.set(key, .nan, undefinedReason: reason) }
        }
        if let id = options.identification {
            addIdentification(state, options: id, sign: sign, to: &m)
        }
        computed.metrics = m
        if tables {
            addTables(state, scores: s, subjects: subjects, options: options, global: global, sign: sign, to: &computed)
        }
        return computed
    }

    static func set(_ m: inout MetricValues, _ key: String, _ value: () throws(VerificationUndefined) -> Double) {
        do { m.set(key, try value()) } catch { m.set(key, .nan, undefinedReason: "\(error)") }
    }

    static func definition(_ options: VerificationOptions) -> EERDefinition { options.eer == .bob ? .bob : .pyeer }
}
