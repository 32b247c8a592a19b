/// TrackEval's per-sequence sufficient statistics of one class: the CLEAR counts and MOTP sum,
/// the Identity counts and the HOTA counts and association scores at each of the 19 alphas
/// (docs/metrics.md, "Tracking"). Sequences combine by sums (and HOTA_TP-weighted sums), exactly
/// as TrackEval's `combine_sequences`.
public struct SequenceStatistics: Sendable, Equatable {
    public var sequence: String
    public var className: String
    /// How many times the sequence counts (1; a bootstrap replicate's draw).
    public var weight: Int64 = 1
    /// The sequence's length in frames.
    public var frames: Int = 0
    public var gtDets = 0, trackerDets = 0, gtTracks = 0, trackerTracks = 0
    // CLEAR
    /// TrackEval's `CLR_Frames`: the length, or 0 when either side has no boxes (its early return).
    public var clearFrames = 0
    public var clearTP = 0, clearFN = 0, clearFP = 0, idSwitches = 0
    public var mostlyTracked = 0, partiallyTracked = 0, mostlyLost = 0, fragmentations = 0
    /// Sum of the matched pairs' IoU, and of their distance 1 − IoU (py-motmetrics' MOTP).
    public var motpSum = 0.0, motpDistanceSum = 0.0
    /// TrackEval returned early (no ground-truth or no tracker boxes): its per-sequence CLEAR
    /// ratios are then 0 (MLR 1), not computed from the counts.
    public var clearEmpty = false
    // Identity
    public var idtp = 0, idfn = 0, idfp = 0
    // HOTA, one value per alpha (`TrackingParameters.alphas`)
    public var hotaTP: [Int] = [], hotaFN: [Int] = [], hotaFP: [Int] = []
    public var assA: [Double] = [], assRe: [Double] = [], assPr: [Double] = [], locA: [Double] = []

    public init(sequence: String, className: String) {
        self.sequence = sequence
        self.className = className
    }
}

/// One ground-truth track (target object) of a sequence and class, or the part of it whose
/// boxes have one value of the box attributes: its boxes, those matched (CLEAR), those matched
/// by its Identity tracker, and the switches and fragmentations that happened on it.
public struct TrackStatistics: Sendable, Equatable {
    public var sequence: String
    public var className: String
    public var gtId: Int64
    /// Index of the box-attribute value (the cell) of these boxes; 0 without box attributes.
    public var part: Int32 = 0
    public var weight: Int64 = 1
    public var boxes = 0
    public var matched = 0
    public var idtp = 0
    public var idSwitches = 0
    public var fragmentations = 0
    /// First and last frame (1-based) of these boxes.
    public var firstFrame: Int32 = 0
    public var lastFrame: Int32 = 0

    public init(sequence: String, className: String, gtId: Int64, part: Int32 = 0) {
        self.sequence = sequence
        self.className = className
        self.gtId = gtId
        self.part = part
    }

    /// Fraction of the boxes matched (TrackEval's tracked ratio).
    public var coverage: Double { boxes > 0 ? Double(matched) / Double(boxes) : 0 }
}

/// An identity switch or a fragmentation, where it happened: for the item table (`--out`).
public struct TrackEvent: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// The ground-truth object is matched to another tracker id than the last one.
        case idSwitch = 0
        /// The object is tracked again after frames in which it was not.
        case fragmentation = 1
    }

    public var kind: Kind
    public var sequence: String
    public var className: String
    /// 1-based frame.
    public var frame: Int32
    public var gtId: Int64
    /// Tracker id that last matched the object (nil: never before), and the one matching it now.
    public var trackerBefore: Int64?
    public var trackerAfter: Int64
    public var part: Int32 = 0

    public init(kind: Kind, sequence: String, className: String, frame: Int32, gtId: Int64, trackerBefore: Int64?,
                trackerAfter: Int64, part: Int32 = 0) {
        self.kind = kind
        self.sequence = sequence
        self.className = className
        self.frame = frame
        self.gtId = gtId
        self.trackerBefore = trackerBefore
        self.trackerAfter = trackerAfter
        self.part = part
    }
}

/// What evaluating one sequence of one class gives.
public struct SequenceOutcome: Sendable {
    public var statistics: SequenceStatistics
    public var tracks: [TrackStatistics]
    public var events: [TrackEvent]
}
