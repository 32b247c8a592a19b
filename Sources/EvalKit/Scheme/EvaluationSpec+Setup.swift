import EvalKitData

extension EvaluationSpec {
    /// SHA-256 of what determines an evaluation's numbers besides its data files and the
    /// predictions: the task, its options, the missing/extra policies and the slicing (groupings,
    /// `min_slice_size`, reference groups). A baseline is comparable when this and the ground
    /// truth's sha256 are the same: editing the scheme's gates, metrics list, intervals or name
    /// does not make an earlier run incomparable (docs/ci.md, "Baselines").
    public var setupSHA256: String {
        let reference = slicing.reference.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let text = [
            "task=\(task)",
            "options=\(options?.canonicalText ?? "{}")",
            "missing=\(missing.rawValue)",
            "extra=\(extra.rawValue)",
            "slices=\(slicing.groupings.map { $0.joined(separator: "×") }.joined(separator: ";"))",
            "min_slice_size=\(slicing.minSliceSize)",
            "reference=\(reference.joined(separator: ";"))",
        ].joined(separator: "\n")
        var hasher = StreamingSHA256()
        hasher.update(Array(text.utf8))
        return hasher.hex()
    }
}
