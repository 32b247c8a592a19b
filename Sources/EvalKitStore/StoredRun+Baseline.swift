import EvalKit

extension StoredRun {
    /// This run as the baseline of change gates (`--baseline ID|TAG`) or a side of
    /// `evalkit compare`: its overall and per-slice metrics, and the manifest and ground-truth
    /// paths it read (to look up item ids). Item outcomes are added by `RunHistory.baseline(_:)`.
    public func asBaseline(reference: String) -> Baseline {
        var evaluations: [String: Baseline.Evaluation] = [:]
        for evaluation in self.evaluations {
            var metrics: [String: Double?] = [:]
            for metric in evaluation.metrics { metrics[metric.name] = metric.value }
            var slices: [String: [String: Double?]] = [:]
            for slice in evaluation.slices {
                var values: [String: Double?] = [:]
                for metric in slice.metrics { values[metric.name] = metric.value }
                slices[Baseline.sliceKey(slice.attributes, slice.values)] = values
            }
            var baseline = Baseline.Evaluation(datasetSHA256: evaluation.datasetSHA256, metrics: metrics, slices: slices)
            baseline.setupSHA256 = evaluation.setupSHA256
            baseline.manifestPath = evaluation.datasetManifest
            baseline.groundTruthPath = evaluation.files.first { $0.role == "ground_truth" }?.path
            baseline.task = evaluation.task
            evaluations[evaluation.name] = baseline
        }
        var baseline = Baseline(reference: reference, schemeName: schemeName, schemeSHA256: schemeSHA256, evaluations: evaluations)
        baseline.privacy = privacy
        return baseline
    }
}
