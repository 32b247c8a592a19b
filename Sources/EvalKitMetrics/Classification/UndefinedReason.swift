/// Why a classification metric is undefined (NaN): the text of `MetricValues`' reasons.
@usableFromInline
internal enum UndefinedReason {
    static let noSamples = "no samples"

    static func precision(_ label: String) -> String { "0/0: no sample was predicted as '\(label)'" }
    static func recall(_ label: String) -> String { "0/0: no true sample of '\(label)'" }
    static func fScore(_ label: String) -> String {
        "0/0: '\(label)' is neither in the truth nor predicted"
    }
    static func specificity(_ label: String) -> String {
        "0/0: every sample is a true '\(label)' (no negatives)"
    }
    static let averagePrecisionMicro = "0/0: no sample was predicted as any class"
    static let averageRecallMicro = "0/0: no true sample of any class"
    static let averageFMicro = "0/0: no true or predicted sample of any class"
    static let averageSpecificityMicro = "0/0: no negatives for any class"
    static let averageAllUndefined = "undefined for every class"
    static let mcc = "undefined: the truth or the predictions hold a single class"
    static let kappa = "undefined: chance agreement is 1 (a single class)"
    static let rocAUC = "only one class is present in the truth"
    static let averagePrecision = "no positive sample in the truth"
    static let samplesPrecision = "0/0 for every sample: no sample has a predicted label"
    static let samplesRecall = "0/0 for every sample: no sample has a true label"
    static let samplesF = "0/0 for every sample: no sample has a true or predicted label"
}
