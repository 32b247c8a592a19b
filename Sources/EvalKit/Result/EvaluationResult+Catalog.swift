extension EvaluationResult {
    /// The metric catalog of the evaluation's task kind (empty for a kind this evalkit does not know).
    public var catalog: MetricCatalog { TaskRegistry.catalog(forTask: task) ?? .empty }
}

extension RunResult {
    /// The metric catalog of the evaluation named `name` (a gate's `evaluation`).
    public func catalog(ofEvaluation name: String) -> MetricCatalog {
        evaluations.first { $0.name == name }?.catalog ?? .empty
    }
}
