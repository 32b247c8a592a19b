/// One video's sufficient statistic for PSDS over every threshold of its scored detections
/// (docs/events/psds.md, "Scored detections").
///
/// At threshold t the operating point is the detections with score ≥ t. Under psds_eval's rules
/// a detection's DTC, its world hit and its cross-trigger sums depend on it and the ground truth
/// only, never on the other detections; so a detection failing the DTC adds its false positive
/// and cross-triggers at every t ≤ its score (`triggers`), and a DTC detection never does. A
/// ground-truth event's GTC depends on the set of DTC detections of its class above t that
/// intersect it, which changes only at their scores; its status is evaluated at each of them and
/// every change kept (`changes`: +1 when it becomes detected as t falls past the score, −1 if it
/// stops; the Kahan sum need not grow with the set, so a −1 is possible in principle). The
/// counts at t are then sums over records with score ≥ t: exact, and additive over videos.
///
/// Memory: O(classes + records), records ≤ reference events with a DTC detection (usually one
/// each) + detections failing the DTC × (1 + classes they cross-trigger).
public struct PSDSVideoStatistics: Sendable, Equatable {
    /// A ground-truth event of class `label` starts (`delta` +1) or stops (−1) being detected
    /// as the threshold falls to `score`.
    public struct Change: Sendable, Equatable {
        public var score: Double
        public var label: Int32
        public var delta: Int32

        public init(score: Double, label: Int32, delta: Int32) {
            self.score = score
            self.label = label
            self.delta = delta
        }
    }

    /// A detection of class `label` failing the DTC, present from threshold `score` down: a
    /// false positive when `target` is the number of classes (the world), else a cross-trigger
    /// on class `target`.
    public struct Trigger: Sendable, Equatable {
        public var score: Double
        public var label: Int32
        public var target: Int32

        public init(score: Double, label: Int32, target: Int32) {
            self.score = score
            self.label = label
            self.target = target
        }
    }

    /// The criteria the records were made under.
    public var criteria: PSDSCriteria
    /// Seconds of the world event (the duration when positive, else 0).
    public var seconds: Double
    public var references: [Int64]
    public var referenceSeconds: [Double]
    public var changes: [Change]
    public var triggers: [Trigger]

    public init(criteria: PSDSCriteria, classes: Int) {
        self.criteria = criteria
        seconds = 0
        references = Array(repeating: 0, count: classes)
        referenceSeconds = Array(repeating: 0, count: classes)
        changes = []
        triggers = []
    }

    public var classes: Int { references.count }

    /// The statistic with class k renamed `map[k]` among `classes` (a merge by label name).
    public func remapped(_ map: [Int], classes: Int) -> PSDSVideoStatistics {
        var result = PSDSVideoStatistics(criteria: criteria, classes: classes)
        result.seconds = seconds
        for (k, target) in map.enumerated() {
            result.references[target] = references[k]
            result.referenceSeconds[target] = referenceSeconds[k]
        }
        let world = Int32(self.classes)
        result.changes = changes.map { Change(score: $0.score, label: Int32(map[Int($0.label)]), delta: $0.delta) }
        result.triggers = triggers.map {
            Trigger(score: $0.score, label: Int32(map[Int($0.label)]),
                    target: $0.target == world ? Int32(classes) : Int32(map[Int($0.target)]))
        }
        return result
    }
}

extension PSDS {
    /// The statistic of one video: its reference events, its scored detections (in file order;
    /// ties in onset keep it), its duration in seconds (≤ 0: no world event, as a file missing
    /// from psds_eval's metadata).
    ///
    /// Detections with a NaN score are above no threshold and left out; events are filtered as
    /// in `counts(reference:detections:duration:classes:parameters:)`.
    /// - Complexity: O((n + m) log(n + m) + intersecting pairs), plus for each reference event
    ///   the sort of its k DTC detections (k log k); a GTC sum is recomputed exactly (O(k)) only
    ///   at thresholds where a running sum lies within rounding distance of `gtc`.
    public static func statistics(reference: [TimedEvent], detections: [ScoredEvent], duration: Double, classes: Int,
                                  parameters: PSDSParameters) -> PSDSVideoStatistics {
        let gt = PSDSReferenceIndex(reference, classes: classes)
        var result = PSDSVideoStatistics(criteria: parameters.criteria, classes: classes)
        (result.references, result.referenceSeconds) = gt.totals(classes: classes)
        result.seconds = PSDSGeometry.worldSeconds(duration)
        let world = Int32(classes)

        let order = PSDSGeometry.ordered(onsets: detections.map(\.onset), offsets: detections.map(\.offset),
                                         labels: detections.map(\.label), classes: classes)
            .filter { !detections[$0].score.isNaN }
        // Per reference event: its DTC detections in detection order (share of the event, score).
        var candidates = [[(share: Double, score: Double)]](repeating: [], count: gt.count)
        var hits: [Int] = []
        var others: [Int] = []
        for i in order {
            let d = detections[i]
            let length = d.offset - d.onset
            gt.intersecting(onset: d.onset, offset: d.offset, into: &hits)
            var dtc = PSDSGeometry.KahanSum()
            var any = false
            others.removeAll(keepingCapacity: true)
            for g in hits {
                if gt.labels[g] == d.label {
                    any = true
                    dtc.add(PSDSGeometry.intersection(d.onset, d.offset, gt.onsets[g], gt.offsets[g]) / length)
                } else {
                    others.append(g)
                }
            }
            if any && dtc.sum >= parameters.dtc {
                for g in hits where gt.labels[g] == d.label {
                    let share = PSDSGeometry.intersection(d.onset, d.offset, gt.onsets[g], gt.offsets[g]) / (gt.offsets[g] - gt.onsets[g])
                    candidates[g].append((share, d.score))
                }
                continue
            }
            if PSDSGeometry.hitsWorld(onset: d.onset, offset: d.offset, duration: duration) {
                result.triggers.append(.init(score: d.score, label: d.label, target: world))
            }
            // Cross-trigger sums per other class, each in ground-truth order.
            others.sort { (gt.labels[$0], $0) < (gt.labels[$1], $1) }
            var start = 0
            while start < others.count {
                let j = gt.labels[others[start]]
                var sum = PSDSGeometry.KahanSum()
                var end = start
                while end < others.count && gt.labels[others[end]] == j {
                    let g = others[end]
                    sum.add(PSDSGeometry.intersection(d.onset, d.offset, gt.onsets[g], gt.offsets[g]) / length)
                    end += 1
                }
                if sum.sum >= parameters.cttc { result.triggers.append(.init(score: d.score, label: d.label, target: j)) }
                start = end
            }
        }
        for g in 0..<gt.count where !candidates[g].isEmpty {
            appendChanges(of: candidates[g], label: gt.labels[g], gtc: parameters.gtc, into: &result.changes)
        }
        return result
    }

    /// The thresholds where a reference event's GTC status changes. `candidates` are in
    /// detection order (the order of psds_eval's sum). Levels are the distinct scores, falling; a
    /// running sum R (in score order) decides a level unless |R − gtc| is within a bound on the
    /// difference between R and the Kahan sum in detection order (both within (n + 1)·2⁻⁵²·Σ of
    /// the exact sum of n positive shares); there the Kahan sum is computed as psds_eval does.
    static func appendChanges(of candidates: [(share: Double, score: Double)], label: Int32, gtc: Double,
                              into changes: inout [PSDSVideoStatistics.Change]) {
        let byScore = candidates.indices.sorted { candidates[$0].score > candidates[$1].score }
        var running = 0.0
        var detected = false
        var next = 0
        while next < byScore.count {
            let level = candidates[byScore[next]].score
            while next < byScore.count && candidates[byScore[next]].score == level {
                running += candidates[byScore[next]].share
                next += 1
            }
            let band = Double(next + 2) * 4 * Double.ulpOfOne * max(running, gtc) + Double.leastNormalMagnitude
            let now: Bool
            if running > gtc + band {
                now = true
            } else if running < gtc - band {
                now = false
            } else {
                var sum = PSDSGeometry.KahanSum()
                for c in candidates where c.score >= level { sum.add(c.share) }
                now = sum.sum >= gtc
            }
            if now != detected {
                changes.append(.init(score: level, label: label, delta: now ? 1 : -1))
                detected = now
            }
        }
    }
}
