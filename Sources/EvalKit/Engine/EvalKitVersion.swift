/// The version of evalkit, written into every results.json and printed by `--version`.
public enum EvalKitVersion {
    public static let current = "0.1.0"
}
