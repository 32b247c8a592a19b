import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// End to end on the shipped samples: evalkit's overall metrics equal scikit-learn's values in
/// each dataset's reference_metrics.json (made by its reference_metrics.py), to 1e-9.
@Suite struct SampleAgreementTests {
    func scheme(_ body: String) throws -> String {
        let directory = try temporaryDirectory()
        return try write(body, to: "scheme.json", in: directory)
    }

    @Test func adultBinaryAgreesWithScikitLearn() throws {
        let root = repositoryRoot + "/Datasets/adult"
        let path = try scheme("""
            {"evalkit": 1, "name": "adult", "task": "classification", "dataset": "\(root)/dataset.json",
             "predictions": {"path": "\(root)/predictions.csv", "label": "pred", "score": "score"},
             "options": {"positive": "1"}}
            """)
        let result = try runScheme(path)
        let expected = try loadJSON(root + "/reference_metrics.json")["overall"] as! [String: Any]
        let metrics = result.evaluations[0].computed.metrics
        var checked = 0
        for key in ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "specificity", "fpr", "fnr", "mcc",
                    "roc_auc", "average_precision", "tp", "fp", "fn", "tn"] {
            let value = (expected[key] as! NSNumber).doubleValue
            #expect(close(metrics[key], value), "\(key): evalkit \(metrics[key] ?? .nan), scikit-learn \(value)")
            checked += 1
        }
        #expect(checked == 15)
        #expect(result.evaluations[0].computed.count == 16281)
        let confusion = try #require(result.evaluations[0].computed.confusion)
        #expect(confusion.labels == ["0", "1"])
        #expect(confusion.counts == [[11588, 847], [1567, 2279]])
    }

    @Test func adultSlicesAgreeWithScikitLearn() throws {
        let root = repositoryRoot + "/Datasets/adult"
        let path = try scheme("""
            {"evalkit": 1, "name": "adult", "task": "classification", "dataset": "\(root)/dataset.json",
             "predictions": {"path": "\(root)/predictions.csv", "label": "pred", "score": "score"},
             "options": {"positive": "1"}, "slices": [["sex"], ["race"], ["age_band"], ["sex", "race"]], "min_slice_size": 30}
            """)
        let result = try runScheme(path)
        let expected = try loadJSON(root + "/reference_metrics.json")["slices"] as! [[String: Any]]
        var checked = 0
        for reference in expected {
            let by = reference["by"] as! [String: String]
            let values = reference["metrics"] as! [String: Any]
            let slice = try #require(result.evaluations[0].slices.first { $0.by == by }, "slice \(by)")
            #expect(slice.count == (values["count"] as! Int), "\(by)")
            guard !slice.suppressed else {
                #expect(slice.count < 30)
                continue
            }
            for key in ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "specificity", "fpr", "fnr", "mcc",
                        "roc_auc", "average_precision", "tp", "fp", "fn", "tn"] {
                guard let number = values[key] as? NSNumber else {
                    #expect(slice.metrics[key]?.isNaN ?? true, "\(by) \(key) should be undefined")
                    continue
                }
                #expect(close(slice.metrics[key], number.doubleValue), "\(by) \(key): \(slice.metrics[key] ?? .nan) vs \(number)")
                checked += 1
            }
        }
        #expect(checked > 200, "compared \(checked) values")
        #expect(result.evaluations[0].slices.count == expected.count)
    }

    @Test func digitsMulticlassAgreesWithScikitLearn() throws {
        let root = repositoryRoot + "/Datasets/digits"
        let path = try scheme("""
            {"evalkit": 1, "name": "digits", "task": "classification", "dataset": "\(root)/dataset.json",
             "predictions": {"path": "\(root)/predictions.csv", "label": "pred", "scores": "score_"},
             "options": {"top_k": [2, 3]}, "slices": ["ink"]}
            """)
        let result = try runScheme(path)
        let reference = try loadJSON(root + "/reference_metrics.json")
        let expected = reference["overall"] as! [String: Any]
        let metrics = result.evaluations[0].computed.metrics
        var checked = 0
        for (key, value) in expected {
            guard let number = value as? NSNumber, metrics[key] != nil else { continue }
            #expect(close(metrics[key], number.doubleValue), "\(key): evalkit \(metrics[key]!), scikit-learn \(number)")
            checked += 1
        }
        #expect(checked >= 15, "compared \(checked) metrics")
        // The class-probability metrics per ink slice too.
        for slice in reference["slices"] as! [[String: Any]] {
            let by = slice["by"] as! [String: String]
            let values = slice["metrics"] as! [String: Any]
            let ours = try #require(result.evaluations[0].slices.first { $0.by == by }, "slice \(by)")
            for key in ["roc_auc_ovr_macro", "roc_auc_ovr_weighted", "roc_auc_ovo_macro", "roc_auc_ovo_weighted", "log_loss",
                        "top_k_accuracy@k=2", "top_k_accuracy@k=3"] {
                let number = try #require(values[key] as? NSNumber, "\(by) \(key)")
                #expect(close(ours.metrics[key], number.doubleValue), "\(by) \(key): \(ours.metrics[key] ?? .nan) vs \(number)")
            }
        }
        #expect(result.evaluations[0].computed.perClass.map(\.label) == (0...9).map(String.init))
    }

    @Test func faceAttributesMultilabelAgreesWithScikitLearn() throws {
        let root = repositoryRoot + "/Datasets/face-attributes-synthetic"
        let result = try runScheme(repositoryRoot + "/Schemes/face-attributes.json")
        let expected = try loadJSON(root + "/reference_metrics.json")["overall"] as! [String: Any]
        let metrics = result.evaluations[0].computed.metrics
        var checked = 0
        for (key, value) in expected {
            let ours = key == "subset_accuracy" ? "accuracy" : key
            guard let number = value as? NSNumber, metrics[ours] != nil else { continue }
            #expect(close(metrics[ours], number.doubleValue), "\(key): evalkit \(metrics[ours]!), scikit-learn \(number)")
            checked += 1
        }
        #expect(checked >= 14, "compared \(checked) metrics")
        let perLabel = expected["per_label"] as! [String: [String: Any]]
        for (label, values) in result.evaluations[0].computed.perClass {
            let reference = try #require(perLabel[label])
            for key in ["precision", "recall", "f1", "roc_auc", "average_precision"] {
                let value = (reference[key] as! NSNumber).doubleValue
                #expect(close(values[key], value), "\(label).\(key)")
            }
        }
    }

    @Test func quickstartSchemePassesItsGates() throws {
        let result = try runScheme(repositoryRoot + "/Schemes/quickstart.json")
        #expect(result.passed)
        #expect(result.gates.count == 5)
        #expect(result.evaluations[0].computed.metrics["recall@fpr=0.05"] != nil)
    }
}

/// Every shipped scheme validates (compas-audit needs its data prepared first: no licence to ship it).
@Suite struct ShippedSchemeTests {
    @Test(arguments: ["quickstart", "face-attributes", "digits-multiclass"])
    func schemeValidates(_ name: String) throws {
        let planned = try Engine.plan(schemePath: repositoryRoot + "/Schemes/\(name).json")
        #expect(!planned.evaluations.isEmpty)
    }

    @Test func compasSchemeSaysWhatIsMissingWhenItsDataIsNotPrepared() throws {
        let csv = repositoryRoot + "/Datasets/compas/ground_truth.csv"
        guard !FileManager.default.fileExists(atPath: csv) else { return }
        let message = runError(repositoryRoot + "/Schemes/compas-audit.json")
        #expect(message.contains("ground_truth.csv: file not found"), "\(message)")
    }

    /// The shipped events sample against sed_eval 0.2.1 (Datasets/video-events-synthetic/
    /// reference_metrics.py): overall and per camera and lighting slice, segment- and event-based.
    @Test func videoEventsAgreeWithSedEval() throws {
        let root = repositoryRoot + "/Datasets/video-events-synthetic"
        let path = try write("""
            {"evalkit": 1, "name": "events", "task": "events", "dataset": "\(root)/dataset.json",
             "predictions": {"path": "\(root)/estimated.csv"}, "slices": [["camera"], ["lighting"]], "min_slice_size": 1}
            """, to: "scheme.json", in: try temporaryDirectory())
        let result = try runScheme(path)
        let reference = try loadJSON(root + "/reference_metrics.json")
        let keys = ["segment_f1", "segment_error_rate", "segment_f1_macro", "event_f1", "event_error_rate", "event_f1_macro",
                    "false_alarms_per_hour"]
        func compare(_ metrics: MetricValues, _ expected: [String: Any], _ what: String) {
            for key in keys {
                let value = (expected[key] as! NSNumber).doubleValue
                #expect(close(metrics[key], value, tolerance: 1e-12), "\(what) \(key): evalkit \(metrics[key] ?? .nan), sed_eval \(value)")
            }
            #expect(metrics["event_fp"] == (expected["false_alarms"] as! NSNumber).doubleValue, "\(what) false alarms")
        }
        let overall = reference["overall"] as! [String: Any]
        compare(result.evaluations[0].computed.metrics, overall["evalkit"] as! [String: Any], "overall")
        #expect(result.evaluations[0].computed.count == 24)
        let slices = reference["slices"] as! [[String: Any]]
        #expect(slices.count == 6)
        for expected in slices {
            let by = expected["by"] as! [String: String]
            let slice = try #require(result.evaluations[0].slices.first { $0.by == by }, "slice \(by)")
            #expect(slice.count == (expected["videos"] as! Int))
            compare(slice.metrics, expected["evalkit"] as! [String: Any], "\(by)")
        }
    }
}
