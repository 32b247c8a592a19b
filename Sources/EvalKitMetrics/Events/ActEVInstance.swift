/// One activity instance of an ActEV reference or system output: an activity name, the
/// instance's id, its frames in one video file, and (system instances) its `presenceConf`.
///
/// The AD protocols' schemas allow one file per instance (`temporal_localization` has
/// `maxProperties: 1`), which the scorer's per-file alignment relies on; so does this type.
public struct ActEVInstance: Sendable, Equatable {
    public var activity: String
    /// `activityID` as written (an integer in the schemas), for the alignment records.
    public var id: String
    /// The system's confidence (higher: more confident); nil for reference instances.
    public var presenceConf: Double?
    /// The video file the instance is localized in.
    public var file: String
    /// Its frames, as written (`{"3034": 1, "3062": 0}`).
    public var signal: ActEVSignal

    public init(activity: String, id: String, presenceConf: Double? = nil, file: String, signal: ActEVSignal) {
        self.activity = activity
        self.id = id
        self.presenceConf = presenceConf
        self.file = file
        self.signal = signal
    }
}

/// A video of the file index: its frame rate and the frames selected for scoring
/// (`{"framerate": 30.0, "selected": {"1": 1, "20941": 0}}`).
public struct ActEVFile: Sendable, Equatable {
    public var name: String
    public var frameRate: Double
    /// Selected frames as written; the rest of the video is a no-score region.
    public var selected: ActEVSignal

    public init(name: String, frameRate: Double, selected: ActEVSignal) {
        self.name = name
        self.frameRate = frameRate
        self.selected = selected
    }

    /// The number of selected frames (the scorer's `file_framedur_lookup`).
    public var selectedFrames: Int { selected.area }

    /// Whether `signal` lies inside the selected frames, as the scorer decides it:
    /// `(selected | signal) == selected`, comparing the normalized union with the file index's
    /// steps as written (so a file index with a redundant step keeps no instance).
    public func contains(_ signal: ActEVSignal) -> Bool {
        (selected | signal) == selected
    }
}

/// A reference or system output file: its instances in file order and the files it says it
/// processed (`processingReport.fileStatuses` when present, else `filesProcessed`, as the scorer
/// reads them for `--ignore-extraneous-files` and `--ignore-missing-files`).
public struct ActEVSubmission: Sendable, Equatable {
    public var instances: [ActEVInstance]
    public var filesProcessed: [String]

    public init(instances: [ActEVInstance], filesProcessed: [String]) {
        self.instances = instances
        self.filesProcessed = filesProcessed
    }
}
