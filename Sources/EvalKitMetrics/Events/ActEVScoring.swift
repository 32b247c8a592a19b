/// The scorer's command-line options that change what is scored.
public struct ActEVOptions: Sendable, Equatable {
    /// `-i`: keep instances that reach into a no-score region (outside the file index's
    /// selected frames); by default they are dropped.
    public var ignoreNoScoreRegions = false
    /// `-F`: drop instances in files the submission processed but the file index lacks, and
    /// accept such files in the system's file list.
    public var ignoreExtraneousFiles = false
    /// `-m`: drop instances in files of the index the submission did not process, and accept a
    /// system file list that lacks index files.
    public var ignoreMissingFiles = false
    /// `-I`: score activities of the activity index that have no reference instance.
    public var includeZeroReferenceActivities = false
    /// `-P fraction`: before scoring, keep per activity only the most confident system instances
    /// whose frames add up to less than `fraction` of the selected frames (`ActivitiesFilePruner`).
    public var pruneSystemOutput: Double?

    public init(ignoreNoScoreRegions: Bool = false, ignoreExtraneousFiles: Bool = false, ignoreMissingFiles: Bool = false,
                includeZeroReferenceActivities: Bool = false, pruneSystemOutput: Double? = nil) {
        self.ignoreNoScoreRegions = ignoreNoScoreRegions
        self.ignoreExtraneousFiles = ignoreExtraneousFiles
        self.ignoreMissingFiles = ignoreMissingFiles
        self.includeZeroReferenceActivities = includeZeroReferenceActivities
        self.pruneSystemOutput = pruneSystemOutput
    }
}

/// Why a run cannot be scored (the scorer's own aborts).
public enum ActEVScoringError: Error, Equatable, CustomStringConvertible {
    /// The system's processed files and the file index differ (`check_file_index_congruence`).
    case incongruentFiles(extraneous: [String], missing: [String])
    /// An instance is localized in a file outside the file index.
    case fileNotInIndex(instance: String, file: String, reference: Bool)
    /// `-P` needs instances of exactly two steps (a start and an end).
    case pruneNeedsIntervals(instance: String)

    public var description: String {
        switch self {
        case .incongruentFiles(let extraneous, let missing):
            var parts: [String] = []
            if !extraneous.isEmpty { parts.append("extraneous files in the system output: " + extraneous.joined(separator: ", ")) }
            if !missing.isEmpty { parts.append("index files missing from the system output: " + missing.joined(separator: ", ")) }
            return "system files and file index are incongruent (" + parts.joined(separator: "; ") + ")"
        case .fileNotInIndex(let instance, let file, let reference):
            return "\(reference ? "reference" : "system") instance \(instance) is localized in \(file), which is not in the file index"
        case .pruneNeedsIntervals(let instance):
            return "system instance \(instance) has other than two steps; --prune-system-output needs start and end only"
        }
    }
}

/// A scored run: the activities scored, each video's alignment and statistics (file index
/// order), the context they were aligned in, and the scores.
public struct ActEVRun: Sendable {
    public var activities: [String]
    public var videos: [ActEVVideoAlignment]
    public var context: ActEVAlignmentContext
    public var result: ActEVResult
}

extension ActEV {
    /// Scores a reference and a system output as `ActEV_Scorer.py <protocol>` does with the given
    /// options: prune (`-P`), check the system's files against the index, drop instances outside
    /// the selected frames (unless `-i`) and in extraneous or missing files (`-F`, `-m`), drop
    /// activities without reference instances (unless `-I`), align every video and compute.
    public static func score(reference: ActEVSubmission, system: ActEVSubmission, activityIndex: [String],
                             fileIndex: [ActEVFile], parameters: ActEVParameters,
                             options: ActEVOptions = ActEVOptions()) throws -> ActEVRun {
        var systemInstances = system.instances
        var bounds: (minimum: Double, maximum: Double)?
        if let fraction = options.pruneSystemOutput {
            (systemInstances, bounds) = try prune(systemInstances, fileIndex: fileIndex, fraction: fraction)
        }
        try checkFiles(system: system, fileIndex: fileIndex, options: options)
        let files = Dictionary(fileIndex.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let refs = try admitted(reference.instances, processed: reference.filesProcessed, files: files, options: options, reference: true)
        let syss = try admitted(systemInstances, processed: system.filesProcessed, files: files, options: options, reference: false)

        var activities: [String] = []
        var seen = Set<String>()
        let referenced = Set(refs.map(\.activity))
        for name in activityIndex where seen.insert(name).inserted {
            if options.includeZeroReferenceActivities || referenced.contains(name) { activities.append(name) }
        }
        var context = ActEVAlignmentContext(system: syss, files: fileIndex)
        // The scorer re-creates its protocol when it drops activities without references, and
        // the pruning bounds are lost with it: they apply only under `-I`.
        context.prunedBounds = options.includeZeroReferenceActivities ? bounds : nil

        var refsByFile: [String: [ActEVInstance]] = [:]
        var sysByFile: [String: [ActEVInstance]] = [:]
        for r in refs { refsByFile[r.file, default: []].append(r) }
        for s in syss { sysByFile[s.file, default: []].append(s) }
        var videos: [ActEVVideoAlignment] = []
        var done = Set<String>()
        for file in fileIndex where done.insert(file.name).inserted {
            videos.append(align(file: file, references: refsByFile[file.name] ?? [], system: sysByFile[file.name] ?? [],
                                activities: activities, parameters: parameters, context: context))
        }
        let result = compute(videos.map { ($0.statistics, 1) }, activities: activities, parameters: parameters,
                             includeZeroReferenceActivities: options.includeZeroReferenceActivities)
        return ActEVRun(activities: activities, videos: videos, context: context, result: result)
    }

    /// `check_file_index_congruence`: the files the system processed are those of the index, except
    /// extraneous ones under `-F` and missing ones under `-m` (also all a validation-only run, `-V`,
    /// checks besides the schema).
    public static func checkFiles(system: ActEVSubmission, fileIndex: [ActEVFile], options: ActEVOptions = ActEVOptions()) throws {
        let indexNames = Set(fileIndex.map(\.name))
        let systemFiles = Set(system.filesProcessed)
        let extraneous = options.ignoreExtraneousFiles ? [] : systemFiles.subtracting(indexNames).sorted()
        let missing = options.ignoreMissingFiles ? [] : indexNames.subtracting(systemFiles).sorted()
        if !extraneous.isEmpty || !missing.isEmpty {
            throw ActEVScoringError.incongruentFiles(extraneous: extraneous, missing: missing)
        }
    }

    /// `parse_activities`: the instances the scorer keeps. An instance in a file outside the index
    /// is an error unless `-F` drops it (under `-i` the scorer may keep some and fail later).
    static func admitted(_ instances: [ActEVInstance], processed: [String], files: [String: ActEVFile],
                         options: ActEVOptions, reference: Bool) throws -> [ActEVInstance] {
        let processedSet = Set(processed)
        var kept: [ActEVInstance] = []
        for instance in instances {
            guard let file = files[instance.file] else {
                if options.ignoreExtraneousFiles { continue }
                throw ActEVScoringError.fileNotInIndex(instance: instance.id, file: instance.file, reference: reference)
            }
            if !options.ignoreNoScoreRegions && !file.contains(instance.signal) { continue }
            if options.ignoreMissingFiles && !processedSet.contains(instance.file) { continue }
            kept.append(instance)
        }
        return kept
    }

    /// `ActivitiesFilePruner.prune`: the frame budget is `fraction` × Σ over files of
    /// (second − first + 1) of the file index's `selected` frames taken in *string* order, truncated;
    /// per activity, presenceConf values are taken from the highest down and the threshold is the
    /// lowest value whose instances (with those above) last fewer frames than the budget. Also
    /// returns the bounds the kernel then normalizes with: min(1, lowest) and max(0, highest).
    public static func prune(_ instances: [ActEVInstance], fileIndex: [ActEVFile], fraction: Double) throws
        -> (kept: [ActEVInstance], bounds: (minimum: Double, maximum: Double)) {
        var budgetFrames = 0
        for file in fileIndex {
            let keys = file.selected.frames.map { String($0) }.sorted()
            if keys.count >= 2 { budgetFrames += Int(keys[1])! - Int(keys[0])! + 1 }
        }
        let budget = Int((Double(budgetFrames) * fraction).rounded(.towardZero))
        var low = 1.0, high = 0.0
        for instance in instances {
            let conf = instance.presenceConf ?? 0
            if conf < low { low = conf }
            if conf > high { high = conf }
        }
        // Frames per (activity, presenceConf).
        var durations: [String: [Double: Int]] = [:]
        for instance in instances {
            guard instance.signal.frames.count == 2, instance.signal.frames[1] > instance.signal.frames[0] else {
                throw ActEVScoringError.pruneNeedsIntervals(instance: instance.id)
            }
            let duration = instance.signal.frames[1] - instance.signal.frames[0]
            durations[instance.activity, default: [:]][instance.presenceConf ?? 0, default: 0] += duration
        }
        var thresholds: [String: Double] = [:]
        for (activity, byConf) in durations {
            let confs = byConf.keys.sorted(by: >)
            var threshold = confs[0] + 1
            var sum = 0
            for conf in confs {
                sum += byConf[conf]!
                if sum < budget { threshold = conf }
            }
            thresholds[activity] = threshold
        }
        let kept = instances.filter { ($0.presenceConf ?? 0) >= thresholds[$0.activity]! }
        return (kept, (low, high))
    }
}
