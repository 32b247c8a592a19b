/// The counts of one operating point (one detection table), of one video or summed over videos:
/// psds_eval's confusion matrix with the ground-truth totals it divides by.
///
/// Per detected class i: `truePositives[i]` ground-truth events of class i detected (GTC),
/// `falsePositives[i]` detections of class i failing the DTC that intersect their video (the
/// "world" column), and `crossTriggers[i × classes + j]` those that meet the CTTC on class j ≠ i.
/// Per class: reference events and their total length; overall: the seconds of video (the
/// world events). Every field is a sum, so videos merge by addition (with a bootstrap weight).
public struct PSDSCounts: Sendable, Equatable {
    public var truePositives: [Int64]
    public var falsePositives: [Int64]
    /// Row-major: detected class × reference class; the diagonal stays 0.
    public var crossTriggers: [Int64]
    public var references: [Int64]
    public var referenceSeconds: [Double]
    public var seconds: Double = 0

    public init(classes: Int) {
        truePositives = Array(repeating: 0, count: classes)
        falsePositives = truePositives
        references = truePositives
        crossTriggers = Array(repeating: 0, count: classes * classes)
        referenceSeconds = Array(repeating: 0, count: classes)
    }

    public var classes: Int { truePositives.count }

    public func crossTriggers(detected i: Int, reference j: Int) -> Int64 { crossTriggers[i * classes + j] }

    /// Adds `other` counted `weight` times.
    public mutating func add(_ other: PSDSCounts, weight: Int64 = 1) {
        for k in 0..<classes {
            truePositives[k] += weight * other.truePositives[k]
            falsePositives[k] += weight * other.falsePositives[k]
            references[k] += weight * other.references[k]
            referenceSeconds[k] += Double(weight) * other.referenceSeconds[k]
        }
        for k in crossTriggers.indices { crossTriggers[k] += weight * other.crossTriggers[k] }
        seconds += Double(weight) * other.seconds
    }

    /// psds_eval's `counts` matrix, (classes + 1)²: row = detected class, column = reference class
    /// then the world; true positives on the diagonal; the last row (world detections) is 0.
    public var matrix: [[Int64]] {
        var rows = [[Int64]](repeating: [Int64](repeating: 0, count: classes + 1), count: classes + 1)
        for i in 0..<classes {
            for j in 0..<classes where j != i { rows[i][j] = crossTriggers(detected: i, reference: j) }
            rows[i][i] = truePositives[i]
            rows[i][classes] = falsePositives[i]
        }
        return rows
    }
}

/// The rates of one operating point (psds_eval's `tpr`, `fpr`, `ctr` and the eFPR of `psds`).
///
/// TPR_i = TP_i / references_i; FPR_i = FP_i × unit / seconds; CTR_ij = CT_ij × unit /
/// referenceSeconds_j (j ≠ i); eFPR_i = FPR_i + αCT × mean_j CTR_ij over the j where CTR_ij is
/// defined, summed in class order and divided by their number (numpy's `nanmean`). Undefined:
/// TPR without reference events of the class, FPR without video seconds, CTR_ij on the diagonal
/// or without reference events of j (NaN; psds_eval leaves uninitialised memory or raises a
/// KeyError there). With no defined CTR_ij (one class), the cross-trigger term is 0.
public struct PSDSRates: Sendable {
    public var tpr: [Double]
    public var fpr: [Double]
    /// Row-major, detected × reference class.
    public var ctr: [Double]
    public var efpr: [Double]

    public init(_ counts: PSDSCounts, parameters: PSDSParameters) {
        let k = counts.classes
        let fpr = (0..<k).map { Self.fpr(counts.falsePositives[$0], seconds: counts.seconds, parameters: parameters) }
        let ctr = (0..<(k * k)).map { cell in
            let i = cell / k, j = cell % k
            return i == j ? .nan : Self.ctr(counts.crossTriggers[cell], referenceSeconds: counts.referenceSeconds[j], parameters: parameters)
        }
        tpr = (0..<k).map { Self.tpr(counts.truePositives[$0], references: counts.references[$0]) }
        efpr = (0..<k).map { i in Self.efpr(fpr: fpr[i], class: i, classes: k, parameters: parameters) { ctr[i * k + $0] } }
        self.fpr = fpr
        self.ctr = ctr
    }

    static func tpr(_ tp: Int64, references: Int64) -> Double {
        references > 0 ? Double(tp) / Double(references) : .nan
    }

    static func fpr(_ fp: Int64, seconds: Double, parameters: PSDSParameters) -> Double {
        seconds > 0 ? Double(fp) * parameters.secondsPerUnit / seconds : .nan
    }

    static func ctr(_ ct: Int64, referenceSeconds: Double, parameters: PSDSParameters) -> Double {
        referenceSeconds > 0 ? Double(ct) * parameters.secondsPerUnit / referenceSeconds : .nan
    }

    /// fpr + αCT × nanmean_{j ≠ i} ctr(j), the sum in class order (numpy's reduction over an axis).
    static func efpr(fpr: Double, class i: Int, classes: Int, parameters: PSDSParameters, ctr: (Int) -> Double) -> Double {
        var sum = 0.0
        var defined = 0
        for j in 0..<classes where j != i {
            let value = ctr(j)
            if !value.isNaN {
                sum += value
                defined += 1
            }
        }
        return defined == 0 ? fpr : fpr + parameters.alphaCT * (sum / Double(defined))
    }
}
