/// The `columns` keys of a dataset manifest that a task kind reads beyond the common ones (`id`,
/// `label`, `attributes`): classification's `labels`, detection's `object_attributes`. A
/// manifest is checked against the surface of the kind of the evaluation that names it.
public struct ManifestSurface: Sendable {
    /// `columns` keys every kind reads.
    public static let commonColumnKeys = ["id", "label", "attributes"]

    /// The kind, for messages ("manifest columns of a text dataset"); nil for any kind.
    public var kind: String?
    /// The kind's own `columns` keys.
    public var columnKeys: [String]
    /// Those of `columnKeys` that list more attributes to slice by (events' `event_attributes`).
    public var attributeListKeys: [String]
    /// Whether `columns` must name a label (verification's templates have subjects, not labels).
    public var requiresLabel: Bool

    public init(kind: String?, columnKeys: [String], attributeListKeys: [String] = [], requiresLabel: Bool = true) {
        self.kind = kind
        self.columnKeys = columnKeys
        self.attributeListKeys = attributeListKeys
        self.requiresLabel = requiresLabel
    }

    /// Every `columns` key the manifest may have.
    public var allowedColumnKeys: [String] { Self.commonColumnKeys + columnKeys }
}
