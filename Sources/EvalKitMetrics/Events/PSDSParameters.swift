/// The parameters of the polyphonic sound detection score (docs/events/psds.md).
///
/// The three criteria decide which detections count and how (they shape the per-video
/// statistics): a detection meets the detection tolerance criterion (DTC) when the parts of it
/// that overlap ground truth of its class make up ≥ `dtc` of its length; a ground-truth event is
/// detected when the DTC detections of its class cover ≥ `gtc` of it (GTC); a detection failing
/// the DTC is a cross-trigger on class j when ground truth of class j covers ≥ `cttc` of it
/// (CTTC). The rest shape only the score: eFPR = FPR + `alphaCT` × mean cross-trigger rate, the
/// PSD-ROC is mean TPR − `alphaST` × its standard deviation over classes, and its area is taken
/// up to `maxEFPR` false positives per `secondsPerUnit` seconds (3600: per hour).
///
/// Reference: Bilen et al., "A Framework for the Robust Evaluation of Sound Event Detection",
/// ICASSP 2020 (arXiv:1910.08440); psds_eval's `PSDSEval(dtc_threshold, gtc_threshold,
/// cttc_threshold, duration_unit)` and `psds(alpha_ct, alpha_st, max_efpr)`.
public struct PSDSParameters: Sendable, Equatable, Hashable {
    public var dtc: Double
    public var gtc: Double
    public var cttc: Double
    public var alphaCT: Double
    public var alphaST: Double
    public var maxEFPR: Double
    /// Seconds in the unit of time of the rates (psds_eval's `duration_unit`: 3600 is `hour`).
    public var secondsPerUnit: Double

    /// psds_eval's defaults: DTC 0.5, GTC 0.5, CTTC 0.3, αCT 0, αST 0, 100 per hour.
    public init(dtc: Double = 0.5, gtc: Double = 0.5, cttc: Double = 0.3, alphaCT: Double = 0, alphaST: Double = 0,
                maxEFPR: Double = 100, secondsPerUnit: Double = 3600) {
        self.dtc = dtc
        self.gtc = gtc
        self.cttc = cttc
        self.alphaCT = alphaCT
        self.alphaST = alphaST
        self.maxEFPR = maxEFPR
        self.secondsPerUnit = secondsPerUnit
    }

    /// DCASE task 4 scenario 1 (PSDS1): DTC 0.7, GTC 0.7, CTTC 0.3 (unused: αCT = 0), αST 1,
    /// 100 per hour (DESED_task baseline, `compute_psds_from_operating_points` calls).
    public static let psds1 = PSDSParameters(dtc: 0.7, gtc: 0.7, cttc: 0.3, alphaCT: 0, alphaST: 1, maxEFPR: 100)
    /// DCASE task 4 scenario 2 (PSDS2): DTC 0.1, GTC 0.1, CTTC 0.3, αCT 0.5, αST 1, 100 per hour.
    public static let psds2 = PSDSParameters(dtc: 0.1, gtc: 0.1, cttc: 0.3, alphaCT: 0.5, alphaST: 1, maxEFPR: 100)

    /// The part that shapes the per-video statistics.
    public var criteria: PSDSCriteria { PSDSCriteria(dtc: dtc, gtc: gtc, cttc: cttc) }

    /// Every parameter out of its range, as psds_eval checks them (criteria and αCT in [0, 1],
    /// αST ≥ 0) plus a positive, finite `maxEFPR` and unit; empty when all are valid.
    public var problems: [String] {
        var out: [String] = []
        for (name, value) in [("dtc", dtc), ("gtc", gtc), ("cttc", cttc), ("alpha_ct", alphaCT)] where !(value >= 0 && value <= 1) {
            out.append("\(name) must be between 0 and 1, got \(value)")
        }
        if !(alphaST >= 0 && alphaST.isFinite) { out.append("alpha_st must be 0 or more, got \(alphaST)") }
        if !(maxEFPR > 0 && maxEFPR.isFinite) { out.append("max_efpr must be a positive number, got \(maxEFPR)") }
        if !(secondsPerUnit > 0 && secondsPerUnit.isFinite) {
            out.append("the unit of time must be a positive number of seconds, got \(secondsPerUnit)")
        }
        return out
    }

    /// Throws the first of `problems`.
    public func validate() throws(PSDSError) {
        if let first = problems.first { throw PSDSError.invalidParameter(first) }
    }
}

/// The detection, ground-truth and cross-trigger tolerance criteria (see `PSDSParameters`).
public struct PSDSCriteria: Sendable, Equatable, Hashable {
    public var dtc: Double
    public var gtc: Double
    public var cttc: Double

    public init(dtc: Double, gtc: Double, cttc: Double) {
        self.dtc = dtc
        self.gtc = gtc
        self.cttc = cttc
    }
}

/// Why PSDS could not be computed: a parameter out of range, or statistics that do not fit
/// together (other criteria, another number of classes).
public enum PSDSError: Error, Equatable, CustomStringConvertible {
    case invalidParameter(String)
    case incompatible(String)

    public var description: String {
        switch self {
        case .invalidParameter(let message): "invalid PSDS parameter: \(message)"
        case .incompatible(let message): "incompatible PSDS statistics: \(message)"
        }
    }
}
