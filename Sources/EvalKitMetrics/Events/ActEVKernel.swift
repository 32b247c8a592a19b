/// What the alignment of one video needs to know about the whole run, so that videos aligned
/// apart (threads, shards) align exactly as the scorer aligns them together.
///
/// The scorer's kernel normalizes `presenceConf` over *every* system instance it scored (all
/// activities, all files: `build_sed_presenceconf_congruence(system_activities)`), and its
/// one-second rule measures a second in the frame rate of the file index's *first* file. Both
/// are global; neither depends on the alignment, so a first pass (or the caller) fixes them.
public struct ActEVAlignmentContext: Sendable, Equatable {
    /// How many system instances the run scores, and their smallest and largest presenceConf.
    public var systemInstances: Int
    public var minimumConfidence: Double
    public var maximumConfidence: Double
    /// `--prune-system-output`'s bounds, which replace the above (`minmax`).
    public var prunedBounds: (minimum: Double, maximum: Double)? {
        get { pruned.map { ($0[0], $0[1]) } }
        set { pruned = newValue.map { [$0.minimum, $0.maximum] } }
    }
    private var pruned: [Double]?
    /// One second in frames: the frame rate of the file index's first file.
    public var secondFrames: Double

    public init(systemInstances: Int, minimumConfidence: Double, maximumConfidence: Double, secondFrames: Double) {
        self.systemInstances = systemInstances
        self.minimumConfidence = minimumConfidence
        self.maximumConfidence = maximumConfidence
        self.secondFrames = secondFrames
    }

    /// The context of a run's system instances (after the scorer's filtering) and file index.
    public init(system: [ActEVInstance], files: [ActEVFile]) {
        let confidences = system.compactMap(\.presenceConf)
        self.init(systemInstances: confidences.count, minimumConfidence: confidences.min() ?? 0,
                  maximumConfidence: confidences.max() ?? 0, secondFrames: files.first?.frameRate ?? 0)
    }

    /// The presenceConf congruence of a system instance (`build_sed_presenceconf_congruence`):
    /// (conf − min) / (max − min) over the run; 1 when the run has one instance or one value.
    public func congruence(_ confidence: Double) -> Double {
        guard systemInstances > 1, maximumConfidence - minimumConfidence != 0 else { return 1 }
        if let bounds = prunedBounds {
            return (confidence - bounds.minimum) / (bounds.maximum - bounds.minimum)
        }
        return (confidence - minimumConfidence) / (maximumConfidence - minimumConfidence)
    }
}

/// The value of a reference–system pair in the alignment (ActEV_Scorer's
/// `build_linear_combination_kernel` with the protocol's filter and components):
/// similarity = 1 + ε_t · tIoU + ε_c · congruence for pairs that pass the filter, in that order
/// of addition; pairs that do not pass cannot be aligned.
public struct ActEVKernel: Sendable {
    public var parameters: ActEVParameters
    public var context: ActEVAlignmentContext

    public init(parameters: ActEVParameters, context: ActEVAlignmentContext) {
        self.parameters = parameters
        self.context = context
    }

    /// A pair's similarity and the components reported in `alignment.csv`.
    public struct Value: Sendable, Equatable {
        public var similarity: Double
        /// The temporal IoU, when it is a kernel component.
        public var temporalIoU: Double?
        public var congruence: Double
    }

    /// nil when the filter rejects the pair.
    public func evaluate(reference r: ActEVSignal, system s: ActEVSignal, confidence: Double) -> Value? {
        let intersection = (r & s).area
        switch parameters.overlap {
        case .intersectionOverUnion(let delta):
            guard Self.iou(intersection: intersection, r, s) > delta else { return nil }
        case .oneSecond(let short):
            let second = context.secondFrames
            switch short {
            case .systemShorter(let delta)? where Double(s.area) < second,
                 .referenceShorter(let delta)? where Double(r.area) < second:
                // Intersection over the reference's frames (a zero-length reference divides by
                // zero in the scorer; here the pair is rejected).
                guard Double(intersection) / Double(r.area) >= delta else { return nil }
            default:
                guard Double(intersection) >= second else { return nil }
            }
        }
        var similarity = 1.0
        var iou: Double?
        if let epsilon = parameters.epsilonTemporalCongruence {
            let value = Self.iou(intersection: intersection, r, s)
            iou = value
            similarity += epsilon * value
        }
        let congruence = context.congruence(confidence)
        similarity += parameters.epsilonPresenceConfCongruence * congruence
        return Value(similarity: similarity, temporalIoU: iou, congruence: congruence)
    }

    /// Temporal intersection over union (0 for an empty union).
    static func iou(intersection: Int, _ r: ActEVSignal, _ s: ActEVSignal) -> Double {
        let union = (r | s).area
        return union != 0 ? Double(intersection) / Double(union) : 0
    }
}
