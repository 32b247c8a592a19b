import Foundation

/// A rejected input: names the file, the place in it, the field, what was expected and what was
/// found, so the person who wrote the file can fix it without reading evalkit's source.
///
/// Rendered as `file:line: field "score": expected a number, found "n/a"` (CSV, JSONL),
/// `file:line:column (evaluations[0].metrics[2]): ...` (JSON), or `file: ...` when the whole file
/// is at fault (missing, unreadable, empty). Every `InputError` ends a run with exit status 2.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file at fault, as the user named it (relative paths stay relative).
    public var file: String
    /// 1-based line number, when the fault is on one line.
    public var line: Int?
    /// 1-based column (JSON sources), when known.
    public var column: Int?
    /// JSON path such as `evaluations[0].gates[1].metric`, for JSON sources.
    public var path: String?
    /// The field (column, key, option) at fault.
    public var field: String?
    /// What was expected, e.g. `a number`.
    public var expected: String?
    /// What was found, already quoted or described, e.g. `"n/a"`.
    public var found: String?
    /// Free text for faults that are not a field's value (a missing file, a duplicate id).
    public var message: String?
    /// A suggestion such as `did you mean "metrics"?`.
    public var hint: String?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, path: String? = nil,
        field: String? = nil, expected: String? = nil, found: String? = nil,
        message: String? = nil, hint: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.field = field
        self.expected = expected
        self.found = found
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        if let path, !path.isEmpty { place += " (\(path))" }
        var parts: [String] = []
        if let field { parts.append("field \"\(field)\"") }
        var body = parts.joined(separator: " ")
        if let message {
            body = body.isEmpty ? message : "\(body): \(message)"
        }
        if let expected {
            let clause = "expected \(expected)" + (found.map { ", found \($0)" } ?? "")
            body = body.isEmpty ? clause : "\(body): \(clause)"
        } else if let found, message == nil {
            body = body.isEmpty ? "found \(found)" : "\(body): found \(found)"
        }
        var text = "\(place): \(body)"
        if let hint { text += "; \(hint)" }
        return text
    }
}

/// Several input errors found in one pass (a scheme with three mistakes reports all three).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Quotes a found value for an error message, shortening long values.
public func quoted(_ value: String, limit: Int = 60) -> String {
    var text = value
    if text.count > limit { text = String(text.prefix(limit)) + "…" }
    text = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return "\"\(text)\""
}
