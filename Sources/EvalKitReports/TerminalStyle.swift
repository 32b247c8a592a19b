#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Colours for the terminal report: only when standard output is a terminal, never when
/// `NO_COLOR` is set (https://no-color.org) or `TERM=dumb`.
public struct TerminalStyle: Sendable {
    public var colors: Bool

    public init(colors: Bool) { self.colors = colors }

    /// The style for standard output in this process's environment.
    public static func forStandardOutput() -> TerminalStyle {
        let environment = { (name: String) -> String? in getenv(name).map { String(cString: $0) } }
        return decide(isTerminal: isatty(STDOUT_FILENO) == 1, noColor: environment("NO_COLOR"), term: environment("TERM"))
    }

    /// The rule: colours on a terminal, unless `NO_COLOR` is set to a non-empty value or `TERM=dumb`.
    public static func decide(isTerminal: Bool, noColor: String?, term: String?) -> TerminalStyle {
        let noColorSet = noColor.map { !$0.isEmpty } ?? false
        return TerminalStyle(colors: isTerminal && !noColorSet && term != "dumb")
    }

    func wrap(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
}
