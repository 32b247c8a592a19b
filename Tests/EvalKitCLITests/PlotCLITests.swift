import EvalKitReports
import Foundation
import Testing

/// Plots as a user meets them: `--out` writes each kind's default plots, a scheme's `plots`
/// chooses them, and a plot the scheme cannot have is a clear error (exit 2, nothing written).
@Suite struct PlotCLITests {
    let cli = CLITests()
    static let adult = CLITests.root + "/Datasets/adult"

    /// A quickstart-like scheme on the Adult sample, with `plots` (a JSON value) and `predictions` mapping.
    func scheme(plots: String?, predictions: String = #"{"path": "PRED", "id": "id", "label": "pred", "score": "score"}"#,
                slices: String = #"[["sex"], ["race"]]"#) throws -> (scheme: String, out: String) {
        let directory = try cli.temporaryDirectory()
        let text = """
        {"evalkit": 1, "name": "plots", "task": "classification", "dataset": "\(Self.adult)/dataset.json",
         "predictions": \(predictions.replacingOccurrences(of: "PRED", with: Self.adult + "/predictions.csv")),
         "options": {"positive": "1"}, "metrics": ["accuracy", "recall", "f1"],
         "slices": \(slices), "min_slice_size": 200\(plots.map { ", \"plots\": \($0)" } ?? "")}
        """
        try text.write(toFile: directory + "/scheme.json", atomically: true, encoding: .utf8)
        return (directory + "/scheme.json", directory + "/out")
    }

    static func pngs(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".png") }.sorted()
    }

    /// Decoded with libpng: drawn at 2x, and at least 2% of its pixels are not background.
    static func expectDrawn(_ path: String) throws {
        let image = try PNGImage.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(image.width >= 640 && image.width % 2 == 0 && image.height >= 300, "\(path): \(image.width)x\(image.height)")
        var ink = 0
        for y in stride(from: 0, to: image.height, by: 2) {
            for x in stride(from: 0, to: image.width, by: 2) where image.pixel(x: x, y: y) != (255, 255, 255) { ink += 1 }
        }
        #expect(Double(ink) / Double(image.width * image.height / 4) > 0.02, "\(path) is nearly blank")
    }

    @Test func defaultPlotsOfClassification() throws {
        let (scheme, out) = try scheme(plots: nil)
        let outcome = try cli.evalkit(["run", scheme, "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let files = Self.pngs(out)
        #expect(files.contains("confusion_matrix-1.png"))
        #expect(files.contains("slice_bars-accuracy-by-sex-1.png") && files.contains("slice_bars-accuracy-by-race-1.png"))
        for file in files { try Self.expectDrawn(out + "/" + file) }
    }

    /// Without `plots`, each grouping's slice bars show the metric a gate checks on its slices.
    @Test func defaultSliceBarsShowTheGatedMetric() throws {
        let (scheme, out) = try scheme(plots: nil)
        var text = try String(contentsOfFile: scheme, encoding: .utf8)
        text = text.replacingOccurrences(of: #""min_slice_size": 200"#,
                                         with: #""min_slice_size": 200, "gates": [{"metric": "f1", "slices": [["race"]], "min": 0.1}]"#)
        try text.write(toFile: scheme, atomically: true, encoding: .utf8)
        let outcome = try cli.evalkit(["run", scheme, "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let bars = Self.pngs(out).filter { $0.hasPrefix("slice_bars") }
        #expect(bars == ["slice_bars-f1-by-race-1.png", "slice_bars-f1-by-sex-1.png"], "\(bars)")
    }

    @Test func aSchemeChoosesItsPlots() throws {
        let (scheme, out) = try scheme(plots: #"[{"plot": "slice_bars", "metric": "recall", "by": ["race"]}, {"plot": "roc", "by": ["sex"]}]"#)
        let outcome = try cli.evalkit(["run", scheme, "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.pngs(out) == ["roc-by-sex-1.png", "slice_bars-recall-by-race-1.png"])
        try Self.expectDrawn(out + "/roc-by-sex-1.png")
        // The per-slice curves drawn are in results.json, for the sex slices only.
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as! [String: Any]
        let slices = ((results["evaluations"] as! [[String: Any]])[0]["slices"] as! [[String: Any]])
        for slice in slices {
            let bySex = (slice["by"] as! [String: Any]).keys.sorted() == ["sex"]
            #expect(((slice["curves"] as? [String: Any])?["roc"] != nil) == bySex)
        }
        let (none, noneOut) = try self.scheme(plots: "[]")
        #expect(try cli.evalkit(["run", none, "--out", noneOut]).status == 0)
        #expect(Self.pngs(noneOut).isEmpty)
    }

    @Test(arguments: [
        (#"["rco"]"#, #"unknown plot"#, #"did you mean "roc"?"#),
        (#"["tracking_errors"]"#, #"task "classification" has no "tracking_errors" plot"#, #"found "tracking_errors""#),
        (#"[{"plot": "slice_bars", "metric": "recal"}]"#, #"unknown metric"#, #"did you mean "recall"?"#),
        (#"[{"plot": "slice_bars", "by": ["age_band"]}]"#, #"not a grouping of "slices""#, #"["sex"], ["race"]"#),
        (#"[{"plot": "confusion_matrix", "video": "x"}]"#, #""video" applies to "timeline" plots only"#, "plots[0]"),
        (#"[{"metric": "f1"}]"#, #"missing required key "plot""#, "plots[0]"),
        (#""roc""#, "expected an array of plots", "plots"),
        (#"["robustness"]"#, #"plot "robustness" needs the evaluation's "robustness" block"#, "plots[0]"),
    ])
    func badPlotsAreNamed(_ plots: String, _ message: String, _ detail: String) throws {
        let (scheme, out) = try scheme(plots: plots)
        let outcome = try cli.evalkit(["run", scheme, "--out", out])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(message) && outcome.stderr.contains(detail), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aNamedPlotWithoutItsDataIsAnErrorAndNothingIsWritten() throws {
        let (scheme, out) = try scheme(plots: #"["slice_bars", "roc"]"#,
                                       predictions: #"{"path": "PRED", "id": "id", "label": "pred"}"#)
        let outcome = try cli.evalkit(["run", scheme, "--out", out])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(#"plot "roc" cannot be drawn"#) && outcome.stderr.contains("plots[1]"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/results.json"))
        #expect(Self.pngs(out).isEmpty)
    }

    @Test func plotsOfTheOtherKinds() throws {
        let runs: [(String, [String])] = [
            ("tracking-synthetic.json", ["tracking_errors-1.png", "slice_bars-idf1-by-camera-1.png"]),
            ("events-actev.json", ["det-1.png"]),
            ("corruptions-robustness.json", ["robustness-accuracy-1.png", "robustness-fpr-1.png"]),
        ]
        for (name, expected) in runs {
            let out = try cli.temporaryDirectory() + "/out"
            let outcome = try cli.evalkit(["run", "Schemes/" + name, "--out", out, "--no-history"])
            #expect(outcome.status == 0, "\(name): \(outcome.stderr)")
            let files = Self.pngs(out)
            for file in expected {
                #expect(files.contains(file), "\(name): \(files)")
                if files.contains(file) { try Self.expectDrawn(out + "/" + file) }
            }
        }
    }

    @Test func withoutAFontDefaultPlotsAreLeftOutAndNamedPlotsAreAnError() throws {
        let (scheme, out) = try scheme(plots: nil)
        let missing = ["EVALKIT_FONT": "/nonexistent/font.ttf"]
        let outcome = try cli.evalkit(["run", scheme, "--out", out], environment: missing)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("plots not drawn: EVALKIT_FONT: no such file"))
        #expect(Self.pngs(out).isEmpty && FileManager.default.fileExists(atPath: out + "/results.json"))
        let (named, namedOut) = try self.scheme(plots: #"["confusion_matrix"]"#)
        let failed = try cli.evalkit(["run", named, "--out", namedOut], environment: missing)
        #expect(failed.status == 2 && failed.stderr.contains("cannot draw plot \"confusion_matrix\""), "\(failed.stderr)")
    }
}
