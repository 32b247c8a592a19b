@testable import EvalKitSession
import EvalKitData
import Foundation
import Testing

/// The progress line's rules, with a clock the test moves: nothing in the first second, at most
/// one draw per 100 ms, cleared by `finish`, silent afterwards; each stage's rate and time left.
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
    /// A stage's rate counts from its first update (even one too early to draw), and its time left
    /// is what remains of the total at that rate, rounded up to the second.
    @Test func rateAndTimeLeftFromTheStagesFirstUpdate() {
        let terminal = Terminal()
        let progress = line(terminal)
        terminal.now = 500 * Self.milliseconds
        progress.show(ProgressUpdate(stage: "reading a.csv", done: 0, total: 10_000_000, unit: .bytes))
        terminal.now = 1500 * Self.milliseconds
        progress.show(ProgressUpdate(stage: "reading a.csv", done: 4_000_000, total: 10_000_000, unit: .bytes))
        #expect(terminal.writes == ["\rreading a.csv: 4.0 of 10.0 MB (40%), 4.0 MB/s, 2 s left"])
        // Another stage keeps its own rate; the first one's is not disturbed by it.
        terminal.now = 1600 * Self.milliseconds
        progress.show(ProgressUpdate(stage: "bootstrap intervals", done: 0, total: 1000, unit: .replicates))
        terminal.now = 2600 * Self.milliseconds
        progress.show(ProgressUpdate(stage: "bootstrap intervals", done: 250, total: 1000, unit: .replicates))
        #expect(terminal.writes.last?.hasPrefix("\rbootstrap intervals: 250 of 1,000 replicates (25%), 250 replicates/s, 3 s left") == true)
        terminal.now = 2700 * Self.milliseconds
        progress.show(ProgressUpdate(stage: "reading a.csv", done: 8_800_000, total: 10_000_000, unit: .bytes))
        #expect(terminal.writes.last?.hasPrefix("\rreading a.csv: 8.8 of 10.0 MB (88%), 4.0 MB/s, 1 s left") == true)
    }

    /// No rate in a stage's first quarter second, nor before anything was done.
    @Test func noRateTooEarly() {
        let terminal = Terminal()
        let progress = line(terminal)
        terminal.now = 1000 * Self.milliseconds
        progress.show(ProgressUpdate(stage: "comparing embeddings", done: 0, total: 96, unit: .tiles))
        terminal.now = 1200 * Self.milliseconds
        progress.show(ProgressUpdate(stage: "comparing embeddings", done: 3, total: 96, unit: .tiles))
        #expect(terminal.writes == ["\rcomparing embeddings: 0 of 96 tiles (0%), 1 s", "\rcomparing embeddings: 3 of 96 tiles (3%), 1 s"])
    }

    @Test func textWithARate() {
        #expect(ProgressLine.text(ProgressUpdate(stage: "reading <stdin>", done: 123_456_789, total: nil, unit: .bytes), seconds: 3.7,
                                  rate: 41_200_000) == "reading <stdin>: 123.5 MB, 41.2 MB/s, 3 s")
        #expect(ProgressLine.text(ProgressUpdate(stage: "sequences", done: 12, total: 50, unit: .sequences), seconds: 12, rate: 1.5)
                == "sequences: 12 of 50 sequences (24%), 1.5 sequences/s, 26 s left")
        #expect(ProgressLine.text(ProgressUpdate(stage: "reading lists", done: 1200, total: 1_000_000, unit: .files), seconds: 9, rate: 1234.4)
                == "reading lists: 1,200 of 1,000,000 files (0%), 1,234 files/s, 13 min 30 s left")
        #expect(ProgressLine.duration(0.2) == "1 s" && ProgressLine.duration(59) == "59 s" && ProgressLine.duration(60) == "1 min 0 s")
        #expect(ProgressLine.duration(3 * 3600 + 61) == "3 h 1 min")
    }

    /// A tally that several threads add to reports every sum once, in order.
    @Test func tallyReportsEverySumInOrder() {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int64] = []
        }
        let seen = Seen()
        let tally = ProgressTally(ProgressReporter { update in seen.lock.withLock { seen.values.append(update.done) } },
                                  stage: "comparing embeddings", total: 400, unit: .tiles)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in for _ in 0..<100 { tally.add() } }
        #expect(seen.values == Array(1...400))
        ProgressTally(.off, stage: "nothing", total: nil, unit: .files).add()
    }
}
