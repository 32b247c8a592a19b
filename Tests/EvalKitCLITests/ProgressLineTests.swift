@testable import EvalKitSession
import EvalKitData
import Foundation
import Testing

/// The progress line's rules, with a clock the test moves: nothing in the first second, at most
/// one draw per 100 ms, cleared by `finish`, silent afterwards.
@Suite struct ProgressLineTests {
    final class Terminal: @unchecked Sendable {
        private let lock = NSLock()
        private var written: [String] = []
        private var nanoseconds: UInt64 = 0
        var writes: [String] { lock.withLock { written } }
        var now: UInt64 {
            get { lock.withLock { nanoseconds } }
            set { lock.withLock { nanoseconds = newValue } }
        }
        func write(_ text: String) { lock.withLock { written.append(text) } }
    }

    static let milliseconds: UInt64 = 1_000_000

    func line(_ terminal: Terminal, width: Int = 80) -> ProgressLine {
        ProgressLine(width: width, clock: { terminal.now }, output: { terminal.write($0) })
    }

    static let reading = ProgressUpdate(stage: "reading a.csv", done: 2_500_000, total: 10_000_000, unit: .bytes)

    @Test func drawsOnlyAfterASecondAndAtMostTenTimesASecond() {
        let terminal = Terminal()
        let progress = line(terminal)
        terminal.now = 999 * Self.milliseconds
        progress.show(Self.reading)
        #expect(terminal.writes.isEmpty, "a run under a second shows nothing")
        terminal.now = 1000 * Self.milliseconds
        progress.show(Self.reading)
        #expect(terminal.writes == ["\rreading a.csv: 2.5 of 10.0 MB (25%), 1 s"])
        terminal.now = 1099 * Self.milliseconds
        progress.show(Self.reading)
        #expect(terminal.writes.count == 1, "throttled")
        terminal.now = 1100 * Self.milliseconds
        progress.show(ProgressUpdate(stage: "bootstrap intervals", done: 5, total: 1000, unit: .replicates))
        // The shorter text overwrites the longer one with spaces.
        let previous = "reading a.csv: 2.5 of 10.0 MB (25%), 1 s".count
        let text = "bootstrap intervals: 5 of 1,000 replicates (0%), 1 s"
        #expect(terminal.writes.last == "\r" + text + String(repeating: " ", count: max(previous - text.count, 0)))
        progress.finish()
        #expect(terminal.writes.last == "\r" + String(repeating: " ", count: text.count) + "\r")
        terminal.now = 5000 * Self.milliseconds
        progress.show(Self.reading)
        #expect(terminal.writes.count == 3, "nothing after finish")
    }

    @Test func finishWithoutADrawWritesNothing() {
        let terminal = Terminal()
        let progress = line(terminal)
        progress.show(Self.reading)
        progress.finish()
        #expect(terminal.writes.isEmpty)
    }

    @Test func theLineIsCutToTheTerminalsWidth() {
        let terminal = Terminal()
        let progress = line(terminal, width: 30)
        terminal.now = 2000 * Self.milliseconds
        progress.show(Self.reading)
        #expect(terminal.writes == ["\r" + String("reading a.csv: 2.5 of 10.0 MB (25%), 2 s".prefix(29))])
    }

    @Test func textWithAndWithoutATotal() {
        #expect(ProgressLine.text(ProgressUpdate(stage: "reading <stdin>", done: 123_456_789, total: nil, unit: .bytes), seconds: 3.7)
                == "reading <stdin>: 123.5 MB, 3 s")
        #expect(ProgressLine.text(ProgressUpdate(stage: "matching detections", done: 12288, total: 50000, unit: .images), seconds: 12)
                == "matching detections: 12,288 of 50,000 images (24%), 12 s")
        #expect(ProgressLine.text(ProgressUpdate(stage: "reading x.jsonl", done: 1_000_000, total: nil, unit: .rows), seconds: 0)
                == "reading x.jsonl: 1,000,000 rows, 0 s")
    }
}
