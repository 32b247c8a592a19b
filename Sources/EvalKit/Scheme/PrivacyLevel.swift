/// What a run may write about single items (the scheme's top-level `"privacy"`; docs/schemes.md,
/// "Privacy").
public enum PrivacyLevel: String, Sendable, CaseIterable {
    /// Everything: item tables (per image, per track, ...), item outcomes, ids in comparisons.
    case full
    /// Aggregates only: no output lists items or holds a row per item (item tables, the
    /// `outcomes/` sidecars, item outcomes in the history, ids in `evalkit compare`); each report
    /// says so.
    case aggregateOnly = "aggregate_only"

    /// What the reports say when item-level outputs are withheld.
    public static let withheldNotice = "item-level outputs withheld: privacy aggregate_only"
}
