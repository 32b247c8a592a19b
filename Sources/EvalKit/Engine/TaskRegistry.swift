import EvalKitData

/// The task kinds evalkit knows, keyed by the scheme's `task` string. Adding a kind is one line
/// here plus its folder under `Tasks/` and its metrics under `EvalKitMetrics/`.
public enum TaskRegistry {
    public static let kinds: [any TaskKind.Type] = [
        ClassificationTask.self,
        DetectionTask.self,
        TextTask.self,
        EventsTask.self,
        VerificationTask.self,
        TrackingTask.self,
    ]

    public static var names: [String] { kinds.map { $0.name } }

    public static func kind(named name: String) -> (any TaskKind.Type)? {
        kinds.first { $0.name == name }
    }

    /// Manifest `columns` keys of every kind (a manifest read without a known task kind).
    public static var anyManifest: ManifestSurface {
        ManifestSurface(kind: nil, columnKeys: unique(kinds.flatMap { $0.surface.manifest.columnKeys }),
                        attributeListKeys: unique(kinds.flatMap { $0.surface.manifest.attributeListKeys }),
                        requiresLabel: kinds.allSatisfy { $0.surface.manifest.requiresLabel })
    }

    /// The metric catalog of the task kind named `name` (for code that has only a results.json);
    /// nil for an unknown kind.
    public static func catalog(forTask name: String) -> MetricCatalog? {
        kind(named: name)?.catalog
    }
}
