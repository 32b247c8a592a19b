import Foundation

/// The metric values of tracking totals: TrackEval's `_compute_final_fields` of CLEAR, Identity
/// and HOTA (denominators floored at 1 as TrackEval floors them), under evalkit's keys
/// (docs/metrics.md, "Tracking").
public enum TrackingMetrics {
    /// HOTA's per-alpha fields, reported as the mean over the 19 alphas (`hota`) and per alpha
    /// (`hota@alpha=0.5`).
    public static let alphaKeys = ["hota", "deta", "assa", "detre", "detpr", "assre", "asspr", "loca", "owta"]
    /// The keys of a full evaluation, in report order.
    public static let keys = alphaKeys + ["hota_0", "loca_0", "hotaloca_0",
        "mota", "motp", "moda", "recall", "precision", "clr_f1", "smota", "motal", "idf1", "idp", "idr",
        "mtr", "ptr", "mlr", "fp_per_frame", "id_switches_per_1000_frames", "fragmentations_per_1000_frames",
        "tp", "fp", "fn", "id_switches", "fragmentations", "mostly_tracked", "partially_tracked", "mostly_lost",
        "idtp", "idfn", "idfp", "gt_dets", "tracker_dets", "gt_tracks", "tracker_tracks", "frames", "sequences"]
    /// The keys a slice by a box attribute defines (ground-truth boxes only).
    public static let recallSideKeys: Set<String> = ["recall", "idr", "mtr", "ptr", "mlr", "tp", "fn", "id_switches", "fragmentations",
        "mostly_tracked", "partially_tracked", "mostly_lost", "idtp", "idfn", "gt_dets", "gt_tracks", "sequences"]
    /// The ratio keys that also have a class average (`mota_cls_av`).
    public static let classAveragedKeys = alphaKeys + ["hota_0", "loca_0", "hotaloca_0", "mota", "motp", "moda", "recall",
        "precision", "clr_f1", "smota", "motal", "idf1", "idp", "idr", "mtr", "ptr", "mlr", "fp_per_frame"]

    /// `alpha` as a key suffix: `0.05`, `0.1`, … `0.95`.
    public static func alphaLabel(_ k: Int) -> String {
        let hundredths = 5 * (k + 1)
        return hundredths % 10 == 0 ? "0.\(hundredths / 10)" : String(format: "0.%02d", hundredths)
    }

    /// The per-alpha arrays of HOTA's fields.
    public struct HOTAArrays: Sendable {
        public var hota, deta, assa, detre, detpr, assre, asspr, loca, owta: [Double]

        public init(_ t: TrackingTotals) {
            detre = zip(t.hotaTP, t.hotaFN).map { $0 / max(1, $0 + $1) }
            detpr = zip(t.hotaTP, t.hotaFP).map { $0 / max(1, $0 + $1) }
            deta = t.hotaTP.indices.map { t.hotaTP[$0] / max(1, t.hotaTP[$0] + t.hotaFN[$0] + t.hotaFP[$0]) }
            assa = t.assA
            assre = t.assRe
            asspr = t.assPr
            loca = t.locA
            hota = zip(deta, assa).map { ($0 * $1).squareRoot() }
            owta = zip(detre, assa).map { ($0 * $1).squareRoot() }
        }

        public subscript(key: String) -> [Double] {
            switch key {
            case "hota": hota
            case "deta": deta
            case "assa": assa
            case "detre": detre
            case "detpr": detpr
            case "assre": assre
            case "asspr": asspr
            case "loca": loca
            default: owta
            }
        }
    }

    /// Every value of totals, by key; the MOTP form chosen; `alphas`: also each per-alpha key.
    public static func values(_ t: TrackingTotals, motp: TrackingParameters.MOTPForm, clearEmpty: Bool = false,
                              alphas: Bool = false) -> [String: Double] {
        var v: [String: Double] = [:]
        let arrays = HOTAArrays(t)
        for key in alphaKeys {
            v[key] = numpyMean(arrays[key])
            if alphas { for k in 0..<arrays.hota.count { v["\(key)@alpha=\(alphaLabel(k))"] = arrays[key][k] } }
        }
        v["hota_0"] = arrays.hota[0]
        v["loca_0"] = arrays.loca[0]
        v["hotaloca_0"] = arrays.hota[0] * arrays.loca[0]
        let tracks = t.mostlyTracked + t.partiallyTracked + t.mostlyLost
        let gt = max(1, t.clearTP + t.clearFN)
        if clearEmpty {
            // TrackEval's early return: its ratios are 0, MLR 1.
            for key in ["mota", "motp", "moda", "recall", "precision", "clr_f1", "smota", "motal", "mtr", "ptr", "fp_per_frame"] { v[key] = 0 }
            v["mlr"] = 1
        } else {
            v["mtr"] = t.mostlyTracked / max(1, tracks)
            v["mlr"] = t.mostlyLost / max(1, tracks)
            v["ptr"] = t.partiallyTracked / max(1, tracks)
            v["recall"] = t.clearTP / gt
            v["precision"] = t.clearTP / max(1, t.clearTP + t.clearFP)
            v["moda"] = (t.clearTP - t.clearFP) / gt
            v["mota"] = (t.clearTP - t.clearFP - t.idSwitches) / gt
            v["motp"] = motp == .iou ? t.motpSum / max(1, t.clearTP) : t.motpDistanceSum / max(1, t.clearTP)
            v["smota"] = (t.motpSum - t.clearFP - t.idSwitches) / gt
            v["clr_f1"] = t.clearTP / max(1, t.clearTP + 0.5 * t.clearFN + 0.5 * t.clearFP)
            v["fp_per_frame"] = t.clearFP / max(1, t.clearFrames)
            let logSwitches = t.idSwitches > 0 ? log10(t.idSwitches) : t.idSwitches
            v["motal"] = (t.clearTP - t.clearFP - logSwitches) / gt
        }
        v["idr"] = t.idtp / max(1, t.idtp + t.idfn)
        v["idp"] = t.idtp / max(1, t.idtp + t.idfp)
        v["idf1"] = t.idtp / max(1, t.idtp + 0.5 * t.idfp + 0.5 * t.idfn)
        v["id_switches_per_1000_frames"] = t.frames > 0 ? 1000 * t.idSwitches / t.frames : .nan
        v["fragmentations_per_1000_frames"] = t.frames > 0 ? 1000 * t.fragmentations / t.frames : .nan
        v["tp"] = t.clearTP
        v["fp"] = t.clearFP
        v["fn"] = t.clearFN
        v["id_switches"] = t.idSwitches
        v["fragmentations"] = t.fragmentations
        v["mostly_tracked"] = t.mostlyTracked
        v["partially_tracked"] = t.partiallyTracked
        v["mostly_lost"] = t.mostlyLost
        v["idtp"] = t.idtp
        v["idfn"] = t.idfn
        v["idfp"] = t.idfp
        v["gt_dets"] = t.gtDets
        v["tracker_dets"] = t.trackerDets
        v["gt_tracks"] = t.gtTracks
        v["tracker_tracks"] = t.trackerTracks
        v["frames"] = t.frames
        v["sequences"] = Double(t.sequences)
        return v
    }

    /// TrackEval's `combine_classes_class_averaged` (empty classes kept): the mean over classes
    /// of each ratio, the per-alpha fields averaged per alpha before their mean over alphas.
    public static func classAveraged(_ classes: [TrackingTotals], motp: TrackingParameters.MOTPForm) -> [String: Double] {
        guard !classes.isEmpty else { return [:] }
        let n = Double(classes.count)
        var v: [String: Double] = [:]
        let arrays = classes.map(HOTAArrays.init)
        let per = classes.map { values($0, motp: motp) }
        for key in alphaKeys {
            let averaged = (0..<TrackingParameters.alphas.count).map { k in arrays.reduce(0) { $0 + $1[key][k] } / n }
            v[key] = numpyMean(averaged)
        }
        v["hota_0"] = arrays.reduce(0) { $0 + $1.hota[0] } / n
        v["loca_0"] = arrays.reduce(0) { $0 + $1.loca[0] } / n
        v["hotaloca_0"] = arrays.reduce(0) { $0 + $1.hota[0] * $1.loca[0] } / n
        for key in classAveragedKeys where v[key] == nil { v[key] = per.reduce(0) { $0 + $1[key]! } / n }
        return v
    }

    /// numpy's `mean` of a short array: its pairwise sum (8 partial sums for 8 or more values,
    /// combined as numpy combines them, then the rest in order) over the count.
    public static func numpyMean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        if x.count < 8 { return x.reduce(0, +) / Double(x.count) }
        var r = Array(x[0..<8])
        var i = 8
        while i + 8 <= x.count {
            for j in 0..<8 { r[j] += x[i + j] }
            i += 8
        }
        var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < x.count {
            sum += x[i]
            i += 1
        }
        return sum / Double(x.count)
    }
}
