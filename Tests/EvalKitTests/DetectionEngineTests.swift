import Foundation
import Testing
@testable import EvalKit
import EvalKitData
import EvalKitReports

/// Task `detection` end to end: the shipped samples agree with pycocotools (their
/// reference_metrics.json, made by reference_metrics.py), slices are pycocotools on the slice's
/// images, attributes are compared on matched pairs, and each class of bad input is a clear error.
@Suite struct DetectionEngineTests {
    static let plates = repositoryRoot + "/Datasets/plates-detection-synthetic"
    static let statsKeys = ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]

    func scheme(_ body: String, in directory: String? = nil) throws -> String {
        try write(body, to: "scheme.json", in: directory ?? temporaryDirectory())
    }

    func platesScheme(options: String = "{}", extra: String = "") throws -> String {
        try scheme("""
            {"evalkit": 1, "name": "plates", "task": "detection", "dataset": "\(Self.plates)/dataset.json",
             "predictions": {"path": "\(Self.plates)/predictions.json"}, "options": \(options)\(extra)}
            """)
    }

    /// Foundation reads the reference file (its doubles may be off by an ulp), hence 1e-12.
    func expectStats(_ metrics: MetricValues, _ expected: [Any], _ what: String) {
        for (key, value) in zip(Self.statsKeys, expected.map { ($0 as! NSNumber).doubleValue }) {
            if value == -1 {
                #expect(metrics[key]?.isNaN == true, "\(what) \(key): \(metrics[key] ?? 0), pycocotools -1")
            } else {
                #expect(close(metrics[key], value, tolerance: 1e-12), "\(what) \(key): \(metrics[key] ?? .nan) vs \(value)")
            }
        }
    }

    @Test func platesSampleAgreesWithPycocotoolsOverallAndPerSlice() throws {
        let path = try platesScheme(extra: #", "slices": [["lighting"], ["camera"], ["lighting", "camera"]], "min_slice_size": 1"#)
        let result = try runScheme(path)
        let evaluation = result.evaluations[0]
        let reference = try loadJSON(Self.plates + "/reference_metrics.json")
        let overall = reference["overall"] as! [String: Any]
        expectStats(evaluation.computed.metrics, overall["stats"] as! [Any], "overall")
        for category in overall["per_category"] as! [[String: Any]] {
            let name = category["name"] as! String
            let ours = try #require(evaluation.computed.perClass.first { $0.label == name }).metrics
            #expect(close(ours["AP"], (category["ap"] as! NSNumber).doubleValue, tolerance: 1e-12), "\(name) AP")
            #expect(close(ours["AR100"], (category["ar"] as! NSNumber).doubleValue, tolerance: 1e-12), "\(name) AR100")
        }
        let slices = reference["slices"] as! [String: [String: [String: Any]]]
        var checked = 0
        for slice in evaluation.slices {
            let grouping = slice.attributes.joined(separator: " x ")
            let label = slice.values.joined(separator: " x ")
            guard let expected = slices[grouping]?[label] else { continue }
            #expect(slice.count == ((expected["counts"] as! [String: Any])["images"] as! NSNumber).intValue)
            expectStats(slice.allMetrics, expected["stats"] as! [Any], "\(grouping)=\(label)")
            checked += 1
        }
        #expect(checked >= 14)
    }

    @Test func attributesAreComparedOnMatchedPairs() throws {
        // pycocotools' own IoU-0.5 matches (all scores): the reference's attribute agreement.
        let path = try platesScheme(options: """
            {"operating_point": {"iou": 0.5, "score": 0}, "attributes": {"plate": {"kind": "text"}, "colour": {"kind": "label"}, "type": {}}}
            """, extra: #", "slices": [["lighting"]]"#)
        let result = try runScheme(path)
        let metrics = result.evaluations[0].computed.metrics
        let reference = (try loadJSON(Self.plates + "/reference_metrics.json")["attribute_agreement"] as! [String: Any])
        let overall = reference["overall"] as! [String: Any]
        func value(_ key: String, _ from: [String: Any] = overall) -> Double { (from[key] as! NSNumber).doubleValue }
        #expect(metrics["plate.pairs"] == value("matched_plates"))
        #expect(metrics["colour.pairs"] == value("matched_vehicles"))
        #expect(close(metrics["colour.accuracy"], value("vehicle_colour_accuracy"), tolerance: 1e-12))
        #expect(close(metrics["type.accuracy"], value("vehicle_type_accuracy"), tolerance: 1e-12))
        // Text on pairs plus missed boxes: a missed plate is a missed read.
        let pairs = metrics["plate.pairs"]!, missed = metrics["plate.missed"]!
        #expect(pairs + missed == 744)
        #expect(close(metrics["plate.exact_match"], value("plate_exact_read_rate") * pairs / (pairs + missed), tolerance: 1e-12))
        let night = (reference["lighting"] as! [String: Any])["night"] as! [String: Any]
        let nightSlice = try #require(result.evaluations[0].slices.first { $0.values == ["night"] })
        #expect(nightSlice.allMetrics["plate.pairs"] == value("matched_plates", night))
        #expect(close(nightSlice.allMetrics["colour.accuracy"], value("vehicle_colour_accuracy", night), tolerance: 1e-12))
    }

    @Test func shippedSchemesRunAndPassTheirGates() throws {
        let result = try runScheme(repositoryRoot + "/Schemes/coco-detection.json")
        #expect(result.passed, "\(result.gates.map { "\($0.gate): \($0.passed)" })")
        let metrics = result.evaluations[0].computed.metrics
        #expect(metrics["AP"] == 0.5045806987249628) // cocoapi's published value, bit for bit
        #expect(result.evaluations[0].intervals["AP"] != nil)
        #expect(metrics["voc_ap"] != nil)
        // The precision-recall curve averaged over IoU thresholds and categories: its mean over
        // the recall points is AP (every category with ground truth counts at every point).
        let curves = result.evaluations[0].computed.curves
        #expect(curves.map(\.name) == ["precision_recall", "precision_recall@iou=0.5", "precision_recall@iou=0.75"])
        #expect(curves[0].x.count == 101 && curves[0].y.count == 101)
        #expect(abs(curves[0].y.reduce(0, +) / 101 - metrics["AP"]!) < 1e-12)
        #expect(abs(curves[1].y.reduce(0, +) / 101 - metrics["AP50"]!) < 1e-12)
        // Its default plots: the precision-recall curves and a bar chart per slice grouping.
        var warnings: [String] = []
        let plots = try PlotRenderer.render(result, warnings: &warnings)
        #expect(plots.map(\.file) == ["precision_recall-1.png", "slice_bars-AP-by-orientation-1.png", "slice_bars-AP-by-crowdedness-1.png"])
        #expect(warnings.isEmpty && plots.allSatisfy { $0.scale == 2 && $0.png.count > 10_000 })
        let plates = try runScheme(repositoryRoot + "/Schemes/plates-detection.json")
        #expect(plates.evaluations[0].computed.metrics["plate.cer"] != nil)
    }

    // MARK: Bad input

    /// A dataset in `directory` with the given ground truth and results texts.
    func dataset(gt: String, dt: String, options: String = "{}", extra: String = "") throws -> String {
        let directory = try temporaryDirectory()
        try write(gt, to: "gt.json", in: directory)
        try write(dt, to: "dt.json", in: directory)
        return try scheme("""
            {"evalkit": 1, "name": "bad", "task": "detection",
             "dataset": {"evalkit_dataset": 1, "name": "d", "files": [{"path": "gt.json", "role": "ground_truth", "format": "coco"}]},
             "predictions": {"path": "dt.json"}, "options": \(options)\(extra)}
            """, in: directory)
    }

    static let goodTruth = """
        {"images": [{"id": 1}, {"id": 2}], "categories": [{"id": 1, "name": "car"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0}]}
        """
    static let goodResults = #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9}]"#

    @Test func aGoodTinyDatasetRuns() throws {
        let result = try runScheme(try dataset(gt: Self.goodTruth, dt: Self.goodResults))
        // One detection, one box: precision 1 / (1 + 2⁻⁵²), as pycocotools computes it.
        #expect(result.evaluations[0].computed.metrics["AP"] == 0.9999999999999998)
        #expect(result.evaluations[0].computed.metrics["tp"] == 1)
    }

    @Test func badBoxesAndNumbers() throws {
        let negative = runError(try dataset(gt: Self.goodTruth, dt: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, -3, 10], "score": 0.9}]"#))
        #expect(negative.contains("dt.json ([0].bbox)") && negative.contains("width and height ≥ 0") && negative.contains("-3"), "\(negative)")
        let nan = runError(try dataset(gt: Self.goodTruth, dt: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 3, 10], "score": NaN}]"#))
        #expect(nan.contains("dt.json:1:") && nan.contains("NaN is not a JSON number"), "\(nan)")
        let short = runError(try dataset(gt: Self.goodTruth, dt: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 3], "score": 1}]"#))
        #expect(short.contains("expected an array of 4 numbers"), "\(short)")
        let gtNegative = runError(try dataset(gt: Self.goodTruth.replacingOccurrences(of: "[0, 0, 10, 10]", with: "[0, 0, 10, -1]"), dt: Self.goodResults))
        #expect(gtNegative.contains("gt.json (annotations[0].bbox)"), "\(gtNegative)")
    }

    @Test func zeroSizeBoxesAreKeptAndCounted() throws {
        let result = try runScheme(try dataset(gt: Self.goodTruth, dt: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 0, 10], "score": 0.9}]"#))
        #expect(result.evaluations[0].notes.contains { $0.contains("1 detection(s) have zero width or height") })
        #expect(result.evaluations[0].computed.metrics["AP"] == 0)
    }

    @Test func unknownImagesAndCategoriesFollowTheExtraPolicy() throws {
        let unknownImage = #"[{"image_id": 7, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9}]"#
        let error = runError(try dataset(gt: Self.goodTruth, dt: unknownImage))
        #expect(error.contains("([0].image_id)") && error.contains("image id 7 is not in the ground truth") && error.contains("extra"), "\(error)")
        let unknownCategory = #"[{"image_id": 1, "category_id": 9, "bbox": [0, 0, 10, 10], "score": 0.9}]"#
        #expect(runError(try dataset(gt: Self.goodTruth, dt: unknownCategory)).contains("category id 9 is not among the ground truth's categories"))
        let ignored = try runScheme(try dataset(gt: Self.goodTruth, dt: "[" + [unknownImage, unknownCategory, Self.goodResults].map { String($0.dropFirst().dropLast()) }.joined(separator: ",") + "]",
                                                extra: #", "extra": "ignore""#))
        #expect(ignored.evaluations[0].inputs.extra == 2)
        #expect(ignored.evaluations[0].computed.metrics["AP"] == 0.9999999999999998)
        #expect(ignored.evaluations[0].notes.contains { $0.contains("1 detection(s) on images absent from the ground truth were left out") })
    }

    @Test func duplicateIdsAndDanglingReferences() throws {
        let duplicate = Self.goodTruth.replacingOccurrences(of: #""annotations": ["#,
            with: #""annotations": [{"id": 1, "image_id": 2, "category_id": 1, "bbox": [0, 0, 5, 5], "area": 25, "iscrowd": 0}, "#)
        #expect(runError(try dataset(gt: duplicate, dt: Self.goodResults)).contains("gt.json (annotations[1].id): field \"id\": duplicate annotation id 1"))
        let duplicateImage = Self.goodTruth.replacingOccurrences(of: #"{"id": 2}"#, with: #"{"id": 1}"#)
        #expect(runError(try dataset(gt: duplicateImage, dt: Self.goodResults)).contains("duplicate image id 1"))
        let dangling = Self.goodTruth.replacingOccurrences(of: #""image_id": 1"#, with: #""image_id": 5"#)
        #expect(runError(try dataset(gt: dangling, dt: Self.goodResults)).contains("image id 5 is not among the file's images"))
        let crowd = Self.goodTruth.replacingOccurrences(of: #""iscrowd": 0"#, with: #""iscrowd": 2"#)
        #expect(runError(try dataset(gt: crowd, dt: Self.goodResults)).contains("(annotations[0].iscrowd)"))
    }

    @Test func malformedFilesNameThePlace() throws {
        let broken = runError(try dataset(gt: Self.goodTruth, dt: "[{\"image_id\": 1,, }]"))
        #expect(broken.contains("dt.json:1:") && broken.contains("byte offset"), "\(broken)")
        let object = runError(try dataset(gt: Self.goodTruth, dt: "{}"))
        #expect(object.contains("not a COCO results file"), "\(object)")
        let noImages = runError(try dataset(gt: #"{"annotations": [], "categories": []}"#, dt: "[]"))
        #expect(noImages.contains("gt.json (images)") && noImages.contains("needs \"images\""), "\(noImages)")
        let missingScore = runError(try dataset(gt: Self.goodTruth, dt: #"[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 3, 3]}]"#))
        #expect(missingScore.contains("score"), "\(missingScore)")
    }

    @Test func badOptionsAreSchemeErrors() throws {
        let cases: [(String, String)] = [
            (#"{"iou_thresholds": [0.5, 1.5]}"#, "IoU thresholds in (0, 1]"),
            (#"{"iou_thresholds": [0.75, 0.5]}"#, "increasing order"),
            (#"{"max_detections": [10, 1]}"#, "increasing values"),
            (#"{"max_detections": [0]}"#, "a positive integer"),
            (#"{"area_ranges": {"tiny": [10, 5]}}"#, "(options.area_ranges.tiny)"),
            (#"{"operating_point": {"iou": 0}}"#, "an IoU in (0, 1]"),
            (#"{"voc": "12point"}"#, "voc"),
            (#"{"attributes": {"colour": {"kind": "colour"}}}"#, "kind"),
            (#"{"attributes": {"colour": {"kind": "label", "case": "insensitive"}}}"#, "text normalisation applies"),
            (#"{"iou_treshold": 0.5}"#, "did you mean"),
        ]
        for (options, expected) in cases {
            let message = runError(try dataset(gt: Self.goodTruth, dt: Self.goodResults, options: options))
            #expect(message.contains("scheme.json") && message.contains(expected), "\(options): \(message)")
        }
        let ap50 = runError(try dataset(gt: Self.goodTruth, dt: Self.goodResults, options: #"{"iou_thresholds": [0.6, 0.7]}"#,
                                        extra: #", "metrics": ["AP50"]"#))
        #expect(ap50.contains("unknown metric \"AP50\""), "\(ap50)")
    }

    @Test func configuredValuesNameTheSummary() throws {
        let result = try runScheme(try dataset(gt: Self.goodTruth, dt: Self.goodResults,
                                               options: #"{"max_detections": [1, 5, 20], "iou_thresholds": {"start": 0.3, "stop": 0.7, "step": 0.2}, "area_ranges": {"tiny": [0, 50], "big": [50, 1e10]}}"#))
        let keys = result.evaluations[0].computed.metrics.keys
        #expect(Array(keys.prefix(9)) == ["AP", "AP50", "AP_tiny", "AP_big", "AR1", "AR5", "AR20", "AR_tiny", "AR_big"])
        #expect(result.evaluations[0].computed.metrics["AP"] == 0.9999999999999998)
    }

    /// The same boxes as CSV tables (images listed in a metadata file) give the same numbers as
    /// the COCO files.
    @Test func tablesGiveTheSameNumbersAsCOCOFiles() throws {
        let source = repositoryRoot + "/Tests/Fixtures/detection/cases/04_ties"
        let gt = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: source + "/gt.json"))), file: "gt.json")
        let dt = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: source + "/dt.json"))), file: "dt.json")
        let names = Dictionary(uniqueKeysWithValues: gt["categories"]!.arrayItems!.map { ($0["id"]!.numberValue!, $0["name"]!.stringValue!) })
        func literal(_ node: JSONNode) -> String {
            if case .number(_, let text) = node.value { return text }
            return node.stringValue ?? ""
        }
        var truth = "image_id,label,x,y,w,h,area,iscrowd\n"
        for a in gt["annotations"]!.arrayItems! {
            truth += ([literal(a["image_id"]!), names[a["category_id"]!.numberValue!]!] + a["bbox"]!.arrayItems!.map(literal)
                      + [literal(a["area"]!), literal(a["iscrowd"]!)]).joined(separator: ",") + "\n"
        }
        var detections = "image_id,label,x,y,w,h,score\n"
        for d in dt.arrayItems! {
            detections += ([literal(d["image_id"]!), names[d["category_id"]!.numberValue!]!] + d["bbox"]!.arrayItems!.map(literal)
                           + [literal(d["score"]!)]).joined(separator: ",") + "\n"
        }
        let images = "image_id\n" + gt["images"]!.arrayItems!.map { literal($0["id"]!) }.joined(separator: "\n") + "\n"
        let directory = try temporaryDirectory()
        try write(truth, to: "truth.csv", in: directory)
        try write(detections, to: "detections.csv", in: directory)
        try write(images, to: "images.csv", in: directory)
        let tables = try runScheme(try scheme("""
            {"evalkit": 1, "name": "csv", "task": "detection",
             "dataset": {"evalkit_dataset": 1, "name": "d", "files": [
                {"path": "truth.csv", "role": "ground_truth"}, {"path": "images.csv", "role": "metadata"}],
              "columns": {"id": "image_id", "label": "label"}},
             "predictions": {"path": "detections.csv"}}
            """, in: directory))
        let coco = try runScheme(try scheme("""
            {"evalkit": 1, "name": "coco", "task": "detection",
             "dataset": {"evalkit_dataset": 1, "name": "d", "files": [{"path": "\(source)/gt.json", "role": "ground_truth"}]},
             "predictions": {"path": "\(source)/dt.json"}}
            """))
        let a = tables.evaluations[0].computed.metrics, b = coco.evaluations[0].computed.metrics
        #expect(a.keys == b.keys)
        for key in b.keys { #expect(a[key] == b[key], "\(key): \(a[key] ?? .nan) vs \(b[key]!)") }
        #expect(tables.evaluations[0].inputs.files.map(\.role) == ["ground_truth", "predictions", "metadata"])
        // A bad row names its file and line.
        let first = detections.split(separator: "\n")[1]
        var bad = first.split(separator: ",").map(String.init)
        bad[4] = "-2"
        try write("image_id,label,x,y,w,h,score\n\(first)\n\(bad.joined(separator: ","))\n", to: "detections.csv", in: directory)
        let message = runError(directory + "/scheme.json")
        #expect(message.contains("detections.csv:3: field \"w\"") && message.contains("≥ 0"), "\(message)")
    }

    /// Slices by a box attribute: the boxes of each value with the detections that found them;
    /// recall per value, counts that add up to the whole, AP undefined.
    @Test func slicesByABoxAttribute() throws {
        let path = try platesScheme(options: #"{"operating_point": {"iou": 0.5, "score": 0.3}, "attributes": {"colour": {}}}"#,
                                    extra: #", "slices": [["colour"], ["lighting", "colour"]], "min_slice_size": 1"#)
        let result = try runScheme(path)
        let evaluation = result.evaluations[0]
        let overall = evaluation.computed.metrics
        let byColour = evaluation.slices.filter { $0.attributes == ["colour"] }
        #expect(byColour.map(\.values[0]).contains("<missing>")) // the plates have no colour
        #expect(byColour.reduce(0) { $0 + $1.allMetrics["tp"]! } == overall["tp"]!)
        #expect(byColour.reduce(0) { $0 + $1.allMetrics["fn"]! } == overall["fn"]!)
        #expect(byColour.reduce(0) { $0 + $1.count } == 1538)
        for slice in byColour where slice.values != ["<missing>"] {
            let m = slice.allMetrics
            // The vehicles of this colour found at the operating point are its colour pairs.
            #expect(m["tp"] == m["colour.pairs"], "\(slice.label)")
            #expect(m["fn"] == m["colour.missed"], "\(slice.label)")
            #expect(close(m["recall"], m["colour.pairs"]! / Double(slice.count), tolerance: 1e-15))
            #expect(m["AP"]!.isNaN && m["precision"]!.isNaN && m["AR100"]! > 0)
        }
        #expect(!evaluation.slices.contains { $0.values.contains("<n/a>") })
        #expect(evaluation.slices.contains { $0.attributes == ["lighting", "colour"] && $0.values == ["night", "red"] })
        #expect(evaluation.notes.contains { $0.contains("hold boxes, not images") })
    }

    /// `--out` writes the counts per image at the operating point next to results.json.
    @Test func perImageCountsAreWrittenWithTheResults() throws {
        let result = try runScheme(try platesScheme(options: #"{"operating_point": {"iou": 0.5, "score": 0.3}}"#))
        let directory = try temporaryDirectory()
        try ResultFiles.write(result, to: directory)
        let lines = try String(contentsOfFile: directory + "/per_image-1.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "image_id,tp,fp,fn,ground_truth_boxes")
        #expect(lines.count == 401)
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        let metrics = result.evaluations[0].computed.metrics
        for (column, key) in [(1, "tp"), (2, "fp"), (3, "fn")] {
            #expect(Double(rows.reduce(0) { $0 + Int($1[column])! }) == metrics[key]!, "\(key)")
        }
        #expect(rows.map { Int($0[0])! } == rows.map { Int($0[0])! }.sorted())
        #expect(FileManager.default.fileExists(atPath: directory + "/results.json"))
        // The precision-recall plot: 640×480 drawn at 2x, a 1280×960 PNG (signature and IHDR size).
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/precision_recall-1.png")))
        #expect(Array(png.prefix(8)) == [137, 80, 78, 71, 13, 10, 26, 10])
        #expect(Array(png[16..<24]) == [0, 0, 5, 0, 0, 0, 3, 192])
    }

    /// Intervals by the image bootstrap reach box slices too (their boxes carry their images).
    @Test func boxSlicesHaveIntervals() throws {
        let result = try runScheme(try platesScheme(extra: #", "slices": [["colour"], ["lighting"]], "min_slice_size": 20, "metrics": ["AP", "recall"], "intervals": {"replicates": 60, "seed": 3}"#))
        let evaluation = result.evaluations[0]
        let red = try #require(evaluation.slices.first { $0.values == ["red"] })
        let interval = try #require(red.intervals["recall"])
        #expect(interval.lower <= red.metrics["recall"]! && red.metrics["recall"]! <= interval.upper)
        #expect(interval.lower < interval.upper)
        #expect(red.intervals["AP"] == nil) // undefined in a box slice
        let night = try #require(evaluation.slices.first { $0.values == ["night"] })
        #expect(night.intervals["AP"] != nil)
        #expect(evaluation.intervals["AP"] != nil)
    }
}
