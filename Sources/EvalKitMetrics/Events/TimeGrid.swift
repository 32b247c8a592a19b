/// The one rule for which frames or segments a time interval covers (docs/metrics.md, "Events:
/// time grid").
///
/// A grid divides a video into units: segments of `time_resolution` seconds, or frames at a
/// frame rate. Unit u covers [u·r, (u+1)·r) with r the resolution (1/fps for frames). An interval
/// [onset, offset) covers units ⌊onset / r⌋ ..< ⌈offset / r⌉ — sed_eval's `event_list_to_event_roll`,
/// computed the same way in double precision (`onset * 1 / r`), so segment counts equal sed_eval's
/// even where a decimal time lands just below a unit edge in binary (0.3 / 0.1 = 2.9999999999999996).
/// For a frame rate the quotient is `t × fps`. A zero-length interval covers the unit it lies in,
/// or nothing when it lies on an edge. A video of duration d has ⌈d / r⌉ units; units past the
/// end are cut off, as sed_eval cuts its event roll to the evaluated length.
public struct TimeGrid: Sendable, Equatable, Hashable {
    public enum Unit: Sendable, Equatable, Hashable {
        /// Segments of this many seconds.
        case resolution(Double)
        /// Frames at this many per second.
        case framesPerSecond(Double)
    }

    public var unit: Unit

    public init(_ unit: Unit) { self.unit = unit }

    /// `t` in units (not rounded).
    @inlinable public func position(_ t: Double) -> Double {
        switch unit {
        case .resolution(let r): return t * 1 / r
        case .framesPerSecond(let fps): return t * fps
        }
    }

    /// The units a video of `duration` seconds has.
    @inlinable public func unitCount(duration: Double) -> Int {
        Int(position(duration).rounded(.up))
    }

    /// The units [onset, offset) covers, cut to `0 ..< units`.
    @inlinable public func covered(onset: Double, offset: Double, units: Int) -> Range<Int> {
        let first = Self.clamped(position(onset).rounded(.down), units)
        let end = max(first, Self.clamped(position(offset).rounded(.up), units))
        return first..<end
    }

    /// `value` (a whole number) as an Int in 0...units, without trapping on huge values.
    @inlinable static func clamped(_ value: Double, _ units: Int) -> Int {
        if !(value > 0) { return 0 }
        return value >= Double(units) ? units : Int(value)
    }

    /// The most units a video may have (2^28: 124 days at 25 frames a second); a video's bitsets
    /// take 2 × units / 8 bytes per class while it is evaluated.
    public static let maximumUnits = 1 << 28

    /// The interval of seconds unit `u` covers (a frame of frame labels as an interval).
    @inlinable public func interval(ofUnit u: Int) -> (onset: Double, offset: Double) {
        switch unit {
        case .resolution(let r): return (Double(u) * r, Double(u + 1) * r)
        case .framesPerSecond(let fps): return (Double(u) / fps, Double(u + 1) / fps)
        }
    }

    /// Seconds per unit.
    public var seconds: Double {
        switch unit {
        case .resolution(let r): return r
        case .framesPerSecond(let fps): return 1 / fps
        }
    }
}
