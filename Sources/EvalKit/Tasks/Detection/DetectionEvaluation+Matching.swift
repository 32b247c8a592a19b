import EvalKitData

/// Matching on several threads: one range of images per worker, the workers' states joined in
/// range order.
extension DetectionEvaluation {
    /// Matches `results` to `truth` into one `DetectionState` per cell (`cellCount`; see
    /// `DetectionMatcher.match`). The images are cut into `threads.count` consecutive ranges of
    /// about equal boxes (`DetectionGroups.ranges`); each worker matches its range into states of
    /// its own; each cell's states are then concatenated in range order, which gives one thread's
    /// records in one thread's order, so the states do not depend on `threads`; then each cell's
    /// detections are sorted, runs of categories on several threads. With one thread, the one
    /// range is every image, matched and sorted on the calling thread.
    func match(truth: COCOGroundTruth, results: COCOResults, cellOfImage: [Int32], cellOfTruth: [Int32]?, cellCount: Int,
               includeImage: [Bool]?, threads: Threads, progress: ProgressReporter)
        -> (states: [DetectionState], matches: DetectionMatcher.Matches) {
        let imageCount = truth.imageCount
        let groups = DetectionGroups(truth: truth.boxes, detections: results.boxes, imageCount: imageCount,
                                     categoryCount: truth.categoryNames.count)
        let ranges = groups.ranges(threads.count)
        var parts = threads.map(ranges.count) { worker in
            var states = (0..<cellCount).map { _ in DetectionState(areaCount: options.parameters.areaRanges.count) }
            // The first worker reports its share of the images, scaled to all of them.
            let share = max(ranges[worker].count, 1)
            let matches = matcher.match(groups, images: ranges[worker], truth: truth.boxes, detections: results.boxes,
                                        cellOfImage: cellOfImage, cellOfTruth: cellOfTruth, states: &states, includeImage: includeImage,
                                        imagesDone: worker == 0 && progress.isOn ? { done in
                                            progress.report("matching detections", done: Int64(done * imageCount / share),
                                                            total: Int64(imageCount), unit: .images)
                                        } : nil)
            return (states: states, matches: matches)
        }
        var joined = parts.removeFirst()
        for part in parts {
            for i in joined.states.indices { joined.states[i].merge(part.states[i]) }
            joined.matches.merge(part.matches)
        }
        for i in joined.states.indices {
            joined.states[i].sortDetections(parts: threads.count) { n, body in _ = threads.map(n, body) }
        }
        return joined
    }
}
