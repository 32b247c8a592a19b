/// A step function over frame numbers, as ActEV localizations write it: `{"3034": 1, "3062": 0}`
/// is 1 on frames [3034, 3062) and 0 elsewhere. ActEV_Scorer's `SparseSignal` (lib/sparse_signal.py),
/// with integer frames and values.
///
/// A signal keeps the steps it was given (`raw`), so that comparisons behave as the scorer's
/// dictionary equality does; the operations return *normalized* signals, which keep only the
/// frames where the value changes (the scorer's `join`). Values hold before the first step
/// and after the last as 0, and `area` counts only between the first and the last step.
///
/// - Complexity: operations are O(m + n) in the two signals' steps.
public struct ActEVSignal: Sendable, Equatable {
    /// Frames in increasing order, each once.
    public private(set) var frames: [Int]
    /// The value from each frame on.
    public private(set) var values: [Int]

    /// The empty signal (0 everywhere).
    public init() {
        frames = []
        values = []
    }

    /// Steps in any order; a frame given twice keeps its last value (a JSON object's duplicate key).
    public init(steps: [(frame: Int, value: Int)]) {
        var byFrame: [Int: Int] = [:]
        for step in steps { byFrame[step.frame] = step.value }
        let sorted = byFrame.keys.sorted()
        frames = sorted
        values = sorted.map { byFrame[$0]! }
    }

    /// An interval [start, end): 1 from `start`, 0 from `end`.
    public init(start: Int, end: Int) {
        self.init(steps: [(start, 1), (end, 0)])
    }

    init(sortedFrames: [Int], values: [Int]) {
        frames = sortedFrames
        self.values = values
    }

    public var isEmpty: Bool { frames.isEmpty }

    /// The scorer's `join`: walks the union of both signals' frames in order, carries each
    /// side's last value (0 before its first step), and records `combine` where it changes
    /// from the previous recorded value (0 at first).
    public func join(_ other: ActEVSignal, _ combine: (Int, Int) -> Int) -> ActEVSignal {
        var outFrames: [Int] = []
        var outValues: [Int] = []
        outFrames.reserveCapacity(frames.count + other.frames.count)
        outValues.reserveCapacity(frames.count + other.frames.count)
        var i = 0, j = 0
        var mine = 0, theirs = 0, last = 0
        while i < frames.count || j < other.frames.count {
            let frame: Int
            if j == other.frames.count || (i < frames.count && frames[i] < other.frames[j]) {
                frame = frames[i]; mine = values[i]; i += 1
            } else if i == frames.count || other.frames[j] < frames[i] {
                frame = other.frames[j]; theirs = other.values[j]; j += 1
            } else {
                frame = frames[i]; mine = values[i]; theirs = other.values[j]; i += 1; j += 1
            }
            let value = combine(mine, theirs)
            if value != last {
                outFrames.append(frame)
                outValues.append(value)
                last = value
            }
        }
        return ActEVSignal(sortedFrames: outFrames, values: outValues)
    }

    /// Pointwise sum (`+`).
    public static func + (a: ActEVSignal, b: ActEVSignal) -> ActEVSignal { a.join(b, +) }
    /// Pointwise minimum (`&`, the intersection of 0/1 signals).
    public static func & (a: ActEVSignal, b: ActEVSignal) -> ActEVSignal { a.join(b, Swift.min) }
    /// Pointwise maximum (`|`, the union of 0/1 signals).
    public static func | (a: ActEVSignal, b: ActEVSignal) -> ActEVSignal { a.join(b, Swift.max) }
    /// `a - min(a, b)` pointwise (`-`): what `a` has beyond `b`, never negative.
    public static func - (a: ActEVSignal, b: ActEVSignal) -> ActEVSignal { a.join(b) { $0 - Swift.min($0, $1) } }

    /// The signal with only its change points (`normalize`, `self + {}`).
    public var normalized: ActEVSignal { self + ActEVSignal() }

    /// Σ (next frame − frame) × value over consecutive steps: the frames covered, weighted by
    /// the value; nothing after the last step.
    public var area: Int {
        var total = 0
        var k = 1
        while k < frames.count {
            total += (frames[k] - frames[k - 1]) * values[k - 1]
            k += 1
        }
        return total
    }

    /// The scorer's `not_sig(framecnt)`: 1 where this (reference) signal is 0, from frame 0 to
    /// `frameCount`. Ported as written, including its assumptions: the file starts at frame 0
    /// (a file index selecting frames 1…N counts frame 0 and not frame N), and time after
    /// the signal's last step runs to `frameCount` only when the signal returned to 0.
    public func complement(frameCount: Int) -> ActEVSignal {
        if frames.isEmpty { return ActEVSignal(steps: [(0, 1), (frameCount, 0)]) }
        var steps: [Int: Int] = [:]
        var one = false, zero = false
        for (k, t) in frames.enumerated() {
            let v = values[k]
            if k == 0 {
                if t != 0 {
                    steps[0] = 1
                    steps[t] = 0
                }
                one = true
                continue
            }
            if v != 0 && one && !zero { continue }
            if v == 0 && one {
                zero = true
                steps[t] = 1
            }
            if v != 0 && zero && one {
                zero = false
                steps[t] = 0
            }
            if v != 0 && !one { one = true }
        }
        if zero { steps[frameCount] = 0 }
        return ActEVSignal(steps: steps.map { ($0.key, $0.value) })
    }

    /// The scorer's `generate_collar(size)`: the union of [f − size, f + size) around every
    /// change point f. With size 0 it is empty (the scorer's `{f: 1, f: 0}` keeps `{f: 0}`).
    public func collar(_ size: Int) -> ActEVSignal {
        var result = ActEVSignal()
        for frame in normalized.frames {
            let piece = size == 0 ? ActEVSignal(steps: [(frame, 0)]) : ActEVSignal(steps: [(frame - size, 1), (frame + size, 0)])
            result = result | piece
        }
        return result.normalized
    }
}
