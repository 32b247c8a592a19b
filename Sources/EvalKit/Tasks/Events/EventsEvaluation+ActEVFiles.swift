import EvalKitData

/// NIST ActEV's own files in the `events` task: the reference (`ground_truth`) and system output
/// (`predictions`) JSON with their `activities` and frame localizations, and the file index
/// (`metadata`: each file's frame rate and selected frames), all `"format": "actev"`, scored as
/// `ActEV_Scorer.py <options.actev_protocol> -r -s -f -a` scores them (`ActEV.score`; docs/events/actev.md).
/// The activities are `options.labels` (the scorer's activity index), or else every activity the
/// two files name, sorted. Only the ActEV scores are reported, with `videos` and `hours`; each file
/// is a video (shards by file name; intervals resample files).
extension EventsEvaluation {
    func accumulateActEVFiles(into cells: inout SliceCells<EventsState>) throws -> InputsRead {
        let spec = plan.spec
        let parameters = plan.options.actev!
        let progress = cells.progress
        let (reference, system) = try cells.threads.both({
            try ActEVJSON.readSubmission(path: plan.truth.resolvedPath, display: plan.truth.displayPath, system: false, progress: progress)
        }, {
            try ActEVJSON.readSubmission(path: spec.predictions.resolvedPath, display: spec.predictions.displayPath, system: true, progress: progress)
        })
        let files = try ActEVJSON.readFileIndex(path: plan.recordings.resolvedPath, display: plan.recordings.displayPath)
        let activities = plan.options.labels
            ?? Array(Set(reference.instances.map(\.activity)).union(system.instances.map(\.activity))).sorted()
        let run: ActEVRun
        do {
            run = try ActEV.score(reference: reference, system: system, activityIndex: activities, fileIndex: files, parameters: parameters)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: spec.predictions.displayPath, message: "\(error)",
                             hint: "the file index \(plan.recordings.displayPath) must list every file the system output processed")
        }
        shape.labels = activities
        shape.hasFrames = false
        cells.keys = [[]]
        cells.states = [makeState()]
        let classes = activities.count
        var evaluated = 0
        for video in run.videos {
            let name = video.statistics.file
            guard cells.shard?.contains(key: name) ?? true else { continue }
            var record = EventsState.Video(name: name, seconds: video.statistics.seconds, segments: GridCounts(classes: classes),
                                           frames: nil, events: EventCounts(classes: classes))
            record.actev = video.statistics
            cells.states[0].add(record)
            evaluated += 1
        }
        var inputs = InputsRead()
        inputs.files = [
            .init(role: "ground_truth", path: plan.truth.displayPath, sha256: try sha256Hex(ofFile: plan.truth.resolvedPath), rows: reference.instances.count),
            .init(role: "predictions", path: spec.predictions.displayPath, sha256: try sha256Hex(ofFile: spec.predictions.resolvedPath),
                  rows: system.instances.count),
            .init(role: "metadata", path: plan.recordings.displayPath, sha256: try sha256Hex(ofFile: plan.recordings.resolvedPath), rows: files.count),
        ]
        let whole = cells.shard?.reportsWholeInputs ?? true
        inputs.items = whole ? run.videos.count : 0
        inputs.matched = evaluated
        inputs.notes.append(InputNote("NIST ActEV files scored under \(parameters.scoringProtocol.rawValue): only the ActEV scores are reported"))
        return inputs
    }

    /// The metrics of ActEV files: `videos`, `hours` and the scorer's values (`actev.`…).
    func computeActEVFiles(_ state: EventsState, perClass: Bool) -> ComputedMetrics {
        var computed = ComputedMetrics()
        let totals = state.totals()
        computed.metrics.set("videos", Double(totals.videos))
        computed.metrics.set("hours", totals.seconds / 3600)
        computed.count = Int(totals.videos)
        if perClass { computed.perClass = state.labels.map { (label: $0, metrics: MetricValues()) } }
        EventsMetrics.addActEVMetrics(state, parameters: plan.options.actev!, to: &computed)
        return computed
    }
}
