import Foundation
import Testing
@testable import EvalKit
import EvalKitData
import EvalKitMetrics

/// Every metric key a task kind reports has an entry in its catalog, and the entries keep the
/// directions, counts and disparity choices evalkit had before the catalogs (a name table shared
/// by all kinds, reproduced here as `Legacy`).
@Suite struct MetricCatalogTests {
    /// The global rules the catalogs replaced, verbatim: the oracle for "no behaviour change".
    enum Legacy {
        static let lower: Set<String> = [
            "fpr", "fnr", "fp", "fn", "hamming_loss", "error_rate", "substitution_rate", "deletion_rate",
            "insertion_rate", "false_alarms_per_hour", "eer", "cer", "nAUDC", "fmr@threshold", "fnmr@threshold",
            "miss_rate", "false_alarms_per_image", "missed", "log_loss",
        ]
        static let neutral: Set<String> = ["tp", "tn", "support", "selection_rate", "count", "items", "images", "pairs", "ground_truth_boxes"]
        static let counts: Set<String> = ["tp", "fp", "fn", "tn", "support", "items", "images", "pairs", "missed", "ground_truth_boxes", "count"]

        static func direction(_ metric: String) -> MetricDirection? {
            var base = metric
            if let dot = base.lastIndex(of: "."), !base.contains("@") { base = String(base[base.index(after: dot)...]) }
            if let at = base.firstIndex(of: "@") {
                base = String(base[..<at])
                if base == "threshold" { return nil }
            }
            if lower.contains(base) || base.hasPrefix("fnmr@") || base.hasPrefix("fnir@") || base.hasPrefix("pmiss@") {
                return .lowerIsBetter
            }
            for suffix in ["_macro", "_micro", "_weighted", "_samples"] where base.hasSuffix(suffix) {
                return direction(String(base.dropLast(suffix.count)))
            }
            if neutral.contains(base) || base.hasPrefix("threshold") { return nil }
            if base.hasSuffix("_error_rate") || base.hasSuffix("_rate") && base.contains("error") { return .lowerIsBetter }
            return .higherIsBetter
        }

        static func isCount(_ metric: String) -> Bool {
            counts.contains(metric.split(separator: ".").last.map(String.init) ?? metric)
        }

        static let wilson = ["precision", "recall", "specificity", "fpr", "fnr", "accuracy", "selection_rate"]
    }

    /// Every key each kind can report, from the same functions its evaluations' `availableMetrics`
    /// and `compute` use, over every option that changes the keys.
    static var reportedKeys: [(kind: any TaskKind.Type, keys: [String])] {
        var classification: [String] = []
        for binary in [false, true] {
            for hasScores in [false, true] {
                for beta in [false, true] {
                    for probabilities in [false, true] {
                        classification += ClassificationMetrics.metricNames(
                            binary: binary, hasScores: hasScores, beta: beta, probabilities: probabilities, topK: [1, 3, 10])
                    }
                }
                classification += MultilabelMetrics.metricNames(hasScores: hasScores, beta: binary)
                classification += MultilabelMetrics.perTargetMetricNames(hasScores: hasScores, beta: binary)
            }
            classification += ClassificationMetrics.perClassMetricNames(beta: binary)
        }
        for metric in OperatingPointTarget.Metric.allCases {
            classification += OperatingPointTarget(metric, 0.01).metricKeys + OperatingPointTarget(metric, 0.9).metricKeys
        }
        var detection: [String] = []
        let custom = DetectionParameters(
            iouThresholds: [0.5, 0.75], maxDetections: [1, 5, 300],
            areaRanges: [.init("all", 0, 1e10), .init("small", 0, 32), .init("tiny", 0, 8), .init("huge.boxes", 1e5, 1e10)])
        for parameters in [DetectionParameters(), custom] {
            detection += DetectionMetrics.summaryNames(parameters) + DetectionMetrics.perCategoryNames(parameters)
        }
        detection += DetectionMetrics.operatingNames + ["voc_ap"]
        for (attribute, metrics) in [("colour", ClassificationMetrics.metricNames(binary: false, hasScores: false, beta: false)),
                                     ("plate", TextMetrics.metricNames)] {
            detection += (metrics + ["pairs", "missed"]).map { attribute + "." + $0 }
        }
        return [(ClassificationTask.self, classification), (DetectionTask.self, detection), (TextTask.self, TextMetrics.metricNames)]
    }

    @Test func everyReportedKeyHasAnEntryThatKeepsTheOldRules() {
        for (kind, keys) in Self.reportedKeys {
            for key in Set(keys) {
                guard let info = kind.catalog.info(key) else {
                    Issue.record("\(kind.name): no catalog entry for \(key)")
                    continue
                }
                #expect(info.direction == Legacy.direction(key), "\(kind.name) \(key)")
                #expect(info.isCount == Legacy.isCount(key), "\(kind.name) \(key)")
                #expect(info.comparedAcrossSlices == (!Legacy.isCount(key) && !key.contains("@")), "\(kind.name) \(key)")
                #expect(info.intervals.contains(.bootstrap) == !Legacy.isCount(key), "\(kind.name) \(key)")
                let wilson = kind.name == ClassificationTask.name && Legacy.wilson.contains(key)
                #expect(info.intervals.contains(.wilson) == wilson, "\(kind.name) \(key)")
            }
        }
    }

    /// The keys the test schemes' evaluations plan and compute (overall, per slice, per class).
    @Test(arguments: ["quickstart", "digits-multiclass", "face-attributes", "plate-reads", "coco-detection", "plates-detection"])
    func schemeKeysHaveEntries(_ name: String) throws {
        let planned = try Engine.plan(schemePath: repositoryRoot + "/Schemes/\(name).json")
        var keys: [(task: String, catalog: MetricCatalog, keys: [String])] = planned.evaluations.map {
            ($0.spec.task, $0.task.catalog, $0.task.availableMetrics)
        }
        let result = try Engine.run(planned)
        for e in result.evaluations {
            let computed = e.computed.metrics.keys + e.slices.flatMap(\.allMetrics.keys)
                + e.computed.perClass.flatMap(\.metrics.keys)
            keys.append((e.task, e.catalog, computed))
        }
        #expect(!keys.isEmpty)
        for (task, catalog, list) in keys {
            #expect(catalog.names == TaskRegistry.catalog(forTask: task)?.names)
            for key in Set(list) {
                #expect(catalog.info(key) != nil, "\(name) (\(task)): no catalog entry for \(key)")
                #expect(catalog.direction(key) == Legacy.direction(key), "\(name) (\(task)): \(key)")
                #expect(catalog.isCount(key) == Legacy.isCount(key), "\(name) (\(task)): \(key)")
            }
        }
    }

    @Test(arguments: [
        // (task, key, direction: "higher", "lower" or "" for none)
        ("classification", "f1", "higher"), ("classification", "f1_macro", "higher"), ("classification", "fbeta_samples", "higher"),
        ("classification", "fpr", "lower"), ("classification", "fnr_weighted", "lower"), ("classification", "specificity_macro", "higher"),
        ("classification", "hamming_loss", "lower"), ("classification", "log_loss", "lower"),
        ("classification", "roc_auc_ovo_weighted", "higher"), ("classification", "average_precision_micro", "higher"),
        ("classification", "recall@fpr=0.01", "higher"), ("classification", "fpr@recall=0.9", "lower"),
        ("classification", "threshold@fpr=0.01", ""), ("classification", "top_k_accuracy@k=3", "higher"),
        ("classification", "selection_rate", ""), ("classification", "tp", ""), ("classification", "fp", "lower"),
        ("classification", "support", ""),
        ("detection", "AP", "higher"), ("detection", "AP_tiny", "higher"), ("detection", "AR300", "higher"),
        ("detection", "ARl", "higher"), ("detection", "miss_rate", "lower"), ("detection", "false_alarms_per_image", "lower"),
        ("detection", "images", ""), ("detection", "fn", "lower"), ("detection", "plate.cer", "lower"),
        ("detection", "plate.exact_match", "higher"), ("detection", "colour.f1_macro", "higher"),
        ("detection", "plate.missed", "lower"), ("detection", "plate.pairs", ""),
        ("text", "cer", "lower"), ("text", "exact_match", "higher"), ("text", "char_accuracy", "higher"), ("text", "items", ""),
    ])
    func representativeDirections(_ task: String, _ key: String, _ direction: String) throws {
        let catalog = try #require(TaskRegistry.catalog(forTask: task))
        #expect(catalog.info(key) != nil, "\(task) \(key)")
        #expect(catalog.direction(key)?.rawValue ?? "" == direction, "\(task) \(key)")
    }

    /// Every key the verification sample computes (overall and per slice) has an entry, and the
    /// error rates improve downwards, the success rates upwards, thresholds and counts neither.
    @Test func verificationKeysHaveEntries() throws {
        let planned = try Engine.plan(schemePath: repositoryRoot + "/Schemes/verification-faces.json")
        let result = try Engine.run(planned)
        let e = try #require(result.evaluations.first)
        let catalog = try #require(TaskRegistry.catalog(forTask: "verification"))
        let keys = Set(planned.evaluations[0].task.availableMetrics + e.computed.metrics.keys + e.slices.flatMap(\.allMetrics.keys))
        for key in keys {
            let info = try #require(catalog.info(key), "no catalog entry for \(key)")
            let expected: MetricDirection? = key.hasPrefix("threshold@") || key.hasSuffix("threshold") && !key.hasPrefix("f")
                || ["genuine_comparisons", "impostor_comparisons", "subjects", "mated_searches", "nonmated_searches"].contains(key)
                ? nil : (key.hasPrefix("rank") || key.hasPrefix("tar@") ? .higherIsBetter : .lowerIsBetter)
            #expect(info.direction == expected, "\(key)")
        }
        #expect(keys.contains("fnmr@fmr=1e-3") && keys.contains("rank5") && keys.contains("fnir@fpir=0.1"))
    }

    /// Every key the tracking sample computes (overall, per class, per slice, per alpha) has an
    /// entry: scores improve upwards, error counts per frame and MLR downwards, counts neither.
    @Test func trackingKeysHaveEntries() throws {
        let planned = try Engine.plan(schemePath: repositoryRoot + "/Schemes/tracking-synthetic.json")
        let result = try Engine.run(planned)
        let e = try #require(result.evaluations.first)
        let catalog = try #require(TaskRegistry.catalog(forTask: "tracking"))
        let keys = Set(planned.evaluations[0].task.availableMetrics + e.computed.metrics.keys + e.slices.flatMap(\.allMetrics.keys)
            + e.computed.perClass.flatMap(\.metrics.keys))
        let lower: Set<String> = ["mlr", "fp_per_frame", "id_switches_per_1000_frames", "fragmentations_per_1000_frames"]
        for key in keys {
            let info = try #require(catalog.info(key), "no catalog entry for \(key)")
            let base = key.hasSuffix("_cls_av") ? String(key.dropLast(7)) : key
            let expected: MetricDirection? = info.isCount || ["motp", "ptr"].contains(base) ? nil
                : (lower.contains(base) ? .lowerIsBetter : .higherIsBetter)
            #expect(info.direction == expected, "\(key)")
        }
        #expect(keys.contains("hota@alpha=0.5") && keys.contains("mota_cls_av") && keys.contains("id_switches_per_1000_frames"))
        #expect(catalog.info("hota@alpha=0.5")?.intervals == [.bootstrap])
    }

    @Test func undeclaredKeysHaveNoEntry() {
        #expect(ClassificationTask.catalog.info("AP") == nil)
        #expect(ClassificationTask.catalog.info("top_k_accuracy@k=x") == nil)
        #expect(ClassificationTask.catalog.info("tp_macro") == nil)
        #expect(DetectionTask.catalog.info("ARx") == nil)
        #expect(TextTask.catalog.info("f1") == nil)
        #expect(TaskRegistry.catalog(forTask: "ranking") == nil)
    }

    @Test func proportionsNameTheirCounts() throws {
        let precision = try #require(ClassificationTask.catalog.info("precision"))
        #expect(precision.kind == .proportion(numerator: ["tp"], denominator: ["tp", "fp"]))
        let values = ["tp": 40.0, "fp": 10, "fn": 20, "tn": 130]
        #expect(ClassificationTask.catalog.info("accuracy")?.wilsonCounts { values[$0] }.map { [$0.successes, $0.trials] } == [170, 200])
        #expect(ClassificationTask.catalog.info("f1_macro")?.kind == .other)
        #expect(ClassificationTask.catalog.info("recall_macro")?.kind == .rate)
        #expect(DetectionTask.catalog.info("colour.accuracy")?.intervals == [.bootstrap])
    }
}
