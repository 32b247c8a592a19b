import Dispatch
import Foundation
import EvalKitData

/// The state of a detection evaluation: the matching records and each object attribute's pairs.
struct DetectionEvaluationState: MergeableState {
    var detection: DetectionState
    var attributes: [ObjectAttributePairs]

    mutating func merge(_ other: DetectionEvaluationState) {
        detection.merge(other.detection)
        for i in attributes.indices { attributes[i].merge(other.attributes[i]) }
    }
}

/// What reading the files taught the evaluation (category names, attribute values), kept for
/// `compute`.
final class DetectionContext: @unchecked Sendable {
    var categoryNames: [String] = []
    /// Image ids as written, in index order.
    var imageNames: [String] = []
    /// Per label attribute, its values (id = index).
    var attributeValues: [[String]] = []
}

/// A planned detection evaluation.
struct DetectionEvaluation: EvaluationTask {
    typealias State = DetectionEvaluationState
    let spec: EvaluationSpec
    let truthFile: DatasetManifest.File
    let options: DetectionOptions
    let matcher: DetectionMatcher
    let context = DetectionContext()

    init(spec: EvaluationSpec, truthFile: DatasetManifest.File, options: DetectionOptions) {
        self.spec = spec
        self.truthFile = truthFile
        self.options = options
        matcher = DetectionMatcher(parameters: options.parameters, operatingIoU: options.operatingIoU, voc: options.voc != nil)
    }

    var catalog: MetricCatalog { DetectionTask.catalog }

    var availableMetrics: [String] {
        var names = DetectionMetrics.summaryNames(options.parameters) + DetectionMetrics.operatingNames
        if options.voc != nil { names.append("voc_ap") }
        for attribute in options.attributes {
            let metrics = attribute.kind == .text ? TextMetrics.metricNames
                : ClassificationMetrics.metricNames(binary: false, hasScores: false, beta: false)
            names += (metrics + ["pairs", "missed"]).map { attribute.name + "." + $0 }
        }
        return names
    }

    /// The columns of tabular inputs: image id and category of each file, and the score.
    var tableColumns: (truthId: String, truthLabel: String, predictionId: String, predictionLabel: String, score: String) {
        let node = spec.predictions.node
        let truthId = spec.dataset.idColumn.isEmpty ? "image_id" : spec.dataset.idColumn
        let truthLabel = spec.dataset.labelColumns.first ?? "label"
        return (truthId, truthLabel, node["id"]?.stringValue ?? truthId, node["label"]?.stringValue ?? truthLabel,
                node["score"]?.stringValue ?? "score")
    }

    /// The dataset's `metadata` file (image attributes of tabular ground truth).
    var metadataFile: DatasetManifest.File? { spec.dataset.files.first { $0.role == "metadata" } }

    func makeState() -> DetectionEvaluationState {
        DetectionEvaluationState(detection: DetectionState(areaCount: options.parameters.areaRanges.count),
                                 attributes: options.attributes.map { _ in ObjectAttributePairs() })
    }

    func accumulate(into cells: inout SliceCells<DetectionEvaluationState>) throws -> InputsRead {
        // Slicing attributes of the boxes (manifest `object_attributes`) and of the images.
        let boxAttributes = cells.attributes.filter(spec.dataset.objectAttributeColumns.contains)
        let imageAttributes = cells.attributes.filter { !boxAttributes.contains($0) }
        let pairedNames = options.attributes.map(\.name)
        let attributeNames = unique(pairedNames + boxAttributes)
        // Each file is opened and read once; its SHA-256 is computed from the same bytes (by the
        // reader's thread, or beside simdjson's indexing; with one thread, by the calling thread),
        // so pipes and FIFOs work.
        let metadata = truthFile.format == .coco ? nil : metadataFile
        let truth: COCOGroundTruth
        let results: COCOResults
        let predictions = spec.predictions
        let progress = cells.progress
        if truthFile.format == .coco {
            // The two files are read at once (several threads), then the detections' ids are
            // looked up in the ground truth.
            let file: COCOResults.File
            (truth, file) = try cells.threads.both(
                { try COCOGroundTruth.read(truthFile, imageAttributes: imageAttributes, objectAttributes: attributeNames,
                                           progress: progress, threads: cells.threads) },
                { try COCOResults.readFile(path: predictions.resolvedPath, display: predictions.displayPath, attributes: pairedNames,
                                           progress: progress, threads: cells.threads) })
            results = try COCOResults(file, truth: truth, attributes: pairedNames, extra: spec.extra)
        } else {
            let table = tableColumns
            truth = try DetectionCSV.readTruth(truthFile, idColumn: table.truthId, labelColumn: table.truthLabel, metadata: metadata,
                                               imageAttributes: imageAttributes, objectAttributes: attributeNames, progress: progress,
                                               threads: cells.threads)
            results = try DetectionCSV.readResults(path: predictions.resolvedPath, display: predictions.displayPath, format: predictions.format,
                                                   csv: predictions.csv, idColumn: table.predictionId, labelColumn: table.predictionLabel,
                                                   scoreColumn: table.score, truth: truth, attributes: pairedNames, extra: spec.extra,
                                                   progress: progress, threads: cells.threads)
        }
        try spec.dataset.files.first {
            $0.role == "predictions" && canonicalPath($0.resolvedPath) == canonicalPath(predictions.resolvedPath)
        }?.checkDigest(results.sha256, displayPath: predictions.displayPath)
        let imageCount = truth.imageCount
        context.categoryNames = options.parameters.useCategories ? truth.categoryNames : ["all"]
        context.imageNames = truth.imageIds.isEmpty ? truth.imageIndexByName.sorted { $0.value < $1.value }.map(\.key)
            : truth.imageIds.map { String($0) }
        // A shard evaluates the images whose id falls in it; counts of whole files come from shard 0.
        let includeImage = cells.shard.map { shard in context.imageNames.map { shard.contains(key: $0) } }
        let whole = cells.shard?.reportsWholeInputs ?? true
        func inShard(_ image: Int32) -> Bool { image >= 0 && (includeImage?[Int(image)] ?? true) }

        // Slice cells: an image's detections go to the cell of its attribute values; its boxes to
        // the cell of its values and theirs (with box attributes; the detections' cell has
        // `<n/a>` for them, so it belongs to no slice by a box attribute).
        var inputs = InputsRead()
        var cellOf: [[String]: Int32] = [:]
        func cell(_ values: [String]) -> Int32 {
            if let known = cellOf[values] { return known }
            cellOf[values] = Int32(inputs.cellKeys.count)
            inputs.cellKeys.append(values)
            return Int32(inputs.cellKeys.count - 1)
        }
        var cellOfImage = [Int32](repeating: 0, count: imageCount)
        var cellOfTruth: [Int32]?
        if cells.attributes.isEmpty {
            inputs.cellKeys = [[]]
        } else {
            let missing = AttributeCells.missingValue
            let imagePosition = imageAttributes.map { name in cells.attributes.firstIndex(of: name)! }
            var imageValues: [[String]] = []
            var imagesMissing = 0
            for image in 0..<imageCount {
                var values = [String](repeating: AttributeCells.notApplicable, count: cells.attributes.count)
                for (i, position) in imagePosition.enumerated() { values[position] = truth.imageAttributes[image][i] ?? missing }
                if truth.imageAttributes[image].contains(where: { $0 == nil }) { imagesMissing += 1 }
                imageValues.append(values)
                cellOfImage[image] = cell(values)
            }
            if imagesMissing > 0 && whole {
                inputs.notes.append(InputNote(counting: imagesMissing, "# image(s) lack a value of a slicing attribute (\(imageAttributes.joined(separator: ", "))); "
                    + "they count as \(quoted(missing))"))
            }
            if !boxAttributes.isEmpty {
                let boxPosition = boxAttributes.map { name in cells.attributes.firstIndex(of: name)! }
                var boxesMissing = 0
                cellOfTruth = (0..<truth.boxes.count).map { g in
                    var values = imageValues[Int(truth.boxes.image[g])]
                    var lacks = false
                    for (name, position) in zip(boxAttributes, boxPosition) {
                        let value = truth.objectAttributes[name]![g]
                        values[position] = value ?? missing
                        lacks = lacks || value == nil
                    }
                    if lacks { boxesMissing += 1 }
                    return cell(values)
                }
                if boxesMissing > 0 && whole {
                    inputs.notes.append(InputNote(counting: boxesMissing, "# ground-truth box(es) lack a value of a box attribute (\(boxAttributes.joined(separator: ", "))); "
                        + "they count as \(quoted(missing))"))
                }
                inputs.notes.append(InputNote("slices by a box attribute (\(boxAttributes.joined(separator: ", "))) hold boxes, not images: their count is boxes "
                    + "and only their recall-side metrics (AR, recall, miss_rate, tp, fn) are defined"))
            }
        }
        cells.keys = inputs.cellKeys
        cells.ensure(max(inputs.cellKeys.count - 1, 0))
        let (detectionStates, matches) = match(truth: truth, results: results, cellOfImage: cellOfImage, cellOfTruth: cellOfTruth,
                                                   cellCount: cells.states.count, includeImage: includeImage, threads: cells.threads,
                                                   progress: progress)
        for i in cells.states.indices { cells.states[i].detection = detectionStates[i] }
        pairAttributes(truth: truth, results: results, matches: matches,
                       cellOfTruth: cellOfTruth ?? truth.boxes.image.map { cellOfImage[Int($0)] }, cells: &cells, inShard: inShard)
        canonicalizeAttributeValues(&cells)

        inputs.files = [
            .init(role: "ground_truth", path: truthFile.displayPath, sha256: truth.sha256, rows: truth.boxes.count),
            .init(role: "predictions", path: spec.predictions.displayPath, sha256: results.sha256, rows: results.count),
        ]
        if let metadata, let sha = truth.metadataSHA256 {
            inputs.files.append(.init(role: "metadata", path: metadata.displayPath, sha256: sha, rows: truth.imageCount))
        }
        inputs.items = includeImage.map { $0.lazy.filter { $0 }.count } ?? imageCount
        inputs.matched = (0..<results.boxes.count).lazy
            .filter { matches.operatingMatch[$0] >= 0 && results.boxes.score[$0] >= options.scoreThreshold }.count
        inputs.extra = whole ? results.unknownImages + results.unknownCategories : 0
        inputs.notes += readingNotes(truth: truth, results: results, matches: matches, whole: whole, inShard: inShard)
        return inputs
    }

    /// Notes on what reading found: boxes of zero size, defaults used, detections left out.
    /// `whole`: this reading reports counts of whole files (a single run, or shard 0); `inShard`:
    /// whether an image is one of this reading's.
    func readingNotes(truth: COCOGroundTruth, results: COCOResults, matches: DetectionMatcher.Matches, whole: Bool,
                      inShard: (Int32) -> Bool) -> [InputNote] {
        var notes: [InputNote] = []
        let p = options.parameters
        let scale = whole ? 1 : 0
        notes.append(InputNote(counting: [truth.imageCount * scale, truth.boxes.count * scale, results.boxes.count * scale],
                               "# images, # ground-truth boxes, # detections; "
            + "COCO matching (pycocotools COCOeval, bbox) at IoU \(p.iouThresholds.map(shortNumber).joined(separator: ", ")), "
            + "max detections \(p.maxDetections.map(String.init).joined(separator: "/"))"
            + (p.useCategories ? "" : ", class-agnostic (every box matches any category)")))
        notes.append(InputNote("operating point: IoU ≥ \(JSONOutput.format(options.operatingIoU)), score ≥ \(JSONOutput.format(options.scoreThreshold)), "
            + "area \(quoted(p.areaRanges[0].name)), at most \(p.maxDetectionsKept) detections per image and category: "
            + "precision, recall, f1, miss_rate, false_alarms_per_image, tp, fp, fn"))
        let cut = matches.rank.indices.reduce(0) { $0 + (matches.rank[$1] < 0 && inShard(results.boxes.image[$1]) ? 1 : 0) }
        if cut > 0 {
            notes.append(InputNote(counting: cut, "# detection(s) beyond the \(p.maxDetectionsKept) highest-scoring per image\(p.useCategories ? " and category" : "") were not evaluated (max_detections)"))
        }
        // Counts of whole files: reported by a single run, or by shard 0 of a sharded one.
        let wholeFileCounts: [(Int, String)] = [
            (results.unknownImages, "# detection(s) on images absent from the ground truth were left out (extra: ignore)"),
            (results.unknownCategories, "# detection(s) of categories absent from the ground truth were left out (extra: ignore)"),
            (truth.zeroSizeBoxes, "# ground-truth box(es) have zero width or height: kept (pycocotools keeps them), they overlap nothing"),
            (results.zeroSizeBoxes, "# detection(s) have zero width or height: kept, they match nothing"),
            (truth.withoutArea, "# annotation(s) have no \"area\": width × height was used for the area ranges"),
            (truth.withoutCrowd, "# annotation(s) have no \"iscrowd\": 0 was used"),
        ]
        for (count, text) in wholeFileCounts where count > 0 && whole { notes.append(InputNote(counting: count, text)) }
        return notes
    }

    /// Pairs each ground-truth box that has a value of an attribute with the detection that
    /// matched it at the operating point (score ≥ the threshold), or counts it as missed.
    func pairAttributes(truth: COCOGroundTruth, results: COCOResults, matches: DetectionMatcher.Matches,
                        cellOfTruth: [Int32], cells: inout SliceCells<DetectionEvaluationState>, inShard: (Int32) -> Bool) {
        guard !options.attributes.isEmpty else { return }
        var matchedBy = [Int32](repeating: -1, count: truth.boxes.count)
        for d in 0..<results.boxes.count where matches.operatingMatch[d] >= 0 && results.boxes.score[d] >= options.scoreThreshold {
            matchedBy[Int(matches.operatingMatch[d])] = Int32(d)
        }
        context.attributeValues = []
        for (a, attribute) in options.attributes.enumerated() {
            let truthValues = truth.objectAttributes[attribute.name]!
            let predictedValues = results.attributes[attribute.name]!
            var vocabulary = LabelVocabulary(declared: nil)
            var comparison = TextComparison(normalization: attribute.normalization)
            for g in 0..<truth.boxes.count where !truth.boxes.crowd[g] && inShard(truth.boxes.image[g]) {
                guard let value = truthValues[g] else { continue }
                let image = truth.boxes.image[g]
                let cell = Int(cellOfTruth[g])
                let d = matchedBy[g]
                switch attribute.kind {
                case .label:
                    if d >= 0 {
                        let predicted = predictedValues[Int(d)].map { vocabulary.add($0) } ?? -1
                        cells.states[cell].attributes[a].addLabelPair(image: image, truth: vocabulary.add(value), predicted: predicted)
                    } else {
                        cells.states[cell].attributes[a].addMissed(image: image, outcome: nil)
                    }
                case .text:
                    if d >= 0 {
                        let read = predictedValues[Int(d)]
                        let outcome = TextState.Outcome(counts: comparison.counts(reference: value, hypothesis: read), missing: read == nil)
                        cells.states[cell].attributes[a].addTextPair(image: image, outcome: outcome)
                    } else {
                        let outcome = TextState.Outcome(counts: comparison.counts(reference: value, hypothesis: nil), missing: true)
                        cells.states[cell].attributes[a].addMissed(image: image, outcome: outcome)
                    }
                }
            }
            context.attributeValues.append(vocabulary.labels)
        }
    }

    func compute(_ state: DetectionEvaluationState) -> ComputedMetrics {
        let config = DetectionConfig(parameters: options.parameters, categoryNames: context.categoryNames,
                                     operatingThreshold: matcher.operatingThreshold!, operatingIoU: options.operatingIoU,
                                     scoreThreshold: options.scoreThreshold, zeroDivision: options.zeroDivision,
                                     voc: options.voc.map { $0 == .elevenPoint ? .elevenPoint : .allPoints },
                                     imageNames: context.imageNames)
        var computed = DetectionMetrics.compute(state.detection, config)
        for (a, attribute) in options.attributes.enumerated() {
            let pairs = state.attributes[a]
            let attributeMetrics: ComputedMetrics
            switch attribute.kind {
            case .label:
                // With a pair there is a value (the pair's truth), so the class list is not empty.
                let values = context.attributeValues[a]
                attributeMetrics = pairs.pairCount > 0
                    ? ClassificationMetrics.compute(pairs.classificationState(classCount: values.count),
                                                    ClassificationConfig(labels: values, zeroDivision: options.zeroDivision))
                    : ComputedMetrics()
            case .text:
                attributeMetrics = TextMetrics.compute(pairs.textState())
            }
            let names = attribute.kind == .text ? TextMetrics.metricNames
                : ClassificationMetrics.metricNames(binary: false, hasScores: false, beta: false)
            for name in names {
                let key = attribute.name + "." + name
                if let value = attributeMetrics.metrics[name] {
                    computed.metrics.set(key, value, undefinedReason: attributeMetrics.metrics.undefinedReasons[name])
                } else {
                    computed.metrics.set(key, .nan, undefinedReason: "no matched pair has a value of \(quoted(attribute.name))")
                }
            }
            computed.metrics.set(attribute.name + ".pairs", Double(pairs.pairCount))
            computed.metrics.set(attribute.name + ".missed", Double(pairs.missedCount))
        }
        return computed
    }

    /// The image bootstrap: N images drawn with replacement from all cells' images at once
    /// (a Multinomial(N; 1/N, …) draw of their counts); each record counts as often as its image
    /// was drawn.
    func countReplicate(_ cells: [DetectionEvaluationState], using generator: inout Xoshiro256StarStar) -> [DetectionEvaluationState]? {
        let images = cells.flatMap(\.detection.images)
        guard let maxImage = images.max() else { return cells }
        let counts = Sampling.multinomial(n: Int64(images.count), counts: [Int64](repeating: 1, count: images.count), using: &generator)
        var draws = [Int64](repeating: 0, count: Int(maxImage) + 1)
        for (image, count) in zip(images, counts) { draws[Int(image)] = count }
        return cells.map { cell in
            DetectionEvaluationState(detection: cell.detection.reweighted { Double(draws[Int($0)]) },
                                     attributes: cell.attributes.map { $0.reweighted { draws[Int($0)] } })
        }
    }
}

/// A threshold for reading: 12 significant digits (0.8999999999999999, numpy's 0.9, shows as 0.9).
func shortNumber(_ value: Double) -> String {
    JSONOutput.format(Double(String(format: "%.12g", value)) ?? value)
}
