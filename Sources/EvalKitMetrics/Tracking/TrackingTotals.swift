/// TrackEval's combined fields of a group of sequences of one class (`combine_sequences`), or of
/// several classes (`combine_classes_det_averaged`): counts add up; AssA, AssRe and AssPr are
/// averaged weighted by HOTA_TP, LocA likewise with TrackEval's 1e-10 floors. Sums run in record
/// order (sequences sorted by name, classes in the evaluation's order), as TrackEval's do.
public struct TrackingTotals: Sendable, Equatable {
    public var sequences = 0
    /// Sum of the sequences' lengths.
    public var frames = 0.0
    public var gtDets = 0.0, trackerDets = 0.0, gtTracks = 0.0, trackerTracks = 0.0
    public var clearFrames = 0.0
    public var clearTP = 0.0, clearFN = 0.0, clearFP = 0.0, idSwitches = 0.0
    public var mostlyTracked = 0.0, partiallyTracked = 0.0, mostlyLost = 0.0, fragmentations = 0.0
    public var motpSum = 0.0, motpDistanceSum = 0.0
    public var idtp = 0.0, idfn = 0.0, idfp = 0.0
    public var hotaTP: [Double], hotaFN: [Double], hotaFP: [Double]
    public var assA: [Double], assRe: [Double], assPr: [Double], locA: [Double]

    public init() {
        let zeros = [Double](repeating: 0, count: TrackingParameters.alphas.count)
        (hotaTP, hotaFN, hotaFP, assA, assRe, assPr, locA) = (zeros, zeros, zeros, zeros, zeros, zeros, zeros)
    }

    /// `combine_sequences` over `records` (one class), each counted `weight` times.
    public static func sequences(_ records: [SequenceStatistics]) -> TrackingTotals {
        var total = TrackingTotals()
        let a = TrackingParameters.alphas.count
        var weightedA = [Double](repeating: 0, count: a), weightedRe = weightedA, weightedPr = weightedA, weightedLoc = weightedA
        for r in records {
            let w = Double(r.weight)
            total.sequences += Int(r.weight)
            total.frames += Double(r.frames) * w
            total.gtDets += Double(r.gtDets) * w
            total.trackerDets += Double(r.trackerDets) * w
            total.gtTracks += Double(r.gtTracks) * w
            total.trackerTracks += Double(r.trackerTracks) * w
            total.clearFrames += Double(r.clearFrames) * w
            total.clearTP += Double(r.clearTP) * w
            total.clearFN += Double(r.clearFN) * w
            total.clearFP += Double(r.clearFP) * w
            total.idSwitches += Double(r.idSwitches) * w
            total.mostlyTracked += Double(r.mostlyTracked) * w
            total.partiallyTracked += Double(r.partiallyTracked) * w
            total.mostlyLost += Double(r.mostlyLost) * w
            total.fragmentations += Double(r.fragmentations) * w
            total.motpSum += r.motpSum * w
            total.motpDistanceSum += r.motpDistanceSum * w
            total.idtp += Double(r.idtp) * w
            total.idfn += Double(r.idfn) * w
            total.idfp += Double(r.idfp) * w
            for k in 0..<a {
                let tp = Double(r.hotaTP[k])
                total.hotaTP[k] += tp * w
                total.hotaFN[k] += Double(r.hotaFN[k]) * w
                total.hotaFP[k] += Double(r.hotaFP[k]) * w
                weightedA[k] += r.assA[k] * tp * w
                weightedRe[k] += r.assRe[k] * tp * w
                weightedPr[k] += r.assPr[k] * tp * w
                weightedLoc[k] += r.locA[k] * tp * w
            }
        }
        total.finishAssociation(weightedA, weightedRe, weightedPr, weightedLoc)
        return total
    }

    /// `combine_classes_det_averaged` over the classes' totals: as if one class.
    public static func classes(_ parts: [TrackingTotals]) -> TrackingTotals {
        var total = TrackingTotals()
        let a = TrackingParameters.alphas.count
        var weightedA = [Double](repeating: 0, count: a), weightedRe = weightedA, weightedPr = weightedA, weightedLoc = weightedA
        for p in parts {
            total.sequences = max(total.sequences, p.sequences)
            total.frames = max(total.frames, p.frames)
            total.gtDets += p.gtDets
            total.trackerDets += p.trackerDets
            total.gtTracks += p.gtTracks
            total.trackerTracks += p.trackerTracks
            total.clearFrames += p.clearFrames
            total.clearTP += p.clearTP
            total.clearFN += p.clearFN
            total.clearFP += p.clearFP
            total.idSwitches += p.idSwitches
            total.mostlyTracked += p.mostlyTracked
            total.partiallyTracked += p.partiallyTracked
            total.mostlyLost += p.mostlyLost
            total.fragmentations += p.fragmentations
            total.motpSum += p.motpSum
            total.motpDistanceSum += p.motpDistanceSum
            total.idtp += p.idtp
            total.idfn += p.idfn
            total.idfp += p.idfp
            for k in 0..<a {
                total.hotaTP[k] += p.hotaTP[k]
                total.hotaFN[k] += p.hotaFN[k]
                total.hotaFP[k] += p.hotaFP[k]
                weightedA[k] += p.assA[k] * p.hotaTP[k]
                weightedRe[k] += p.assRe[k] * p.hotaTP[k]
                weightedPr[k] += p.assPr[k] * p.hotaTP[k]
                weightedLoc[k] += p.locA[k] * p.hotaTP[k]
            }
        }
        total.finishAssociation(weightedA, weightedRe, weightedPr, weightedLoc)
        return total
    }

    private mutating func finishAssociation(_ a: [Double], _ re: [Double], _ pr: [Double], _ loc: [Double]) {
        for k in hotaTP.indices {
            let tp = max(1, hotaTP[k])
            assA[k] = a[k] / tp
            assRe[k] = re[k] / tp
            assPr[k] = pr[k] / tp
            locA[k] = max(1e-10, loc[k]) / max(1e-10, hotaTP[k])
        }
    }

    /// A sequence's own totals (one record), with its TrackEval values as they are.
    public static func sequence(_ r: SequenceStatistics) -> TrackingTotals {
        var total = sequences([r])
        total.assA = r.assA
        total.assRe = r.assRe
        total.assPr = r.assPr
        total.locA = r.locA
        return total
    }
}
