import Foundation

/// Times in the history: ISO-8601 in UTC with milliseconds (`2026-11-21T09:30:00.125Z`), which
/// sort as text and read well in any SQLite tool.
enum HistoryDates {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(secondsFromGMT: 0)!)
    static let plainStyle = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!)

    static func text(_ date: Date) -> String { date.formatted(style) }

    /// The date of a stored time (with or without fractional seconds); the epoch if unreadable.
    static func date(_ text: String) -> Date {
        (try? style.parse(text)) ?? (try? plainStyle.parse(text)) ?? Date(timeIntervalSince1970: 0)
    }
}
