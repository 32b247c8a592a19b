extension ComparisonScores {
    /// bob.measure `eer_threshold(negatives, positives)`: the threshold where |FMR − FNMR| is
    /// smallest, by `_minimizing_threshold` with the absolute-difference criterion (see
    /// `minimizingThreshold(_:)` for the walk, its bounded start and when it throws).
    public func eerThreshold() throws(VerificationUndefined) -> Double {
        try minimizingThreshold(.absoluteDifference)
    }

    /// bob.measure `min_hter_threshold(negatives, positives)`: the threshold minimising
    /// (FMR + FNMR) / 2, i.e. `minWeightedErrorThreshold(cost: 0.5)`.
    public func minHTERThreshold() throws(VerificationUndefined) -> Double {
        try minimizingThreshold(.weightedError(cost: 0.5))
    }

    /// bob.measure `min_weighted_error_rate_threshold(negatives, positives, cost)`: the threshold
    /// minimising cost·FMR + (1 − cost)·FNMR; cost is clipped to [0, 1] as bob does.
    public func minWeightedErrorThreshold(cost: Double) throws(VerificationUndefined) -> Double {
        if cost.isNaN { throw .invalidParameter("the cost is NaN") }
        return try minimizingThreshold(.weightedError(cost: min(max(cost, 0), 1)))
    }

    /// What `minimizingThreshold(_:)` minimises.
    enum MinimizingCriterion {
        /// |FMR − FNMR| (bob's "absolute-difference").
        case absoluteDifference
        /// cost·FMR + (1 − cost)·FNMR (bob's "weighted-error").
        case weightedError(cost: Double)

        @inline(__always)
        func callAsFunction(_ far: Double, _ frr: Double) -> Double {
            switch self {
            case .absoluteDifference: abs(far - frr)
            case .weightedError(let cost): (cost * far) + ((1.0 - cost) * frr)
            }
        }
    }

    /// bob.measure 6.1 `_minimizing_threshold(negatives, positives, criterion, cost)`, ported.
    ///
    /// The walk: FAR starts at 1.0 and FRR at 0.0 with the threshold at the lowest score. At each
    /// step the criterion of the current (FAR, FRR) is compared with the minimum so far (`<=`, so
    /// later thresholds win ties); then the next distinct score v (impostors and genuine merged)
    /// is passed: FAR −= 1/N once per impostor copy at v and FRR += 1/P once per genuine copy,
    /// accumulated in floating point exactly as bob does, and the threshold becomes the midpoint
    /// (v + next score) / 2. The walk stops when one side is exhausted; the last state is compared
    /// with `<`, and finally (0, 1) at the double just above the highest score of the side not yet
    /// exhausted, also with `<`. The minimum starts at 1e8 with threshold 1e8.
    ///
    /// **Bounded impostors.** Only the start differs from bob's walk: it begins at the bound, in
    /// the state S* where every score below the bound has been passed. FRR there is accumulated
    /// over the genuine scores below the bound exactly as bob does; FAR is the value bob's
    /// `far -= 1/N` reaches after the N − held unheld impostors, which depends on their count
    /// alone and is computed without them (`repeatedlySubtracted`, bit-identical to the loop). S*'s
    /// threshold — bob's midpoint between the highest score below the bound (possibly an unheld
    /// impostor) and the lowest held score — is unknown. Every earlier state has FAR ≥ FAR* and
    /// FRR ≤ FRR* (bob's accumulations are monotone, and so is rounding), hence a criterion
    /// ≥ a bound B: for the absolute difference B = FAR* − FRR* (the criterion at S*) when that is
    /// ≥ 0; for the weighted error B = cost·FAR* (the genuine term is ≥ 0). The answer is returned
    /// when the smallest criterion from S* on is ≤ B (ties go to the later state, as in bob's
    /// `<=`) and is not S*'s own; then it is bob's answer on all the scores, bit for bit.
    /// Otherwise — FAR* < FRR* (the EER crossing may lie below the bound), a weighted minimum that
    /// unheld impostors could undercut, or the minimum at S* — throws `.needsUnheldImpostors`.
    ///
    /// Throws `.noGenuine` / `.noImpostors` when a side is empty (bob raises `RuntimeError`).
    /// - Complexity: O(held impostors + genuine) in distinct scores, plus O(genuine weight) for
    ///   FRR's per-copy accumulation (FAR's is O(binades) per run, `repeatedlySubtracted`).
    func minimizingThreshold(_ criterion: MinimizingCriterion) throws(VerificationUndefined) -> Double {
        if genuineTotal == 0 { throw .noGenuine }
        if impostorTotal == 0 { throw .noImpostors }
        let neg = impostorRuns, pos = genuineRuns
        let farDecrease = 1.0 / Double(impostorTotal)
        let frrIncrease = 1.0 / Double(genuineTotal)
        var far = 1.0, frr = 0.0
        var minPredicate = 1e8
        var minThreshold: Double? = 1e8
        var threshold: Double?  // nil: S*'s threshold, unknown
        var ni = 0, pi = 0
        var lowerBound = 0.0  // bounded: no state before S* has a smaller criterion
        if holdsAllImpostors {
            threshold = pos.values[0] < neg.values[0] ? pos.values[0] : neg.values[0]
        } else {
            while pi < pos.count && pos.values[pi] < impostorBound {
                for _ in 0..<pos.weights[pi] { frr += frrIncrease }
                pi += 1
            }
            guard neg.count > 0, pi < pos.count else {
                throw .needsUnheldImpostors("the minimum lies below the bound (no genuine score or no held impostor above it)")
            }
            far = repeatedlySubtracted(1.0, farDecrease, times: impostorTotal - neg.total)
            switch criterion {
            case .absoluteDifference:
                lowerBound = far - frr
                if !(lowerBound >= 0) {
                    throw .needsUnheldImpostors("FMR − FNMR at the bound is \(lowerBound) < 0: the EER crossing may lie below it")
                }
            case .weightedError(let cost):
                lowerBound = cost * far
            }
        }
        while pi < pos.count && ni < neg.count {
            let predicate = criterion(far, frr)
            if predicate <= minPredicate {
                minPredicate = predicate
                minThreshold = threshold
            }
            let v: Double
            if pos.values[pi] >= neg.values[ni] {
                v = neg.values[ni]
                far = repeatedlySubtracted(far, farDecrease, times: neg.weights[ni])
                ni += 1
                if pi < pos.count && pos.values[pi] == v {
                    for _ in 0..<pos.weights[pi] { frr += frrIncrease }
                    pi += 1
                }
            } else {
                v = pos.values[pi]
                for _ in 0..<pos.weights[pi] { frr += frrIncrease }
                pi += 1
            }
            if ni < neg.count || pi < pos.count {
                let next: Double
                if ni < neg.count && pi < pos.count {
                    next = pos.values[pi] < neg.values[ni] ? pos.values[pi] : neg.values[ni]
                } else if ni < neg.count {
                    next = neg.values[ni]
                } else {
                    next = pos.values[pi]
                }
                threshold = (v + next) / 2
            } else {
                threshold = v
            }
        }
        if !holdsAllImpostors && !(minPredicate <= lowerBound) {
            throw .needsUnheldImpostors("the smallest criterion above the bound, \(minPredicate), exceeds \(lowerBound), which scores below the bound could undercut")
        }
        let predicate = criterion(far, frr)
        if predicate < minPredicate {
            minPredicate = predicate
            minThreshold = threshold
        }
        if ni < neg.count || pi < pos.count {
            let last = ni < neg.count ? neg.values[neg.count - 1] : pos.values[pos.count - 1]
            if criterion(0.0, 1.0) < minPredicate {
                minPredicate = criterion(0.0, 1.0)
                minThreshold = numpyNextAfter(last, last + 1)
            }
        }
        guard let minThreshold else {
            throw .needsUnheldImpostors("the minimum is at the bound itself, between an unheld impostor score and the lowest held score")
        }
        return minThreshold
    }
}
