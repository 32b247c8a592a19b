/// One event: an interval of a video with a class (an index into the state's labels), and the
/// target object it concerns (an index into the reading's object names; -1: none), when the
/// inputs name one: such an event matches only events of the same object.
public struct TimedEvent: Sendable, Equatable {
    public var onset: Double
    public var offset: Double
    public var label: Int32
    public var object: Int32

    public init(onset: Double, offset: Double, label: Int32, object: Int32 = -1) {
        self.onset = onset
        self.offset = offset
        self.label = label
        self.object = object
    }
}

/// A video's reference and system events, in the order of their files (sed_eval's substitution
/// count depends on that order), and its duration in seconds.
public struct VideoEvents: Sendable {
    public var reference: [TimedEvent] = []
    public var estimated: [TimedEvent] = []
    public var duration: Double

    public init(duration: Double, reference: [TimedEvent] = [], estimated: [TimedEvent] = []) {
        self.duration = duration
        self.reference = reference
        self.estimated = estimated
    }
}

/// A system event with a confidence score (higher: more confident), for the metrics that sweep
/// a threshold over the scores (PSDS, ActEV's DET curve, tIoU mAP).
public struct ScoredEvent: Sendable, Equatable {
    public var onset: Double
    public var offset: Double
    public var label: Int32
    public var score: Double

    public init(onset: Double, offset: Double, label: Int32, score: Double) {
        self.onset = onset
        self.offset = offset
        self.label = label
        self.score = score
    }

    public var event: TimedEvent { TimedEvent(onset: onset, offset: offset, label: label) }
}
