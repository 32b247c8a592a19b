import EvalKitData

/// An events evaluation: one `EventsState` per slice cell, each holding its videos' counts.
struct EventsEvaluation: EvaluationTask {
    typealias State = EventsState
    let plan: EventsPlan
    /// Set by `accumulate`: the labels and whether frames are counted (for `makeState`).
    let shape = SharedShape()

    final class SharedShape: @unchecked Sendable {
        var labels: [String] = []
        var hasFrames = false
    }

    var availableMetrics: [String] {
        if plan.actevFiles { return ["videos", "hours"] + EventsMetrics.actevMetricNames(plan.options.actev!) }
        return EventsMetrics.metricNames(frames: true, tiouThresholds: plan.options.tiou.thresholds)
            + (plan.options.actev.map { EventsMetrics.actevMetricNames($0) } ?? [])
            + (plan.options.psds == nil ? [] : ["psds"])
    }
    var catalog: MetricCatalog { EventsTask.catalog }

    func makeState() -> EventsState { EventsState(labels: shape.labels, hasFrames: shape.hasFrames) }

    func compute(_ state: EventsState) -> ComputedMetrics {
        if plan.actevFiles { return computeActEVFiles(state, perClass: true) }
        var computed = EventsMetrics.compute(state, settings: plan.options.settings)
        if let table = alignmentTable(state) { computed.itemTables.append(table) }
        EventsMetrics.addIntervalMetrics(state, parameters: plan.options.tiou, scored: plan.predictionColumns.score != nil, to: &computed)
        if let actev = plan.options.actev { EventsMetrics.addActEVMetrics(state, parameters: actev, to: &computed) }
        if let psds = plan.options.psds { EventsMetrics.addPSDSMetrics(state, parameters: psds, to: &computed) }
        return computed
    }

    func replicateMetrics(_ state: EventsState) -> MetricValues {
        if plan.actevFiles { return computeActEVFiles(state, perClass: false).metrics }
        var computed = EventsMetrics.compute(state, settings: plan.options.settings, perClass: false)
        EventsMetrics.addIntervalMetrics(state, parameters: plan.options.tiou, scored: plan.predictionColumns.score != nil, to: &computed)
        if let actev = plan.options.actev { EventsMetrics.addActEVMetrics(state, parameters: actev, to: &computed) }
        if let psds = plan.options.psds { EventsMetrics.addPSDSMetrics(state, parameters: psds, to: &computed) }
        return computed.metrics
    }

    func itemCount(_ state: EventsState) -> Int { Int(state.totals().videos) }
    var replicatesMergedCells: Bool { true }

    func countReplicate(_ cells: [EventsState], using generator: inout Xoshiro256StarStar) -> [EventsState]? {
        EventsState.resampledVideos(cells, using: &generator)
    }

    func accumulate(into cells: inout SliceCells<EventsState>) throws -> InputsRead {
        if plan.actevFiles { return try accumulateActEVFiles(into: &cells) }
        let options = plan.options
        let progress = cells.progress
        let threads = cells.threads
        let spec = plan.spec
        let (reference, estimated) = try threads.both({
            try plan.eventLists
                ? EventTables.readEventList(path: plan.truth.resolvedPath, display: plan.truth.displayPath, column: 0, threads: threads,
                                            progress: progress)
                : EventTables.readTable(path: plan.truth.resolvedPath, display: plan.truth.displayPath, format: plan.truth.format ?? .csv,
                                        csv: plan.truth.csv, columns: plan.truthColumns, progress: progress, threads: threads)
        }, {
            try plan.eventLists
                ? EventTables.readEventList(path: spec.predictions.resolvedPath, display: spec.predictions.displayPath, column: 1, threads: threads,
                                            progress: progress)
                : EventTables.readTable(path: spec.predictions.resolvedPath, display: spec.predictions.displayPath,
                                        format: spec.predictions.format, csv: spec.predictions.csv, columns: plan.predictionColumns,
                                        progress: progress, threads: threads)
        })
        try plan.truth.checkDigest(reference.sha256, displayPath: plan.truth.displayPath)
        // Slicing attributes: the video's (the recordings table's) and the reference events' own.
        let eventAttributes = plan.truthColumns.attributes
        let videoAttributes = cells.attributes.filter { !eventAttributes.contains($0) }
        let (recordings, recordingsSHA) = try EventTables.readRecordings(
            plan.recordings, videoColumn: plan.truthColumns.video, durationColumn: plan.durationColumn, fpsColumn: plan.fpsColumn,
            attributes: videoAttributes, progress: progress, threads: threads)

        // Labels: declared, or every label met, sorted.
        let labels = options.labels ?? Array(Set(reference.labelNames).union(estimated.labelNames)).sorted()
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
        func labelMap(_ rows: EventRows, _ column: String) throws -> [Int32] {
            try rows.labelNames.enumerated().map { index, name in
                guard let mapped = labelIndex[name] else {
                    let first = rows.label.firstIndex(of: Int32(index))!
                    let (file, line) = rows.place(first)
                    throw InputError(file: file, line: line, field: column, message: "unknown label \(quoted(name))",
                                     hint: "the scheme's options.labels lists \(labels.prefix(8).map { quoted($0) }.joined(separator: ", "))"
                                         + (labels.count > 8 ? ", …" : ""))
                }
                return mapped
            }
        }
        let referenceLabels = try labelMap(reference, plan.truthColumns.label)
        let estimatedLabels = try labelMap(estimated, plan.predictionColumns.label)
        // Target objects: one vocabulary for both sides, in order of first appearance.
        var objectNames = reference.objectNames
        var objectIndex = reference.objectIndex
        for name in estimated.objectNames where objectIndex[name] == nil {
            objectIndex[name] = Int32(objectNames.count)
            objectNames.append(name)
        }
        let referenceObjects = reference.objectNames.map { objectIndex[$0]! }
        let estimatedObjects = estimated.objectNames.map { objectIndex[$0]! }

        // Videos: the recordings table's, sorted by name; every reference video must be listed.
        let videoNames = recordings.keys.sorted()
        let videoIndex = Dictionary(uniqueKeysWithValues: videoNames.enumerated().map { ($1, $0) })
        func videoMap(_ rows: EventRows, isReference: Bool) throws -> (map: [Int], unknownRows: Int) {
            var unknownRows = 0
            var map: [Int] = []
            for (index, name) in rows.videoNames.enumerated() {
                if let known = videoIndex[name] { map.append(known); continue }
                let rowIndex = rows.video.firstIndex(of: Int32(index))
                let place = rowIndex.map { rows.place($0) }
                if isReference || spec.extra == .error {
                    throw InputError(file: place?.file ?? rows.files.first ?? plan.recordings.displayPath, line: place?.line,
                                     message: "video \(quoted(name)) is not in the recordings table \(plan.recordings.displayPath)",
                                     hint: isReference ? "list every video with its duration in the recordings table"
                                         : "set \"extra\": \"ignore\" to leave out system events of videos that are not evaluated (they are counted)")
                }
                map.append(-1)
            }
            // Rows of videos left out (`extra: ignore`), counted in one pass.
            if map.contains(-1) { for video in rows.video where map[Int(video)] < 0 { unknownRows += 1 } }
            return (map, unknownRows)
        }
        let referenceVideos = try videoMap(reference, isReference: true).map
        let (estimatedVideos, extraEvents) = try videoMap(estimated, isReference: false)
        if plan.eventLists {
            let listed = Set(reference.listedRecordings)
            if let unlisted = videoNames.first(where: { !listed.contains($0) }) {
                throw InputError(file: plan.truth.displayPath,
                                 message: "video \(quoted(unlisted)) of the recordings table \(plan.recordings.displayPath) is not in the file list",
                                 hint: "the file list names a reference and an estimate list for every video evaluated")
            }
        }

        // Frame rates: the recordings table's, else the option's.
        let framesInput = plan.truthColumns.frame != nil || plan.predictionColumns.frame != nil || options.actev != nil
        let hasFrames = options.fps != nil || videoNames.contains { recordings[$0]!.fps != nil }
        if hasFrames || framesInput {
            if let video = videoNames.first(where: { recordings[$0]!.fps == nil && options.fps == nil }) {
                throw InputError(file: plan.recordings.displayPath, line: recordings[video]!.line, field: plan.fpsColumn,
                                 message: "video \(quoted(video)) has no frame rate",
                                 hint: "frame labels and frame-based metrics need every video's fps (a column of the recordings table, or options.fps)")
            }
        }
        shape.labels = labels
        shape.hasFrames = hasFrames
        // ActEV's alignment normalises presenceConf over every system instance of the run, and
        // counts one second in frames at the first video's frame rate (docs/events/actev.md).
        var actevContext: ActEVAlignmentContext?
        if options.actev != nil {
            var scores: [Double] = []
            for row in 0..<estimated.count where estimatedVideos[Int(estimated.video[row])] >= 0 { scores.append(estimated.score[row]) }
            let first = videoNames.first.map { recordings[$0]!.fps ?? options.fps! } ?? 0
            actevContext = ActEVAlignmentContext(systemInstances: scores.count, minimumConfidence: scores.min() ?? 0,
                                                 maximumConfidence: scores.max() ?? 0, secondFrames: first)
        }

        // Events grouped by video, in file order.
        let referenceByVideo = group(reference, videos: referenceVideos, count: videoNames.count)
        let estimatedByVideo = group(estimated, videos: estimatedVideos, count: videoNames.count)

        // Shards: a shard evaluates the videos whose name falls in it.
        let included = videoNames.map { cells.shard?.contains(key: $0) ?? true }
        let whole = cells.shard?.reportsWholeInputs ?? true

        // Per video: check and count, on every thread.
        let classes = labels.count
        let grid = TimeGrid(.resolution(options.timeResolution))
        let chunk = max(1, videoNames.count / max(1, threads.count * 8))
        let chunks = (videoNames.count + chunk - 1) / chunk
        struct Counted {
            var videos: [EventsState.Video?]
            /// Per video, its parts by event-attribute values (slices by event attributes).
            var parts: [[(values: [String], part: EventsState.Video)]] = []
            var clipped: Int
            var overlaps: Int
        }
        let counted = try threads.map(chunks) { c throws -> Counted in
            var segmentCounter = GridCounter(classes: classes), frameCounter = GridCounter(classes: classes)
            var result = Counted(videos: [], clipped: 0, overlaps: 0)
            for v in (c * chunk)..<min(videoNames.count, (c + 1) * chunk) {
                guard included[v] else { result.videos.append(nil); result.parts.append([]); continue }
                let name = videoNames[v], recording = recordings[name]!
                let fps = recording.fps ?? options.fps
                var video = VideoEvents(duration: recording.duration)
                var referenceFrames: [(label: Int32, frame: Int)] = [], estimatedFrames: [(label: Int32, frame: Int)] = []
                var scored: [ScoredEvent] = []
                var thresholdedFrameEvents: [TimedEvent]?
                for (rows, byVideo, map, isReference) in [(reference, referenceByVideo, referenceLabels, true),
                                                          (estimated, estimatedByVideo, estimatedLabels, false)] {
                    var events: [TimedEvent] = []
                    var scores: [Double] = []
                    var frames: [(label: Int32, frame: Int)] = []
                    var frameScores: [Double] = []
                    let frameInput = isReference ? plan.truthColumns.frame != nil : plan.predictionColumns.frame != nil
                    let frameCount = frameInput ? TimeGrid(.framesPerSecond(fps!)).unitCount(duration: recording.duration) : 0
                    for row in byVideo[v] {
                        let label = map[Int(rows.label[row])]
                        if frameInput {
                            let frame = rows.frame[row]
                            if frame >= frameCount {
                                let (file, line) = rows.place(row)
                                throw InputError(file: file, line: line, field: isReference ? plan.truthColumns.frame! : plan.predictionColumns.frame!,
                                                 expected: "a frame of video \(quoted(name)): 0 to \(frameCount - 1) (\(recording.duration) s at \(fps!) fps)",
                                                 found: String(frame))
                            }
                            frames.append((label, frame))
                            if !isReference { frameScores.append(rows.score.isEmpty ? 1 : rows.score[row]) }
                        } else {
                            var onset = rows.onset[row], offset = rows.offset[row]
                            if offset > recording.duration {
                                if options.pastDuration == .error {
                                    let (file, line) = rows.place(row)
                                    throw InputError(file: file, line: line, field: isReference ? plan.truthColumns.offset : plan.predictionColumns.offset,
                                                     expected: "an offset ≤ \(JSONOutput.format(recording.duration)) s (video \(quoted(name)), "
                                                         + "\(plan.recordings.displayPath):\(recording.line))",
                                                     found: JSONOutput.format(offset),
                                                     message: "the event ends after the video's duration",
                                                     hint: "set options.events_past_duration to \"clip\" to cut such events at the end (they are counted)")
                                }
                                result.clipped += 1
                                offset = recording.duration
                                onset = min(onset, offset)
                            }
                            let objects = isReference ? referenceObjects : estimatedObjects
                            let object = rows.object.isEmpty ? -1 : objects[Int(rows.object[row])]
                            events.append(TimedEvent(onset: onset, offset: offset, label: label, object: object))
                            if !isReference { scores.append(rows.score.isEmpty ? 1 : rows.score[row]) }
                        }
                    }
                    if frameInput {
                        // Runs of frames become events, scored by their highest frame; a threshold keeps
                        // the frames scoring at least it for the count metrics.
                        (events, scores) = Self.frameRuns(frames, scores: isReference ? nil : frameScores, fps: fps!)
                        if !isReference, let t = options.threshold {
                            let kept = zip(frames, frameScores).filter { $0.1 >= t }
                            frames = kept.map(\.0)
                            thresholdedFrameEvents = Self.frameRuns(frames, scores: nil, fps: fps!).events
                        }
                    }
                    if isReference {
                        video.reference = events
                        referenceFrames = frames
                        result.overlaps += Self.overlaps(events, classes: classes)
                    } else {
                        scored = zip(events, scores).map { ScoredEvent(onset: $0.onset, offset: $0.offset, label: $0.label, score: $1) }
                        // A score threshold keeps the events at or above it for the count metrics.
                        video.estimated = thresholdedFrameEvents ?? options.threshold.map { t in
                            zip(events, scores).filter { $0.1 >= t }.map(\.0)
                        } ?? events
                        estimatedFrames = frames
                    }
                }
                let units = grid.unitCount(duration: recording.duration)
                if units > TimeGrid.maximumUnits {
                    throw InputError(file: plan.recordings.displayPath, line: recording.line, field: plan.durationColumn,
                                     message: "video \(quoted(name)) has \(units) segments of \(options.timeResolution) s, more than evalkit counts in one video (\(TimeGrid.maximumUnits))")
                }
                let segments = segmentCounter.count(video, grid: grid)
                var frameCounts: GridCounts?
                if hasFrames, let fps {
                    let frameGrid = TimeGrid(.framesPerSecond(fps))
                    let frameUnits = frameGrid.unitCount(duration: recording.duration)
                    if frameUnits > TimeGrid.maximumUnits {
                        throw InputError(file: plan.recordings.displayPath, line: recording.line, field: plan.durationColumn,
                                         message: "video \(quoted(name)) has \(frameUnits) frames, more than evalkit counts in one video (\(TimeGrid.maximumUnits))")
                    }
                    if plan.truthColumns.frame != nil || plan.predictionColumns.frame != nil {
                        // Frame labels count as frames exactly; interval events by the grid rule.
                        var reference = referenceFrames, estimated = estimatedFrames
                        if plan.truthColumns.frame == nil { reference = Self.frames(of: video.reference, grid: frameGrid, units: frameUnits) }
                        if plan.predictionColumns.frame == nil { estimated = Self.frames(of: video.estimated, grid: frameGrid, units: frameUnits) }
                        frameCounts = frameCounter.count(referenceFrames: reference, estimatedFrames: estimated, units: frameUnits)
                    } else {
                        frameCounts = frameCounter.count(video, grid: frameGrid)
                    }
                }
                let (events, alignment) = EventMatcher.match(video, classes: classes, criteria: options.criteria)
                let referenceMatched = (0..<alignment.reference.count).map { alignment.reference.outcome($0) == .matched }
                var objects: [Int32: EventsState.ObjectTally] = [:]
                for (j, e) in video.reference.enumerated() where e.object >= 0 {
                    objects[e.object, default: EventsState.ObjectTally(name: objectNames[Int(e.object)])].reference += 1
                    if referenceMatched[j] { objects[e.object]!.matched += 1 }
                }
                for e in video.estimated where e.object >= 0 {
                    objects[e.object, default: EventsState.ObjectTally(name: objectNames[Int(e.object)])].system += 1
                }
                let intervals = IntervalMetrics.statistics(video: name, reference: video.reference, predictions: scored,
                                                           classes: classes, parameters: options.tiou)
                var record = EventsState.Video(name: name, seconds: recording.duration, segments: segments,
                                               frames: frameCounts, events: events, intervals: intervals)
                record.objects = objects.values.sorted { $0.name < $1.name }
                record.alignment = alignment
                if let parameters = options.psds {
                    record.psds = PSDS.statistics(reference: video.reference, detections: scored, duration: recording.duration,
                                                  classes: classes, parameters: parameters)
                }
                if let parameters = options.actev, let context = actevContext, let fps {
                    record.actev = Self.actevStatistics(name: name, duration: recording.duration, fps: fps, reference: video.reference,
                                                        system: scored, labels: labels, parameters: parameters, context: context)
                }
                // Slices by event attributes: each reference event's outcome goes to the part of its
                // values; the video's record keeps the rest, so record and parts add up to the video.
                var parts: [[String]: EventsState.Video] = [:]
                if !eventAttributes.isEmpty {
                    let rowsOfVideo = referenceByVideo[v]
                    for (j, event) in video.reference.enumerated() {
                        let row = rowsOfVideo[j]
                        let values = reference.attributes.map { $0[row].isEmpty ? AttributeCells.missingValue : $0[row] }
                        var part = parts[values] ?? {
                            var empty = EventsState.Video(name: name, seconds: 0, segments: GridCounts(classes: classes), frames: nil,
                                                          events: EventCounts(classes: classes))
                            empty.isPart = true
                            if hasFrames { empty.frames = GridCounts(classes: classes) }
                            return empty
                        }()
                        let k = Int(event.label)
                        part.events.reference[k] += 1
                        record.events.reference[k] -= 1
                        if referenceMatched[j] {
                            part.events.tp[k] += 1
                            record.events.tp[k] -= 1
                        }
                        parts[values] = part
                    }
                }
                result.parts.append(parts.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { ($0, parts[$0]!) })
                result.videos.append(record)
            }
            return result
        }

        // Cells: a video's attribute values; numbered in order of the videos' names.
        var inputs = InputsRead()
        var cellOf: [[String]: Int] = [:]
        var missingValues = 0
        inputs.cellKeys = []
        func cell(_ values: [String]) -> Int {
            if let known = cellOf[values] { return known }
            cellOf[values] = inputs.cellKeys.count
            inputs.cellKeys.append(values)
            return inputs.cellKeys.count - 1
        }
        /// A cell key in `cells.attributes` order from the video's values and (for a part) the events'.
        func key(video name: String, events: [String]?) -> [String] {
            cells.attributes.map { attribute in
                if let e = eventAttributes.firstIndex(of: attribute) { return events?[e] ?? AttributeCells.notApplicable }
                let value = recordings[name]!.attributes[videoAttributes.firstIndex(of: attribute)!]
                return value ?? AttributeCells.missingValue
            }
        }
        for name in videoNames where recordings[name]!.attributes.contains(where: { $0 == nil }) { missingValues += 1 }
        var placed: [(cell: Int, video: EventsState.Video)] = []
        var v = 0
        var clipped = 0, overlaps = 0
        for part in counted {
            clipped += part.clipped
            overlaps += part.overlaps
            for (video, parts) in zip(part.videos, part.parts) {
                let name = videoNames[v]
                v += 1
                guard let video else { continue }
                placed.append((cell(key(video: name, events: nil)), video))
                for (values, piece) in parts { placed.append((cell(key(video: name, events: values)), piece)) }
            }
        }
        if inputs.cellKeys.isEmpty { inputs.cellKeys = [cells.attributes.map { _ in AttributeCells.notApplicable }] }
        if cells.attributes.isEmpty { inputs.cellKeys = [[]] }
        cells.keys = inputs.cellKeys
        cells.ensure(max(inputs.cellKeys.count - 1, 0))
        for i in cells.states.indices { cells.states[i] = makeState() }
        for (index, video) in placed { cells.states[index].add(video) }

        inputs.files = [
            .init(role: "ground_truth", path: plan.truth.displayPath, sha256: reference.sha256, rows: reference.count),
            .init(role: "predictions", path: spec.predictions.displayPath, sha256: estimated.sha256, rows: estimated.count),
            .init(role: "metadata", path: plan.recordings.displayPath, sha256: recordingsSHA, rows: recordings.count),
        ]
        let evaluated = included.filter { $0 }.count
        inputs.items = whole ? videoNames.count : 0
        inputs.matched = evaluated
        inputs.extra = whole ? extraEvents : 0
        if whole {
            if extraEvents > 0 {
                inputs.notes.append(InputNote(counting: extraEvents, "# system event(s) of videos not in the recordings table were left out (\"extra\": \"ignore\")"))
            }
            if missingValues > 0 {
                inputs.notes.append(InputNote(counting: missingValues, "# video(s) lack a value of a slicing attribute; they count as \(quoted(AttributeCells.missingValue))"))
            }
            if !plan.eventLists {
                let withoutEvents = (0..<videoNames.count).filter { referenceByVideo[$0].isEmpty }.count
                if withoutEvents > 0 {
                    inputs.notes.append(InputNote(counting: withoutEvents, "# video(s) of the recordings table have no reference event; they count with every unit negative"))
                }
            }
        }
        if clipped > 0 {
            inputs.notes.append(InputNote(counting: clipped, "# event(s) ended after their video's duration and were cut at it (events_past_duration: clip)"))
        }
        if overlaps > 0 {
            inputs.notes.append(InputNote(counting: overlaps, "# reference event(s) overlap an earlier event of the same class in the same video: "
                + "segment and frame metrics take their union, event metrics count each (sed_eval's rule)"))
        }
        return inputs
    }

    /// One video's ActEV alignment: events become instances on the frame grid of the video's
    /// frame rate (frames ⌊onset × fps⌋ ..< ⌈offset × fps⌉, the time grid's rule; at least one
    /// frame), scores their presenceConf, and the whole video is the selected frames.
    static func actevStatistics(name: String, duration: Double, fps: Double, reference: [TimedEvent], system: [ScoredEvent],
                                labels: [String], parameters: ActEVParameters, context: ActEVAlignmentContext) -> ActEVVideoStatistics {
        let grid = TimeGrid(.framesPerSecond(fps))
        let frames = max(1, grid.unitCount(duration: duration))
        func signal(_ onset: Double, _ offset: Double) -> ActEVSignal {
            var range = grid.covered(onset: onset, offset: offset, units: frames)
            if range.isEmpty { range = min(range.lowerBound, frames - 1)..<(min(range.lowerBound, frames - 1) + 1) }
            return ActEVSignal(start: range.lowerBound, end: range.upperBound)
        }
        let file = ActEVFile(name: name, frameRate: fps, selected: ActEVSignal(start: 0, end: frames))
        let references = reference.enumerated().map { j, e in
            ActEVInstance(activity: labels[Int(e.label)], id: "r\(j)", file: name, signal: signal(e.onset, e.offset))
        }
        let instances = system.enumerated().map { i, e in
            ActEVInstance(activity: labels[Int(e.label)], id: "s\(i)", presenceConf: e.score, file: name, signal: signal(e.onset, e.offset))
        }
        return ActEV.statistics(file: file, references: references, system: instances, activities: labels, parameters: parameters,
                                context: context)
    }

    /// Row indices of each video (by `videos` map; -1: left out), in file order.
    func group(_ rows: EventRows, videos: [Int], count: Int) -> [[Int]] {
        var byVideo = [[Int]](repeating: [], count: count)
        for row in 0..<rows.count {
            let v = videos[Int(rows.video[row])]
            if v >= 0 { byVideo[v].append(row) }
        }
        return byVideo
    }

    /// Reference events that start before an earlier event of the same class has ended.
    static func overlaps(_ events: [TimedEvent], classes: Int) -> Int {
        var count = 0
        var byClass = [[TimedEvent]](repeating: [], count: classes)
        for e in events { byClass[Int(e.label)].append(e) }
        for list in byClass where list.count > 1 {
            let sorted = list.sorted { $0.onset < $1.onset || ($0.onset == $1.onset && $0.offset < $1.offset) }
            var end = sorted[0].offset
            for e in sorted.dropFirst() {
                if e.onset < end { count += 1 }
                end = max(end, e.offset)
            }
        }
        return count
    }

    /// Frame labels as events: each run of consecutive frames of one class is one event
    /// [first / fps, (last + 1) / fps), listed by onset, then class; its score is the highest
    /// score of its frames (1 without scores).
    static func frameRuns(_ frames: [(label: Int32, frame: Int)], scores: [Double]?, fps: Double)
        -> (events: [TimedEvent], scores: [Double]) {
        let order = frames.indices.sorted { (frames[$0].frame, frames[$0].label) < (frames[$1].frame, frames[$1].label) }
        var open: [Int32: (first: Int, last: Int, score: Double)] = [:]
        var runs: [(first: Int, last: Int, label: Int32, score: Double)] = []
        for i in order {
            let (label, frame) = frames[i]
            let score = scores?[i] ?? 1
            if let run = open[label] {
                if frame == run.last { open[label] = (run.first, run.last, max(run.score, score)); continue }
                if frame == run.last + 1 { open[label] = (run.first, frame, max(run.score, score)); continue }
                runs.append((run.first, run.last, label, run.score))
            }
            open[label] = (frame, frame, score)
        }
        for (label, run) in open { runs.append((run.first, run.last, label, run.score)) }
        runs.sort { ($0.first, $0.label) < ($1.first, $1.label) }
        return (runs.map { TimedEvent(onset: Double($0.first) / fps, offset: Double($0.last + 1) / fps, label: $0.label) },
                runs.map(\.score))
    }

    /// The (class, frame) pairs interval events cover on a frame grid.
    static func frames(of events: [TimedEvent], grid: TimeGrid, units: Int) -> [(label: Int32, frame: Int)] {
        var result: [(label: Int32, frame: Int)] = []
        for e in events {
            for f in grid.covered(onset: e.onset, offset: e.offset, units: units) { result.append((e.label, f)) }
        }
        return result
    }
}
