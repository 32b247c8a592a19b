import EvalKitData

/// Impostor comparisons between groups of subjects, from the subjects' template counts, weighted
/// by each subject's bootstrap draws (1 without): probes against a gallery, every probe template
/// of subject a against every reference template of a subject b ≠ a, weight w_a·w_b; one set
/// against itself, every unordered pair of templates of different subjects once.
struct ImpostorPairCounts {
    let withinSet: Bool
    private var probeSum: [Int64]
    private var referenceSum: [Int64]
    private var sameSubject: [Int64]

    /// `groupOf[s]`: subject s's group (0..<groups).
    init(subjects: SubjectTable, groupOf: [Int], groups: Int, weights w: [Int64]?, withinSet: Bool) {
        self.withinSet = withinSet
        probeSum = [Int64](repeating: 0, count: groups)
        referenceSum = probeSum
        sameSubject = probeSum
        for s in subjects.names.indices {
            let weight = w?[s] ?? 1
            guard weight > 0 else { continue }
            let g = groupOf[s], p = subjects.probeTemplates[s]
            let r = withinSet ? p : subjects.referenceTemplates[s]
            probeSum[g] += weight * p
            referenceSum[g] += weight * r
            sameSubject[g] += weight * weight * p * r
        }
    }

    /// Comparisons of a probe in group x with a reference in group y (within one set, x ≤ y and
    /// each pair once; 0 for x > y).
    func count(_ x: Int, _ y: Int) -> Int64 {
        if withinSet {
            if x > y { return 0 }
            return x == y ? (probeSum[x] * probeSum[x] - sameSubject[x]) / 2 : probeSum[x] * probeSum[y]
        }
        return probeSum[x] * referenceSum[y] - (x == y ? sameSubject[x] : 0)
    }
}
