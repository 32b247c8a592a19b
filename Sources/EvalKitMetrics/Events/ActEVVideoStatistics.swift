/// Sufficient statistics of one video for ActEV's activity-detection scores: after the
/// alignment, every system instance is either matched (a correct detection) or a false alarm,
/// and every reference instance matched or missed. The DET curve over all videos is then a
/// sort of the system instances by presenceConf (`ActEV.compute`).
///
/// The scorer aligns instances within one activity and one file (`default_cohort_gen`), so
/// videos do not interact once the `ActEVAlignmentContext` is fixed; the remaining global
/// quantities are sums: minutes (RFA's denominator), non-reference frames (TFA's denominator),
/// counts and frames.
public struct ActEVVideoStatistics: Sendable, Equatable {
    /// The file's name in the file index.
    public var file: String
    public var frameRate: Double
    /// Selected frames (the file index's `selected` area).
    public var selectedFrames: Int
    /// The activities with an instance in this video, sorted by name. An activity not listed has
    /// no reference instance and no system instance here, and `selectedFrames` non-reference frames.
    public var activities: [Activity]
    /// The alignment context the statistics were computed with (videos of one run share it).
    public var context: ActEVAlignmentContext

    /// One activity's instances in the video.
    public struct Activity: Sendable, Equatable {
        public var name: String
        /// Reference instances (matched or missed).
        public var references: Int
        /// Frames outside the reference instances: the scorer's `not_ref` area for this activity
        /// and file (TFA's denominator), from frame 0 to `selectedFrames`.
        public var nonReferenceFrames: Int
        /// System instances, by decreasing presenceConf (ties in file order).
        public var detections: [Detection]

        public init(name: String, references: Int, nonReferenceFrames: Int, detections: [Detection]) {
            self.name = name
            self.references = references
            self.nonReferenceFrames = nonReferenceFrames
            self.detections = detections
        }
    }

    /// One system instance after the alignment.
    public struct Detection: Sendable, Equatable {
        public var presenceConf: Double
        /// Aligned to a reference instance (a correct detection), else a false alarm.
        public var matched: Bool
        /// The pair's n-MIDE term, cost × (missed / reference frames + false-alarm frames /
        /// non-reference frames); nil for a false alarm or a pair the scorer rejects (no frames in
        /// either denominator).
        public var nMIDE: Double?
        /// What the instance adds to TFA's numerator when the threshold reaches it (0 without TFA):
        /// its frames outside the references (`perInstance`), or the growth of
        /// ∫ max(S − R, 0) in its file when it joins the instances of higher presenceConf (`coverage`).
        public var timeFalseAlarmFrames: Int

        public init(presenceConf: Double, matched: Bool, nMIDE: Double?, timeFalseAlarmFrames: Int) {
            self.presenceConf = presenceConf
            self.matched = matched
            self.nMIDE = nMIDE
            self.timeFalseAlarmFrames = timeFalseAlarmFrames
        }
    }

    public init(file: String, frameRate: Double, selectedFrames: Int, activities: [Activity], context: ActEVAlignmentContext) {
        self.file = file
        self.frameRate = frameRate
        self.selectedFrames = selectedFrames
        self.activities = activities
        self.context = context
    }

    /// The activity's statistics in this video (an empty one when it has no instance here).
    public func activity(_ name: String) -> Activity {
        if let found = activities.first(where: { $0.name == name }) { return found }
        return Activity(name: name, references: 0, nonReferenceFrames: ActEVSignal().complement(frameCount: selectedFrames).area, detections: [])
    }

    /// Seconds of selected video (RFA's denominator is their sum over videos, in minutes).
    public var seconds: Double { Double(selectedFrames) / frameRate }
}
