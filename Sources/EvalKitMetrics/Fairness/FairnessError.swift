/// Errors of the disparity measures, with messages that name the offending input.
public enum FairnessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reference does not give a value for an attribute of the slicing.
    case referenceMissingAttribute(metric: String, attribute: String, reference: [String: String])
    /// No slice has the reference's values; `available` lists the slices that exist.
    case referenceNotFound(metric: String, reference: String, available: [String])
    /// The parity threshold τ is not in (0, 1].
    case invalidThreshold(Double)
    /// The slicing has no slice at all to take a reference from.
    case noSlices(metric: String, by: [String])

    public var description: String {
        switch self {
        case .referenceMissingAttribute(let metric, let attribute, let reference):
            let given = reference.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }
            return "disparity of '\(metric)': the reference group {\(given.joined(separator: ", "))} "
                + "gives no value for attribute '\(attribute)'"
        case .referenceNotFound(let metric, let reference, let available):
            let shown = available.prefix(12).joined(separator: "; ")
            let more = available.count > 12 ? " and \(available.count - 12) more" : ""
            return "disparity of '\(metric)': no slice \(reference); slices are: \(shown)\(more)"
        case .invalidThreshold(let tau):
            return "fairness threshold must be a number in (0, 1] (a slice is fair when "
                + "threshold <= disparity <= 1/threshold), but got \(tau)"
        case .noSlices(let metric, let by):
            return "disparity of '\(metric)' by \(by): there is no slice to take a reference from"
        }
    }
}
