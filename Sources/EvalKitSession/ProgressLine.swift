import EvalKitData
import Foundation

/// The engine's progress drawn as one line on standard error, rewritten in place (`\r`), for runs
/// a person watches: only when standard error is a terminal, only once the run has taken more
/// than a second, at most ten times a second, and cleared before the report prints. `--quiet`
/// turns it off (`forStandardError` returns nil).
///
/// Each stage's rate is its progress since the stage's first update over the time since then
/// (shown once a quarter of a second has passed and something was done), and its time left is
/// what remains of the total at that rate. Stages are told apart by name, so two files read at
/// once each keep their own rate.
///
/// No escape sequences: the previous text is overwritten with spaces, so `TERM=dumb` works too;
/// the line is cut to the terminal's width, since a wrapped line cannot be rewritten.
public final class ProgressLine: @unchecked Sendable {
    /// Nanoseconds between draws.
    static let interval: UInt64 = 100_000_000
    /// The environment variable that changes the one-second delay before the first draw (seconds,
    /// e.g. `0`: tests use it to see the line on runs that are fast).
    static let delayVariable = "EVALKIT_PROGRESS_AFTER"

    private let lock = NSLock()
    private let clock: @Sendable () -> UInt64
    private let output: @Sendable (String) -> Void
    private let width: Int
    private let started: UInt64
    /// Nanoseconds before the first draw.
    private let delay: UInt64
    // Guarded by `lock`:
    private var lastDraw: UInt64?
    private var shownLength = 0
    private var finished = false
    /// Each stage's first update: when, and how much was done then.
    private var stageStarts: [String: (clock: UInt64, done: Int64)] = [:]

    /// Nanoseconds a stage must have run before its rate is shown.
    static let rateAfter: UInt64 = 250_000_000

    /// `clock` gives monotonic nanoseconds; `output` writes text as it is. The delay counts from
    /// `started` (a `clock` reading; now by default).
    init(width: Int, delay: UInt64 = 1_000_000_000, started: UInt64? = nil, clock: @escaping @Sendable () -> UInt64,
         output: @escaping @Sendable (String) -> Void) {
        self.width = max(width, 20)
        self.delay = delay
        self.clock = clock
        self.output = output
        self.started = started ?? clock()
    }

    /// A line on standard error when it is a terminal and `quiet` is false; nil otherwise. Its
    /// delay counts from `since` (when the command began).
    public static func forStandardError(quiet: Bool, since: Date = Date()) -> ProgressLine? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        var size = winsize()
        let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        let given = ProcessInfo.processInfo.environment[delayVariable].flatMap(Double.init)
        let seconds = given.map { $0.isFinite ? min(max($0, 0), 86_400) : 1 } ?? 1
        let now = DispatchTime.now().uptimeNanoseconds
        let elapsed = UInt64(min(max(Date().timeIntervalSince(since), 0), 86_400) * 1e9)
        return ProgressLine(width: columns, delay: UInt64(seconds * 1e9), started: now - min(elapsed, now),
                            clock: { DispatchTime.now().uptimeNanoseconds }, output: { text in
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let wrote = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if wrote < 0 && errno == EINTR { continue }
                    if wrote <= 0 { return }
                    offset += wrote
                }
            }
        })
    }

    /// The reporter to hand to the engine.
    public var reporter: ProgressReporter { ProgressReporter { [self] update in self.show(update) } }

    /// Draws `update` unless it is too early or too soon after the last draw.
    func show(_ update: ProgressUpdate) {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        let start = stageStarts[update.stage] ?? {
            stageStarts[update.stage] = (now, update.done)
            return (now, update.done)
        }()
        guard now &- started >= delay else { return }
        if let lastDraw, now &- lastDraw < Self.interval { return }
        lastDraw = now
        let running = now &- start.clock
        let rate = running >= Self.rateAfter && update.done > start.done
            ? Double(update.done - start.done) / (Double(running) / 1e9) : nil
        let text = String(Self.text(update, seconds: Double(now &- started) / 1e9, rate: rate).prefix(width - 1))
        let padding = max(shownLength - text.count, 0)
        output("\r" + text + String(repeating: " ", count: padding))
        shownLength = text.count
    }

    /// Erases the line (if drawn) and ignores later updates; call before printing anything else.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        if shownLength > 0 { output("\r" + String(repeating: " ", count: shownLength) + "\r") }
        shownLength = 0
    }

    /// `reading data.csv: 120.5 of 400.0 MB (30%), 3 s`; without a total, `reading <stdin>: 120.5 MB, 3 s`.
    /// With a `rate` (units per second): `reading data.csv: 120.5 of 400.0 MB (30%), 40.2 MB/s, 7 s left`
    /// (the time left in place of the time taken); without a total, `reading <stdin>: 120.5 MB, 40.2 MB/s, 3 s`.
    static func text(_ update: ProgressUpdate, seconds: Double, rate: Double? = nil) -> String {
        func amount(_ n: Int64) -> String {
            switch update.unit {
            case .bytes: String(format: "%.1f", Double(n) / 1_000_000)
            case .rows, .images, .replicates, .sequences, .tiles, .files: grouped(n)
            }
        }
        let unit = switch update.unit {
        case .bytes: "MB"
        case .rows: "rows"
        case .images: "images"
        case .replicates: "replicates"
        case .sequences: "sequences"
        case .tiles: "tiles"
        case .files: "files"
        }
        var text = "\(update.stage): "
        let total = update.total.flatMap { $0 > 0 ? $0 : nil }
        if let total {
            let percent = min(100, Int(Double(update.done) * 100 / Double(total)))
            text += "\(amount(update.done)) of \(amount(total)) \(unit) (\(percent)%)"
        } else {
            text += "\(amount(update.done)) \(unit)"
        }
        guard let rate, rate > 0, rate.isFinite else { return text + ", \(Int(seconds)) s" }
        // MB/s with one decimal, as the amounts; counts whole from 10 a second.
        let perSecond = update.unit == .bytes ? rate / 1_000_000 : rate
        let shown = update.unit == .bytes || perSecond < 10 ? String(format: "%.1f", perSecond) : grouped(Int64(perSecond.rounded()))
        text += ", \(shown) \(unit)/s"
        if let total {
            return text + ", " + duration(Double(max(0, total - update.done)) / rate) + " left"
        }
        return text + ", \(Int(seconds)) s"
    }

    /// `7 s`, `2 min 5 s`, `1 h 3 min` (rounded up to the second).
    static func duration(_ seconds: Double) -> String {
        let whole = Int64(min(seconds, 86_400 * 365).rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \((whole % 3600) / 60) min"
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
