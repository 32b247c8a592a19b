/// evalkit's exit statuses (docs/ci.md, "Exit codes").
public enum ExitStatus {
    public static let passed: Int32 = 0
    public static let gateFailed: Int32 = 1
    public static let badInput: Int32 = 2
    public static let internalError: Int32 = 3
}
