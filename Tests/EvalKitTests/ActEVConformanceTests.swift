import Foundation
import Testing
import EvalKit
import EvalKitData
import EvalKitMetrics

/// evalkit's ActEV scoring against ActEV_Scorer's own integration-test outputs ("checkfiles",
/// `../shared/conformance/ActEV_Scorer`, read in place: the VIRAT-derived data is not copied into
/// the project). Every test of `tests.json` whose protocol is an activity-detection one is run with
/// its arguments, and every value of `scores_by_activity.csv`, `scores_aggregated.csv`,
/// `alignment.csv`, `pair_metrics.csv` and `scores_by_activity_and_threshold.csv` is compared:
/// counts and ids exactly, numbers to 1e-12 (relative above 1), `None` with an undefined value.
/// Skips with a message when the folder is absent. docs/events/actev.md has the table.
@Suite struct ActEVConformanceTests {
    static let covered: Set<String> = Set(ActEVProtocol.allCases.map(\.rawValue))

    /// The conformance folder, or nil (skip). `EVALKIT_ACTEV_SCORER_DIR` names another folder of the
    /// same layout (`tests.json`, `data/`, `data/checkfiles/<test>/`), e.g. outputs of a fresh
    /// ActEV_Scorer run on generated inputs.
    static func directory() -> String? {
        if let other = ProcessInfo.processInfo.environment["EVALKIT_ACTEV_SCORER_DIR"] {
            return FileManager.default.fileExists(atPath: other + "/tests.json") ? other : nil
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = root.deletingLastPathComponent().appendingPathComponent("shared/conformance/ActEV_Scorer").path
        return FileManager.default.fileExists(atPath: candidate + "/tests.json") ? candidate : nil
    }

    struct Case {
        var name: String
        var scoringProtocol: ActEVProtocol
        var arguments: [String: String]
        var flags: Set<String>
        var compared: [String]
    }

    static func cases(_ directory: String) throws -> [Case] {
        let root = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/tests.json"))), file: "tests.json")
        return root["tests"]!.arrayItems!.compactMap { test in
            guard let p = ActEVProtocol(rawValue: test["protocol"]!.stringValue!) else { return nil }
            var arguments: [String: String] = [:]
            for (key, value) in test["arguments"]!.objectMembers! { arguments[key] = value.stringValue! }
            return Case(name: test["test"]!.stringValue!, scoringProtocol: p, arguments: arguments,
                        flags: Set(test["flags"]!.arrayItems!.map { $0.stringValue! }),
                        compared: test["expected_files_compared_by_diff_py"]!.arrayItems!.map { $0.stringValue! })
        }
    }

    /// Pipe-separated rows without the header.
    static func rows(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    static func parameters(_ c: Case, _ directory: String) throws -> ActEVParameters {
        var parameters = ActEVParameters(c.scoringProtocol)
        if let file = c.arguments["--scoring-parameters-file"] {
            parameters = try ActEVJSON.readParameters(c.scoringProtocol, path: directory + "/" + file)
        }
        if let t = c.arguments["--det-point-resolution"] { parameters.detPointResolution = Int(t)! }
        return parameters
    }

    /// Checkfile lines evalkit does not reproduce, by test: the activity and why.
    static let knownDeviations: [String: (activity: String, reason: String)] = [
        "test_15_4": ("Entering", "a hand-made expectation (ActEV_Scorer dc21639: the scorer failed it) for an activity without reference instances; since f255ed0 the scorer, like evalkit, does not score such an activity without -I"),
    ]

    /// Checkfiles generated before ActEV_Scorer f255ed0 (2020-11-09, "Change behavior regarding
    /// activities not present in the references") score activities without reference instances,
    /// which the scorer now does only under `-I`.
    static func legacyZeroReference(_ c: Case, _ directory: String) -> Bool {
        let path = directory + "/data/checkfiles/" + c.name + "/scoring_parameters.json"
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
              let root = try? JSONParser.parse(Array(data), file: path),
              let commit = root["git.commit"]?.stringValue, let range = commit.range(of: "--"),
              knownDeviations[c.name] == nil else { return false }
        return String(commit[range.upperBound...]) < "2020-11-09T11:43:21-05:00"
    }

    /// Runs one case as the scorer's command line does.
    static func run(_ c: Case, _ directory: String) throws -> ActEVRun {
        func path(_ key: String) -> String { directory + "/" + c.arguments[key]! }
        let parameters = try parameters(c, directory)
        var options = ActEVOptions()
        options.ignoreExtraneousFiles = c.flags.contains("-F") || c.flags.contains("--ignore-extraneous-files")
        options.ignoreMissingFiles = c.flags.contains("-m") || c.flags.contains("--ignore-missing-files")
        options.ignoreNoScoreRegions = c.flags.contains("-i")
        options.includeZeroReferenceActivities = c.flags.contains("-I") || legacyZeroReference(c, directory)
        options.pruneSystemOutput = c.arguments["--prune-system-output"].map { Double($0)! }
        return try ActEV.score(reference: try ActEVJSON.readSubmission(path: path("--reference-file"), system: false),
                               system: try ActEVJSON.readSubmission(path: path("--system-output-file"), system: true),
                               activityIndex: try ActEVJSON.readActivityIndex(path: path("--activity-index")),
                               fileIndex: try ActEVJSON.readFileIndex(path: path("--file-index")),
                               parameters: parameters, options: options)
    }

    /// Compares and counts; a mismatch is recorded with its place.
    struct Tally {
        var compared = 0
        var skipped = 0
        var deviations = 0
        /// Values compared per output file, and the largest difference (relative above 1).
        var perFile: [String: Int] = [:]
        var largest = 0.0
        var mismatches: [String] = []

        mutating func number(_ place: String, _ expected: String, _ actual: Double?) {
            compared += 1
            perFile[String(place.prefix { $0 != " " }), default: 0] += 1
            if expected == "None" {
                if let actual, !actual.isNaN { mismatches.append("\(place): \(actual), expected None") }
                return
            }
            guard let e = Double(expected) else { mismatches.append("\(place): unreadable \(expected)"); return }
            guard let actual else { mismatches.append("\(place): missing, expected \(expected)"); return }
            let difference = abs(actual - e) / max(1, abs(e))
            largest = max(largest, difference)
            if !(difference <= 1e-12) { mismatches.append("\(place): \(actual), expected \(expected)") }
        }

        mutating func text(_ place: String, _ expected: String, _ actual: String?) {
            compared += 1
            perFile[String(place.prefix { $0 != " " }), default: 0] += 1
            if actual != expected { mismatches.append("\(place): \(actual ?? "nil"), expected \(expected)") }
        }
    }

    /// Metrics outside the AD scoring (`-e`'s mAP).
    static func outOfScope(_ metric: String) -> Bool { metric.hasPrefix("AP@") || metric.hasPrefix("mAP@") }

    static func compare(_ c: Case, _ directory: String) throws -> Tally {
        let run = try run(c, directory)
        let folder = directory + "/data/checkfiles/" + c.name
        var tally = Tally()
        let excluded = knownDeviations[c.name]?.activity
        func skip(_ activity: String) -> Bool {
            if activity == excluded { tally.deviations += 1; return true }
            return false
        }
        let byActivity = Dictionary(run.result.activities.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let plotted = !c.flags.contains("-d")

        // scoring_parameters.json: the parameters evalkit models are the scorer's.
        let recorded = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/scoring_parameters.json"))), file: "scoring_parameters.json")
        let p = try parameters(c, directory)
        func list(_ key: String) -> [Double]? { recorded[key]?.arrayItems?.map { $0.numberValue! } }
        func number(_ key: String) -> Double? { recorded[key]?.numberValue }
        tally.text("parameters p_miss_at_rfa_targets", "\(list("activity.p_miss_at_rfa_targets")!)", "\(p.rateTargets)")
        tally.text("parameters n_mide_at_rfa_targets", "\(list("activity.n_mide_at_rfa_targets")!)", "\(p.nMIDETargets)")
        if p.timeFalseAlarm != nil {
            tally.text("parameters fa_at_rfa_targets", "\(list("activity.fa_at_rfa_targets")!)", "\(p.timeTargets)")
        }
        tally.number("parameters wpmiss.numerator", "\(number("wpmiss.numerator")!)", p.wPMissNumerator)
        tally.number("parameters wpmiss.denominator", "\(number("wpmiss.denominator")!)", p.wPMissDenominator)
        tally.number("parameters nmide.ns_collar_size", "\(number("nmide.ns_collar_size")!)", Double(p.nMIDECollar))
        tally.number("parameters nmide.cost_miss", "\(number("nmide.cost_miss")!)", p.nMIDECostMiss)
        tally.number("parameters epsilon_presenceconf_congruence", "\(number("activity.epsilon_presenceconf_congruence")!)", p.epsilonPresenceConfCongruence)
        if let e = p.epsilonTemporalCongruence {
            tally.number("parameters epsilon_temporal_congruence", "\(number("activity.epsilon_temporal_congruence")!)", e)
        }
        if let delta = p.temporalOverlapDelta {
            tally.number("parameters temporal_overlap_delta", "\(number("activity.temporal_overlap_delta")!)", delta)
        }

        // scores_by_activity.csv
        var seen = Set<String>()
        for row in try rows(folder + "/scores_by_activity.csv") {
            let (activity, metric, value) = (row[0], row[1], row[2])
            if outOfScope(metric) { tally.skipped += 1; continue }
            if skip(activity) { continue }
            seen.insert(activity + "|" + metric)
            tally.number("scores_by_activity \(activity) \(metric)", value, byActivity[activity]?.scores[metric])
        }
        for a in run.result.activities {
            for key in a.scores.keys where !seen.contains(a.name + "|" + key) && (plotted || !key.contains("AUDC")) {
                tally.mismatches.append("scores_by_activity \(a.name) \(key): not in the checkfile")
            }
        }
        // scores_aggregated.csv
        seen = []
        for row in try rows(folder + "/scores_aggregated.csv") {
            if outOfScope(row[0]) { tally.skipped += 1; continue }
            seen.insert(row[0])
            tally.number("scores_aggregated \(row[0])", row[1], run.result.aggregated[row[0]])
        }
        for key in run.result.aggregated.keys where !seen.contains(key) && (plotted || !key.contains("AUDC")) {
            tally.mismatches.append("scores_aggregated \(key): not in the checkfile")
        }
        // alignment.csv and pair_metrics.csv: lines with the same ids (ids may repeat) are compared
        // as sorted lists of their values.
        func cell(_ value: Double?) -> String { value.map { "\($0)" } ?? "None" }
        var mine: [String: [[String]]] = [:]
        var minePairs: [String: [String]] = [:]
        for video in run.videos {
            for r in video.records {
                let key = "\(r.activity)|\(r.kind.rawValue)|\(r.referenceID ?? "None")|\(r.systemID ?? "None")"
                var components = "None"
                if let k = r.kernel {
                    components = (k.temporalIoU.map { "iou=\($0) " } ?? "") + "congruence=\(k.congruence)"
                }
                mine[key, default: []].append([cell(r.presenceConf), cell(r.kernel?.similarity), components])
                if let pair = r.pair {
                    let pairKey = "\(r.activity)|\(r.referenceID!)|\(r.systemID!)"
                    minePairs[pairKey + "|temporal_intersection", default: []].append(cell(Double(pair.intersection)))
                    minePairs[pairKey + "|temporal_union", default: []].append(cell(Double(pair.union)))
                    minePairs[pairKey + "|temporal_fa", default: []].append(cell(Double(pair.falseAlarm)))
                    minePairs[pairKey + "|temporal_miss", default: []].append(cell(Double(pair.miss)))
                    minePairs[pairKey + "|temporal_intersection-over-union", default: []].append(cell(r.kernel?.temporalIoU))
                }
            }
        }
        var theirs: [String: [[String]]] = [:]
        for row in try rows(folder + "/alignment.csv") where !skip(row[0]) {
            var components = "None"
            if row[6] != "None" {
                let json = try JSONParser.parse(Array(row[6].utf8), file: "alignment.csv")
                components = (json["temporal_intersection-over-union"]?.numberValue.map { "iou=\($0) " } ?? "")
                    + "congruence=\(json["presenceconf_congruence"]!.numberValue!)"
            }
            theirs[row[0...3].joined(separator: "|"), default: []].append([row[4], row[5], components])
        }
        func numbers(_ row: [String]) -> [Double] {
            row.flatMap { cell in
                cell.contains("=") ? cell.split(separator: " ").map { Double($0.split(separator: "=")[1]) ?? -.infinity } : [Double(cell) ?? -.infinity]
            }
        }
        func before(_ x: [String], _ y: [String]) -> Bool { numbers(x).lexicographicallyPrecedes(numbers(y)) }
        func compareLists(_ what: String, _ expected: [String: [[String]]], _ actual: [String: [[String]]]) {
            for key in Set(expected.keys).union(actual.keys).sorted() {
                let e = (expected[key] ?? []).sorted(by: before)
                let a = (actual[key] ?? []).sorted(by: before)
                guard e.count == a.count else {
                    tally.mismatches.append("\(what) \(key): \(a.count) in evalkit, \(e.count) in the checkfile")
                    continue
                }
                for (x, y) in zip(e, a) {
                    for (i, (u, v)) in zip(x, y).enumerated() {
                        if u.contains("congruence=") {
                            // "iou=… congruence=…": compare each number.
                            let us = u.split(separator: " "), vs = v.split(separator: " ")
                            tally.text("\(what) \(key) components", "\(us.map { $0.split(separator: "=")[0] })", "\(vs.map { $0.split(separator: "=")[0] })")
                            for (p, q) in zip(us, vs) {
                                tally.number("\(what) \(key) \(p.split(separator: "=")[0])", String(p.split(separator: "=")[1]), Double(q.split(separator: "=")[1]))
                            }
                        } else {
                            tally.number("\(what) \(key) [\(i)]", u, v == "None" ? nil : Double(v))
                        }
                    }
                }
            }
        }
        compareLists("alignment", theirs, mine)
        var theirPairs: [String: [[String]]] = [:]
        for row in try rows(folder + "/pair_metrics.csv") where !skip(row[0]) {
            theirPairs[row[0...3].joined(separator: "|"), default: []].append([row[4]])
        }
        compareLists("pair_metrics", theirPairs, minePairs.mapValues { $0.map { [$0] } })
        // scores_by_activity_and_threshold.csv (TFA protocols): the DET points.
        for row in try rows(folder + "/scores_by_activity_and_threshold.csv") where !skip(row[0]) {
            let (activity, threshold, metric) = (row[0], Double(row[1])!, row[2])
            // The scorer prints round(threshold, 5), or the threshold itself when Python writes it with an exponent.
            let candidates = byActivity[activity]?.curve.filter {
                row[1].contains("e") ? $0.threshold == threshold : abs(($0.threshold * 1e5).rounded() / 1e5 - threshold) < 1e-12
            } ?? []
            guard candidates.count == 1, let point = candidates.first else {
                tally.mismatches.append("scores_by_activity_and_threshold \(activity) \(row[1]): \(candidates.count) points")
                continue
            }
            let value: Double? = switch metric {
            case "p_miss": point.pMiss
            case "rfa": point.rateOfFalseAlarms
            case "tfa": point.timeFalseAlarm
            case "tfa_denom": Double(point.timeFalseAlarmDenominator)
            case "tfa_numer": Double(point.timeFalseAlarmNumerator)
            default: nil
            }
            tally.number("scores_by_activity_and_threshold \(activity) \(row[1]) \(metric)", row[3], value)
        }
        return tally
    }

    @Test func checkfiles() throws {
        guard let directory = Self.directory() else {
            print("skipped: ActEV_Scorer conformance data not found (../shared/conformance/ActEV_Scorer)")
            return
        }
        var total = 0, tests = 0, largest = 0.0
        var perFile: [String: Int] = [:]
        for c in try Self.cases(directory) where c.compared.isEmpty {
            // Validation only (`-V`): the system output reads and its files match the index.
            let system = try ActEVJSON.readSubmission(path: directory + "/" + c.arguments["--system-output-file"]!, system: true)
            let files = try ActEVJSON.readFileIndex(path: directory + "/" + c.arguments["--file-index"]!)
            #expect(throws: Never.self) { try ActEV.checkFiles(system: system, fileIndex: files) }
            print("\(c.name) \(c.scoringProtocol.rawValue): validation only, the system output is accepted")
        }
        for c in try Self.cases(directory) where !c.compared.isEmpty {
            let tally = try Self.compare(c, directory)
            tests += 1
            total += tally.compared
            largest = max(largest, tally.largest)
            perFile.merge(tally.perFile, uniquingKeysWith: +)
            for m in tally.mismatches.prefix(20) { Issue.record("\(c.name) (\(c.scoringProtocol.rawValue)): \(m)") }
            print("\(c.name) \(c.scoringProtocol.rawValue): \(tally.compared) values compared, \(tally.mismatches.count) differ, "
                  + "\(tally.skipped) out of scope (mAP), \(tally.deviations) known deviations"
                  + (Self.knownDeviations[c.name].map { " (\($0.activity): \($0.reason))" } ?? ""))
        }
        print("ActEV checkfiles: \(tests) tests, \(total) values compared, largest difference \(largest); per file: "
              + perFile.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}
