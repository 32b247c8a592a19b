import EvalKitData

/// 1:N identification metrics of a state's searches (bob.measure's rules, `Identification`):
/// `rank<k>` is the closed-set identification rate over the mated searches (a non-mate scoring
/// exactly the mate's score ranks ahead of it); `fnir@fpir=<f>` sets the threshold on the
/// non-mated searches' top scores at FPIR f (bob's `far_threshold` rule) and counts a mated
/// search as missed when its mate scores below the threshold or ranks beyond the candidate list
/// (`candidates`, default 1).
extension VerificationMetrics {
    static func searches(_ state: VerificationState, options: VerificationOptions.Identification) -> (mated: [IdentificationSearch], nonMated: [IdentificationSearch]) {
        var mated: [IdentificationSearch] = [], nonMated: [IdentificationSearch] = []
        let w = state.subjectWeights
        for record in state.searches {
            let weight = w.map { $0[Int(record.subject)] } ?? 1
            if weight == 0 { continue }
            let top = record.topNonMateScore == -.infinity ? nil : record.topNonMateScore
            if record.rank > 0 {
                mated.append(IdentificationSearch(mateRank: Int(record.rank + record.ties), mateScore: record.mateScore, topNonMateScore: top,
                                                  nonMateCount: 0, weight: weight))
                if options.nonMated == .matesRemoved, top != nil {
                    nonMated.append(IdentificationSearch(mateRank: 0, mateScore: nil, topNonMateScore: top, nonMateCount: 1, weight: weight))
                }
            } else if top != nil {
                nonMated.append(IdentificationSearch(mateRank: 0, mateScore: nil, topNonMateScore: top, nonMateCount: 1, weight: weight))
            }
        }
        return (mated, nonMated)
    }

    static func addIdentification(_ state: VerificationState, options: VerificationOptions.Identification, sign: Double,
                                  to m: inout MetricValues) {
        let (mated, nonMated) = searches(state, options: options)
        m.set("mated_searches", Double(mated.reduce(Int64(0)) { $0 + $1.weight }))
        m.set("nonmated_searches", Double(nonMated.reduce(Int64(0)) { $0 + $1.weight }))
        for rank in options.ranks {
            set(&m, "rank\(rank)") { () throws(VerificationUndefined) in
                guard !mated.isEmpty else { throw .noMatedSearches }
                return try Identification.identificationRate(mated, rank: rank)
            }
        }
        let candidates = options.candidates ?? 1
        for f in options.fpirTargets {
            let r = VerificationOptions.rateName(f)
            do {
                let t = try Identification.thresholdAtFPIR(nonMated, target: f)
                guard !mated.isEmpty else { throw VerificationUndefined.noMatedSearches }
                m.set("fnir@fpir=\(r)", try Identification.falseNegativeIdentificationRate(mated, threshold: t, rank: candidates))
                m.set("threshold@fpir=\(r)", sign * t)
            } catch {
                m.set("fnir@fpir=\(r)", .nan, undefinedReason: "\(error)")
                m.set("threshold@fpir=\(r)", .nan, undefinedReason: "\(error)")
            }
        }
    }
}
