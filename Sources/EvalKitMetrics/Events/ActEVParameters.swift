/// The ActEV_Scorer protocols whose inputs are temporal activity instances (no object tracks):
/// the activity-detection (AD) family of `lib/protocols/` at commit b8d82c09.
public enum ActEVProtocol: String, Sendable, CaseIterable {
    case actev18AD = "ActEV18_AD"
    case actev18PCAD = "ActEV18PC_AD"
    case actev18ADTFA = "ActEV18_AD_TFA"
    case actev18AD1SecOL = "ActEV18_AD_1SECOL"
    case actev19AD = "ActEV19_AD"
    case actev19ADV2 = "ActEV19_AD_V2"
    case actevSDLV1 = "ActEV_SDL_V1"
    case actevSDLV2 = "ActEV_SDL_V2"
    case actevSDLV2NPR = "ActEV_SDL_V2NPR"
    case srlADV1 = "SRL_AD_V1"
    case srlADV2 = "SRL_AD_V2"
    case srlADV3 = "SRL_AD_V3"
}

/// Which reference and system instances may be aligned (the kernel's filter).
public enum ActEVOverlapRule: Sendable, Equatable {
    /// Temporal intersection over union strictly above `delta`
    /// (`build_temporal_overlap_filter`; ActEV18_AD, SRL_AD: `activity.temporal_overlap_delta`).
    case intersectionOverUnion(above: Double)
    /// At least one second of overlap: intersection ≥ the frame rate of the file index's first
    /// file, in frames (`build_temporal_second_overlap_filter[_v2]`). When `shortInstance` is set,
    /// an instance shorter than one second needs instead intersection / reference frames ≥
    /// `delta` (`activity.temporal_overlap_delta`).
    case oneSecond(shortInstance: ShortInstanceRule?)

    public enum ShortInstanceRule: Sendable, Equatable {
        /// The system instance is shorter than a second (ActEV19_AD_V2, ActEV_SDL_V1).
        case systemShorter(delta: Double)
        /// The reference instance is shorter than a second (ActEV_SDL_V2, V2NPR).
        case referenceShorter(delta: Double)
    }
}

/// How the time-based false alarm's numerator counts system frames outside the reference.
public enum ActEVTimeFalseAlarmRule: String, Sendable, Equatable {
    /// Every instance's frames outside the reference instances, summed over instances
    /// (`fa_meas`; ActEV18_AD_TFA, ActEV19_AD, ActEV19_AD_V2): overlapping instances count twice.
    case perInstance
    /// Frames where more system instances than reference instances are active, counted with the
    /// excess (`fa_meas_v2`; ActEV_SDL_V1, V2, V2NPR): ∫ max(S(t) − R(t), 0) dt.
    case coverage
}

/// Everything that changes the scores: the protocol's `default_scoring_parameters`, optionally
/// overridden by a scoring-parameters file (`-p`) and the scorer's `-t`.
public struct ActEVParameters: Sendable, Equatable {
    public var scoringProtocol: ActEVProtocol
    public var overlap: ActEVOverlapRule
    /// Weight of the temporal IoU in the kernel similarity, when it is a component
    /// (`activity.epsilon_temporal_congruence`); nil for the one-second protocols.
    public var epsilonTemporalCongruence: Double?
    /// Weight of the presenceConf congruence (`activity.epsilon_presenceconf_congruence`).
    public var epsilonPresenceConfCongruence: Double
    /// The time-based false alarm, for the protocols that report it.
    public var timeFalseAlarm: ActEVTimeFalseAlarmRule?
    /// Whether `w_p_miss@…tfa` is reported (ActEV19 and SDL protocols; not ActEV18_AD_TFA).
    public var weightedPMissAtTimeFalseAlarm: Bool
    /// `activity.p_miss_at_rfa_targets`: also the targets of `w_p_miss@…rfa` (the scorer
    /// ignores `activity.w_p_miss_at_rfa_targets`).
    public var rateTargets: [Double]
    /// `activity.n_mide_at_rfa_targets`.
    public var nMIDETargets: [Double]
    /// `activity.fa_at_rfa_targets`: the TFA targets of `p_miss@…tfa` and `w_p_miss@…tfa`.
    public var timeTargets: [Double]
    /// `wpmiss.numerator`, `wpmiss.denominator`: w_p_miss = (misses + numerator) /
    /// (references + denominator).
    public var wPMissNumerator: Double
    public var wPMissDenominator: Double
    /// `nmide.ns_collar_size`, in frames.
    public var nMIDECollar: Int
    /// `nmide.cost_miss`: weighs both terms of n-MIDE (the scorer ignores `nmide.cost_fa`).
    public var nMIDECostMiss: Double
    /// The limits of AUDC / nAUDC (fixed in the scorer's `get_auc_new`: 0.01…0.05, 0.1…0.95 by
    /// 0.05, and 1).
    public var audcLimits: [Double]
    /// `-t`: the number of confidence thresholds to keep on the DET curve (0: every distinct one).
    public var detPointResolution: Int

    public static let scorerAUDCLimits: [Double] = [0.01, 0.02, 0.03, 0.04] + (1...19).map { Double($0 * 5) / 100 } + [1]

    /// The protocol's defaults, as in its `default_scoring_parameters`.
    public init(_ scoringProtocol: ActEVProtocol) {
        self.scoringProtocol = scoringProtocol
        let six: [Double] = [1, 0.2, 0.15, 0.1, 0.03, 0.01]
        let steps: [Double] = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.50, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05]
        let srl: [Double] = [10, 5, 2, 1, 0.5, 0.2, 0.15, 0.1, 0.03, 0.01]
        wPMissNumerator = 8
        wPMissDenominator = 10
        nMIDECollar = 0
        nMIDECostMiss = 1
        audcLimits = Self.scorerAUDCLimits
        detPointResolution = 0
        weightedPMissAtTimeFalseAlarm = false
        timeFalseAlarm = nil
        timeTargets = []
        switch scoringProtocol {
        case .actev18AD, .actev18PCAD, .actev18ADTFA, .srlADV1, .srlADV2, .srlADV3:
            let delta: Double = switch scoringProtocol {
            case .srlADV2: 0.1
            case .srlADV3: 0.4
            default: 0.2
            }
            overlap = .intersectionOverUnion(above: delta)
            if scoringProtocol == .actev18PCAD {
                epsilonTemporalCongruence = 0
                epsilonPresenceConfCongruence = 1
            } else {
                epsilonTemporalCongruence = 1e-8
                epsilonPresenceConfCongruence = 1e-6
            }
            rateTargets = scoringProtocol.isSRL ? srl : six
            if scoringProtocol == .actev18ADTFA {
                timeFalseAlarm = .perInstance
                timeTargets = six
            }
        case .actev18AD1SecOL:
            overlap = .oneSecond(shortInstance: nil)
            epsilonTemporalCongruence = nil
            epsilonPresenceConfCongruence = 1e-6
            rateTargets = six
        case .actev19AD:
            overlap = .oneSecond(shortInstance: nil)
            epsilonTemporalCongruence = nil
            epsilonPresenceConfCongruence = 1
            rateTargets = six
            timeFalseAlarm = .perInstance
            timeTargets = six
            weightedPMissAtTimeFalseAlarm = true
        case .actev19ADV2, .actevSDLV1:
            overlap = .oneSecond(shortInstance: .systemShorter(delta: 0.5))
            epsilonTemporalCongruence = nil
            epsilonPresenceConfCongruence = 1
            rateTargets = scoringProtocol == .actevSDLV1 ? Self.insert([0.04], into: steps + [0.03, 0.01]) : steps + [0.03, 0.01]
            timeFalseAlarm = scoringProtocol == .actevSDLV1 ? .coverage : .perInstance
            timeTargets = rateTargets
            weightedPMissAtTimeFalseAlarm = true
        case .actevSDLV2, .actevSDLV2NPR:
            overlap = .oneSecond(shortInstance: .referenceShorter(delta: 0.5))
            epsilonTemporalCongruence = nil
            epsilonPresenceConfCongruence = 1
            rateTargets = steps + [0.04, 0.03, 0.02, 0.01]
            timeFalseAlarm = .coverage
            timeTargets = rateTargets
            weightedPMissAtTimeFalseAlarm = true
        }
        nMIDETargets = rateTargets
    }

    private static func insert(_ values: [Double], into list: [Double]) -> [Double] {
        (list + values).sorted(by: >)
    }

    /// The `activity.temporal_overlap_delta` in force (nil where the protocol does not use it).
    public var temporalOverlapDelta: Double? {
        switch overlap {
        case .intersectionOverUnion(let delta): delta
        case .oneSecond(.systemShorter(let delta)?), .oneSecond(.referenceShorter(let delta)?): delta
        case .oneSecond(nil): nil
        }
    }
}

extension ActEVProtocol {
    var isSRL: Bool { self == .srlADV1 || self == .srlADV2 || self == .srlADV3 }
}

/// A value of a scoring-parameters file (`-p`): a number or a list of numbers.
public enum ActEVParameterValue: Sendable, Equatable {
    case number(Double)
    case numbers([Double])
    case text(String)
}

/// Why a scoring parameter cannot be used.
public struct ActEVParameterError: Error, Equatable, CustomStringConvertible {
    public var key: String
    public var message: String
    public var description: String { "\(key): \(message)" }
}

extension ActEVParameters {
    /// The keys a scoring-parameters file may set, and what they change. Keys the scorer reads
    /// but never uses (`activity.w_p_miss_at_rfa_targets`, `activity.auc_at_fa_targets`,
    /// `nmide.cost_fa`, `fa.ns_collar_size`) and its bookkeeping (`command`, `git.commit`,
    /// `scoring_protocol`) are accepted and ignored, as the scorer does.
    public static let ignoredKeys: Set<String> = [
        "activity.w_p_miss_at_rfa_targets", "activity.auc_at_fa_targets", "nmide.cost_fa", "fa.ns_collar_size",
        "command", "git.commit", "scoring_protocol",
    ]

    /// Applies a scoring-parameters file (the scorer's `merge_dicts(defaults, given)`).
    public mutating func apply(_ overrides: [(key: String, value: ActEVParameterValue)]) throws {
        for (key, value) in overrides {
            func number() throws -> Double {
                guard case .number(let d) = value else { throw ActEVParameterError(key: key, message: "expected a number") }
                return d
            }
            func numbers() throws -> [Double] {
                guard case .numbers(let list) = value else { throw ActEVParameterError(key: key, message: "expected a list of numbers") }
                return list
            }
            switch key {
            case "activity.temporal_overlap_delta":
                let delta = try number()
                switch overlap {
                case .intersectionOverUnion: overlap = .intersectionOverUnion(above: delta)
                case .oneSecond(.systemShorter?): overlap = .oneSecond(shortInstance: .systemShorter(delta: delta))
                case .oneSecond(.referenceShorter?): overlap = .oneSecond(shortInstance: .referenceShorter(delta: delta))
                case .oneSecond(nil): break
                }
            case "activity.epsilon_temporal_congruence":
                if epsilonTemporalCongruence != nil { epsilonTemporalCongruence = try number() }
            case "activity.epsilon_presenceconf_congruence": epsilonPresenceConfCongruence = try number()
            case "activity.p_miss_at_rfa_targets": rateTargets = try numbers()
            case "activity.n_mide_at_rfa_targets": nMIDETargets = try numbers()
            case "activity.fa_at_rfa_targets": if timeFalseAlarm != nil { timeTargets = try numbers() }
            case "wpmiss.numerator": wPMissNumerator = try number()
            case "wpmiss.denominator": wPMissDenominator = try number()
            case "nmide.ns_collar_size":
                let size = try number()
                guard size == size.rounded(), abs(size) < 1e9 else { throw ActEVParameterError(key: key, message: "expected a whole number of frames") }
                nMIDECollar = Int(size)
            case "nmide.cost_miss": nMIDECostMiss = try number()
            default:
                if !Self.ignoredKeys.contains(key) {
                    throw ActEVParameterError(key: key, message: "not a scoring parameter of \(scoringProtocol.rawValue)")
                }
            }
        }
    }
}

/// A target or limit as the scorer names it in a metric (`p_miss@0.15rfa`, `AUDC@1rfa`):
/// Python's `str` of the number, an integer without a fraction.
public func actevNumberText(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}
