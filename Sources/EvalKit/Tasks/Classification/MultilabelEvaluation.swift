import EvalKitData

/// Multilabel attributes: several binary label columns evaluated at once (scikit-learn's
/// multilabel-indicator case). Pending the metrics' MultilabelState.
struct MultilabelEvaluation: EvaluationTask {
    typealias State = ClassificationState
    let plan: ClassificationPlan
    var availableMetrics: [String] { [] }
    func makeState() -> ClassificationState { ClassificationState(classCount: 2) }
    func accumulate(into cells: inout SliceCells<ClassificationState>) throws -> InputsRead {
        throw InputError(file: plan.spec.schemeFile, message: "multilabel is not available yet")
    }
    func compute(_ state: ClassificationState) -> ComputedMetrics { ComputedMetrics() }
}
