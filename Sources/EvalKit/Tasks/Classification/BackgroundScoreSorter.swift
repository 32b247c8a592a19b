import Dispatch
import EvalKitMetrics

/// Sorts binary scores into `ScoreRuns` (one per slice cell) on a second thread while the reader
/// goes on: the reader hands over chunks of (score, is-positive) pairs; a serial queue
/// radix-sorts each chunk into runs and merges it into its cell's total. `finish()` waits and
/// returns the totals.
///
/// On the 10-million-row benchmark this moves the sort (about a fifth of the work) off the
/// parsing thread. The result equals adding the scores directly, since runs merge exactly.
///
/// `inline` (`--threads 1`, or a reading worker that is itself one of several threads) sorts on
/// the caller's thread instead.
final class BackgroundScoreSorter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "evalkit.score-sorter")
    private let inline: Bool

    init(inline: Bool = false) { self.inline = inline }
    /// Touched only on `queue`.
    private var totals: [ScoreRuns] = []
    /// Filled on the reader's thread, per cell.
    private var scores: [[Double]] = []
    private var positives: [[Bool]] = []
    private var pending = 0
    static let chunk = 1 << 20

    /// Adds one score of a cell (the reader's thread).
    @inline(__always)
    func add(cell: Int, _ score: Double, positive: Bool) {
        if cell >= scores.count { grow(to: cell + 1) }
        scores[cell].append(score)
        positives[cell].append(positive)
        pending += 1
        if pending >= Self.chunk { submit() }
    }

    /// Adds a batch of scores of one cell (the reader's thread).
    func add(cell: Int, _ batchScores: [Double], _ batchPositives: [Bool]) {
        if cell >= scores.count { grow(to: cell + 1) }
        scores[cell] += batchScores
        positives[cell] += batchPositives
        pending += batchScores.count
        if pending >= Self.chunk { submit() }
    }

    private func grow(to count: Int) {
        while scores.count < count {
            scores.append([])
            positives.append([])
        }
    }

    private func submit() {
        guard pending > 0 else { return }
        let chunkScores = scores
        let chunkPositives = positives
        for i in scores.indices {
            scores[i] = []
            positives[i] = []
        }
        pending = 0
        if inline {
            sort(chunkScores, chunkPositives)
        } else {
            queue.async { self.sort(chunkScores, chunkPositives) }
        }
    }

    /// Sorts one chunk per cell into runs and merges them into the cells' totals.
    private func sort(_ chunkScores: [[Double]], _ chunkPositives: [[Bool]]) {
        while totals.count < chunkScores.count { totals.append(ScoreRuns()) }
        for cell in chunkScores.indices where !chunkScores[cell].isEmpty {
            var runs = ScoreRuns()
            chunkScores[cell].withUnsafeBufferPointer { s in
                chunkPositives[cell].withUnsafeBufferPointer { p in runs.add(scores: s, positives: p) }
            }
            runs.compact()
            totals[cell].merge(runs)
        }
    }

    /// Waits for the queued chunks and returns each cell's scores as runs (`count` cells).
    func finish(cells count: Int) -> [ScoreRuns] {
        submit()
        var result = inline ? totals : queue.sync { totals }
        while result.count < count { result.append(ScoreRuns()) }
        return result
    }
}
