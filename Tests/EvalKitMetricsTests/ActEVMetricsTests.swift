import Testing
@testable import EvalKitMetrics

/// The pieces of ActEV scoring against values of ActEV_Scorer's own functions (lib/metrics.py,
/// lib/sparse_signal.py) and munkres 1.0.12, computed with them and written here; and the
/// properties of the statistics (merge in any order, weights, state round trip).
@Suite struct ActEVMetricsTests {
    func signal(_ steps: [(Int, Int)]) -> ActEVSignal { ActEVSignal(steps: steps.map { (frame: $0.0, value: $0.1) }) }

    @Test func signalOperations() {
        let r = signal([(10, 1), (20, 0)]), s = signal([(15, 1), (30, 0)])
        #expect((r & s) == signal([(15, 1), (20, 0)]))
        #expect((r | s) == signal([(10, 1), (30, 0)]))
        #expect((r + s) == signal([(10, 1), (15, 2), (20, 1), (30, 0)]))
        #expect((s - r) == signal([(20, 1), (30, 0)]))
        #expect((r + s).area == 25)
        // A redundant step disappears in any operation, not in the signal as written.
        let raw = signal([(1, 1), (5, 1), (10, 0)])
        #expect(raw.area == 9 && raw.normalized == signal([(1, 1), (10, 0)]) && raw != raw.normalized)
        // not_sig: from frame 0, gaps between references, up to the frame count.
        #expect((r + s).complement(frameCount: 100) == signal([(0, 1), (10, 0), (30, 1), (100, 0)]))
        #expect(ActEVSignal().complement(frameCount: 50).area == 50)
        #expect(signal([(0, 1), (5, 0), (8, 1), (9, 0)]).complement(frameCount: 20) == signal([(5, 1), (8, 0), (9, 1), (20, 0)]))
        // generate_collar: empty for size 0, ±size around each boundary otherwise.
        #expect(r.collar(0).area == 0)
        #expect(r.collar(2) == signal([(8, 1), (12, 0), (18, 1), (22, 0)]))
        #expect(signal([(10, 1), (13, 0)]).collar(2) == signal([(8, 1), (15, 0)]))
    }

    @Test func fileIndexContainment() {
        let file = ActEVFile(name: "v.mp4", frameRate: 30, selected: signal([(1, 1), (1000, 0), (4000, 1), (5000, 0)]))
        #expect(file.contains(signal([(10, 1), (20, 0)])))
        #expect(!file.contains(signal([(990, 1), (1010, 0)])))
        #expect(file.contains(signal([(4000, 1), (5000, 0)])))
        #expect(file.selectedFrames == 1999)
        // The scorer compares with the steps as written: a redundant step keeps nothing.
        let redundant = ActEVFile(name: "v.mp4", frameRate: 30, selected: signal([(1, 1), (50, 1), (100, 0)]))
        #expect(!redundant.contains(signal([(10, 1), (20, 0)])))
    }

    /// munkres 1.0.12's assignments, ties included (`Munkres().compute(m)`).
    @Test func munkresMatchesThePythonPackage() {
        let cases: [([[Double]], [(Int, Int)])] = [
            ([[1, 1], [1, 1]], [(0, 0), (1, 1)]),
            ([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], [(0, 0), (1, 1)]),
            ([[3, 1, 2], [2, 3, 1], [1, 2, 3]], [(0, 1), (1, 2), (2, 0)]),
            ([[1, 1, 2], [1, 1, 2], [2, 2, 2], [1, 2, 1]], [(0, 0), (1, 1), (3, 2)]),
            ([[4, 1, 3], [2, 0, 5], [3, 2, 2]], [(0, 1), (1, 0), (2, 2)]),
            ([[2, 2], [2, 1.0000001], [1.0000002, 2]], [(1, 1), (2, 0)]),
            ([[2, 1], [1, 3], [1, 2]], [(0, 1), (1, 0)]),
            ([[3], [1.5], [1], [1], [2]], [(2, 0)]),
            ([[1, 1.5, 3, 1, 3]], [(0, 0)]),
            ([[1, 1.5, 1, 3], [1.5, 2, 2, 1.5], [3, 1, 3, 2], [3, 1.5, 1, 3], [3, 1.5, 2, 1]], [(0, 0), (2, 1), (3, 2), (4, 3)]),
        ]
        for (matrix, expected) in cases {
            let got = ActEVMunkres.assign(matrix, columns: matrix[0].count)
            #expect(got.map { [$0.row, $0.column] } == expected.map { [$0.0, $0.1] }, "\(matrix)")
        }
    }

    /// `get_points_along_confidence_curve` on a hand curve (values printed by the scorer's function).
    @Test func pointsAlongTheCurve() {
        let points: [(x: Double, y: Double?)] = [(0, 0.9), (0.05, 0.8), (0.1, 0.7), (0.1, 0.6), (0.3, 0.5), (0.6, nil)]
        let got = ActEVCurve.pointsAlong(points, targets: [1, 0.2, 0.15, 0.1, 0.03, 0.01, 0.3, 0], fallback: 1)
        let expected: [Double: Double] = [0: 0.9, 0.01: 0.88, 0.03: 0.8400000000000001, 0.1: 0.6, 0.15: 0.575,
                                          0.2: 0.5499999999999999, 0.3: 0.5, 1: 1.0]
        for (t, value) in expected { #expect(got[t]! == value, "target \(t)") }
        let late: [(x: Double, y: Double?)] = [(0.5, 0.9), (0.7, 0.8)]
        let a = ActEVCurve.pointsAlong(late, targets: [1, 0.2, 0.6], fallback: 1)
        #expect(a[0.2]! == 1.0 && a[0.6]! == 0.8500000000000001 && a[1]! == 0.8)
        let b = ActEVCurve.pointsAlong(late, targets: [0.2], fallback: nil)
        #expect(b[0.2]! == nil)
        #expect(ActEVCurve.pointsAlong([], targets: [1], fallback: nil)[1]! == nil)
    }

    /// `compute_auc_new` (values printed by the scorer's function).
    @Test func areaUnderTheDETCurve() {
        let pMiss = [0.9, 0.8, 0.7, 0.6, 0.5], x = [0.0, 0.05, 0.1, 0.1, 0.3]
        let expected: [(Double, Double, Double)] = [(0.01, 0.0089, 0.00999), (0.05, 0.04250000000000001, 0.04975),
                                                    (0.1, 0.08000000000000002, 0.099), (0.3, 0.19, 0.291),
                                                    (0.5, 0.29000000000000004, 0.475), (1, 0.54, 0.885)]
        for (limit, first, second) in expected {
            #expect(ActEVCurve.audc(pMiss: pMiss, x: x, limit: limit) == first, "limit \(limit)")
            #expect(ActEVCurve.audc(pMiss: [0.9, 0.8], x: [0.5, 0.7], limit: limit) == second, "limit \(limit)")
            #expect(ActEVCurve.audc(pMiss: [], x: [], limit: limit) == limit)
            #expect(ActEVCurve.audc(pMiss: [.nan], x: [0.2], limit: limit) == nil)
        }
    }

    @Test func detPointResolution() {
        // numpy: round(linspace(0, n-1, k)), half to even.
        #expect(ActEVCurve.resolutionIndices(count: 10, limit: 2) == [0, 9])
        #expect(ActEVCurve.resolutionIndices(count: 10, limit: 4) == [0, 3, 6, 9])
        #expect(ActEVCurve.resolutionIndices(count: 6, limit: 5) == [0, 1, 2, 4, 5])  // 1.25 → 1, 2.5 → 2, 3.75 → 4
        #expect(ActEVCurve.resolutionIndices(count: 3, limit: 5) == [0, 1, 2])
    }

    @Test func protocolDefaults() {
        let sdl = ActEVParameters(.actevSDLV2)
        #expect(sdl.rateTargets.count == 24 && sdl.timeFalseAlarm == .coverage && sdl.overlap == .oneSecond(shortInstance: .referenceShorter(delta: 0.5)))
        #expect(ActEVParameters(.actevSDLV1).rateTargets.count == 23)
        #expect(ActEVParameters(.actev19ADV2).rateTargets.count == 22)
        #expect(ActEVParameters(.srlADV3).overlap == .intersectionOverUnion(above: 0.4))
        #expect(ActEVParameters.scorerAUDCLimits.count == 24)
        #expect(actevNumberText(1) == "1" && actevNumberText(0.15) == "0.15" && actevNumberText(0.05) == "0.05")
        var p = ActEVParameters(.actev18AD)
        #expect(throws: ActEVParameterError.self) { try p.apply([("activity.unknown", .number(1))]) }
        try? p.apply([("nmide.ns_collar_size", .number(10)), ("wpmiss.numerator", .number(7)), ("command", .text("x"))])
        #expect(p.nMIDECollar == 10 && p.wPMissNumerator == 7)
    }

    // MARK: - Statistics: merge, weights, round trip

    /// A seeded synthetic run: `videos` files, three activities, instances of 10–80 frames.
    static func syntheticRun(videos: Int, seed: UInt64) -> (reference: ActEVSubmission, system: ActEVSubmission, files: [ActEVFile]) {
        var rng = SeededGenerator(seed: seed)
        let activities = ["Closing", "Entering", "Talking"]
        var files: [ActEVFile] = []
        var refs: [ActEVInstance] = [], syss: [ActEVInstance] = []
        var id = 0
        for v in 0..<videos {
            let name = "video\(v).mp4"
            files.append(ActEVFile(name: name, frameRate: 30, selected: ActEVSignal(start: 1, end: 3001)))
            for _ in 0..<Int.random(in: 3...8, using: &rng) {
                let start = Int.random(in: 1...2900, using: &rng), length = Int.random(in: 10...80, using: &rng)
                let activity = activities.randomElement(using: &rng)!
                id += 1
                refs.append(ActEVInstance(activity: activity, id: "\(id)", file: name, signal: ActEVSignal(start: start, end: min(start + length, 3001))))
                if Bool.random(using: &rng) {
                    let shift = Int.random(in: -15...15, using: &rng)
                    let s = max(1, start + shift)
                    id += 1
                    syss.append(ActEVInstance(activity: activity, id: "\(id)", presenceConf: Double(Int.random(in: 1...20, using: &rng)) / 20,
                                              file: name, signal: ActEVSignal(start: s, end: min(s + length, 3001))))
                }
            }
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let start = Int.random(in: 1...2900, using: &rng), length = Int.random(in: 10...80, using: &rng)
                id += 1
                syss.append(ActEVInstance(activity: activities.randomElement(using: &rng)!, id: "\(id)",
                                          presenceConf: Double(Int.random(in: 1...20, using: &rng)) / 20,
                                          file: name, signal: ActEVSignal(start: start, end: min(start + length, 3001))))
            }
        }
        return (ActEVSubmission(instances: refs, filesProcessed: files.map(\.name)),
                ActEVSubmission(instances: syss, filesProcessed: files.map(\.name)), files)
    }

    func expectSame(_ a: ActEVResult, _ b: ActEVResult, tolerance: Double = 1e-12) {
        #expect(a.activities.map(\.name) == b.activities.map(\.name))
        for (x, y) in zip(a.activities, b.activities) {
            #expect(x.scores.keys == y.scores.keys)
            for key in x.scores.keys {
                let u = x.scores[key]!, v = y.scores[key]!
                #expect((u.isNaN && v.isNaN) || abs(u - v) <= tolerance, "\(x.name) \(key): \(u) vs \(v)")
            }
            #expect(x.curve.count == y.curve.count)
        }
        for key in a.aggregated.keys {
            let u = a.aggregated[key]!, v = b.aggregated[key]!
            #expect((u.isNaN && v.isNaN) || abs(u - v) <= tolerance, "\(key): \(u) vs \(v)")
        }
    }

    @Test(arguments: [ActEVProtocol.actev18AD, .actev19AD, .actevSDLV2])
    func shardsMergeToTheWholeRun(_ p: ActEVProtocol) throws {
        let (reference, system, files) = Self.syntheticRun(videos: 6, seed: 11)
        let parameters = ActEVParameters(p)
        let whole = try ActEV.score(reference: reference, system: system, activityIndex: ["Closing", "Entering", "Talking"],
                                    fileIndex: files, parameters: parameters)
        // Each video aligned alone with the run's context, in shards, merged in two orders.
        var shardA = ActEVState(), shardB = ActEVState()
        for (k, file) in files.enumerated() {
            let stats = ActEV.statistics(file: file, references: reference.instances.filter { $0.file == file.name },
                                         system: system.instances.filter { $0.file == file.name }, activities: whole.activities,
                                         parameters: parameters, context: whole.context)
            if k % 2 == 0 { shardA.add(stats) } else { shardB.add(stats) }
        }
        let ab = try shardA.merging(shardB), ba = try shardB.merging(shardA)
        #expect(ab == ba)
        #expect(ab.incompatibility(with: shardA) != nil)
        expectSame(ActEV.compute(ab.videos, activities: whole.activities, parameters: parameters), whole.result)
        // The state travels.
        let decoded = try ActEVState(decoding: ab.encoded)
        #expect(decoded == ab)
        // A weight of 2 counts a video twice: as two copies under other names.
        var copies = ab.videos.map { $0 }
        for (video, weight) in ab.videos {
            var copy = video
            copy.file += ".copy"
            copies.append((copy, weight))
        }
        let doubled = ab.videos.map { ($0.statistics, Int64(2)) }
        expectSame(ActEV.compute(doubled, activities: whole.activities, parameters: parameters),
                   ActEV.compute(copies, activities: whole.activities, parameters: parameters))
    }

    /// The scorer's conventions on empty and undefined curves, with NaN and a reason for its None.
    @Test func emptyAndUndefinedCurves() {
        let context = ActEVAlignmentContext(systemInstances: 2, minimumConfidence: 0.5, maximumConfidence: 0.9, secondFrames: 30)
        let fa = { (conf: Double) in ActEVVideoStatistics.Detection(presenceConf: conf, matched: false, nMIDE: nil, timeFalseAlarmFrames: 0) }
        let video = ActEVVideoStatistics(file: "v.mp4", frameRate: 30, selectedFrames: 1800, activities: [
            .init(name: "A", references: 2, nonReferenceFrames: 1700, detections: []),
            .init(name: "B", references: 0, nonReferenceFrames: 1800, detections: [fa(0.9), fa(0.5)]),
        ], context: context)
        let parameters = ActEVParameters(.actev18AD)
        let result = ActEV.compute([(video, 1)], activities: ["A", "B", "C"], parameters: parameters, includeZeroReferenceActivities: true)
        #expect(result.minutes == 1 && result.activities.map(\.name) == ["A", "B", "C"])
        let a = result.activities[0].scores, b = result.activities[1].scores
        // No system instance: Pmiss 1.0 everywhere, n-MIDE undefined, AUDC@l = l.
        #expect(a["p_miss@1rfa"] == 1 && a["w_p_miss@0.2rfa"] == 1 && a["AUDC@0.5rfa"] == 0.5 && a["nAUDC@0.5rfa"] == 1)
        #expect(a["n-mide@1rfa"]!.isNaN && a["n-mide"]!.isNaN && a["n-mide_num_rejected"] == 0)
        // No reference: RFA 1 and 2 per minute; Pmiss is undefined at every point, and read at a
        // target it is 1.0 (exact match or not, the scorer checks for None first); AUDC is undefined.
        #expect(b["p_miss@1rfa"] == 1 && b["p_miss@0.2rfa"] == 1 && b["p_miss@0.01rfa"] == 1 && b["AUDC@1rfa"]!.isNaN)
        #expect(result.activities[1].curve.allSatisfy { $0.pMiss == nil })
        #expect(result.activities[1].curve.map(\.rateOfFalseAlarms) == [1, 2] && result.activities[1].falseAlarmsPerHour == 120)
        // Means leave undefined values out.
        #expect(result.aggregated["mean-p_miss@1rfa"] == 1 && result.aggregated["mean-AUDC@1rfa"] == 1)
        #expect(result.aggregated["mean-n-mide"]!.isNaN && result.aggregated["n-mide"]!.isNaN)
        // Without -I, B and C (no reference instance) are not scored.
        #expect(ActEV.compute([(video, 1)], activities: ["A", "B", "C"], parameters: parameters).activities.map(\.name) == ["A"])
        // No selected video: every rate is undefined, with its reason.
        var empty = video
        empty.selectedFrames = 0
        let none = ActEV.compute([(empty, 1)], activities: ["B"], parameters: parameters, includeZeroReferenceActivities: true)
        #expect(none.activities[0].scores["w_p_miss@1rfa"]!.isNaN && none.activities[0].falseAlarmsPerHour.isNaN)
        #expect(none.activities[0].scores.undefinedReasons["w_p_miss@1rfa"] == "no selected video frames (0 minutes)")
    }

    @Test func prunesAsTheScorer() throws {
        // Budget: 0.5 × (100 − 1 + 1) = 50 frames; per activity the threshold is the lowest
        // presenceConf whose instances with those above last < 50 frames.
        let file = ActEVFile(name: "v.mp4", frameRate: 30, selected: ActEVSignal(start: 1, end: 100))
        func inst(_ id: String, _ conf: Double, _ length: Int, _ activity: String = "A") -> ActEVInstance {
            ActEVInstance(activity: activity, id: id, presenceConf: conf, file: "v.mp4", signal: ActEVSignal(start: 1, end: 1 + length))
        }
        let (kept, bounds) = try ActEV.prune([inst("1", 0.9, 20), inst("2", 0.8, 20), inst("3", 0.7, 20), inst("4", 0.95, 60, "B")],
                                             fileIndex: [file], fraction: 0.5)
        #expect(kept.map(\.id) == ["1", "2"])
        #expect(bounds.minimum == 0.7 && bounds.maximum == 0.95)
        #expect(throws: ActEVScoringError.self) {
            try ActEV.prune([ActEVInstance(activity: "A", id: "x", presenceConf: 1, file: "v.mp4",
                                           signal: ActEVSignal(steps: [(1, 1), (5, 0), (9, 1)]))], fileIndex: [file], fraction: 0.5)
        }
    }
}
