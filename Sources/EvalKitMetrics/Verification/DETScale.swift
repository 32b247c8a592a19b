import Foundation

/// The normal-deviate scale of DET plots.
public enum DETScale {
    /// bob.measure `ppndf(p)`, from NIST DETware 2.1's `ppndf()`: the standard normal quantile of
    /// p by a rational approximation (e.g. 0.001 → −3.090, 0.5 → 0, 0.99 → 2.326). p ≥ 1 is
    /// taken as 1 − ε and p ≤ 0 as ε (ε = 2⁻⁵²), as bob does; the polynomials are evaluated in
    /// bob's order.
    public static func ppndf(_ probability: Double) -> Double {
        let epsilon = Double.ulpOfOne
        var p = probability
        if p >= 1.0 { p = 1.0 - epsilon }
        if p <= 0.0 { p = epsilon }
        let q = p - 0.5
        if abs(q) <= 0.42 {
            let r = q * q
            return q * (((-25.4410604963 * r + 41.3911977353) * r + -18.6150006252) * r + 2.5066282388)
                / ((((3.1308290983 * r + -21.0622410182) * r + 23.0833674374) * r + -8.4735109309) * r + 1.0)
        }
        var r = p
        if q > 0 { r = 1 - r }
        r = (-1 * log(r)).squareRoot()
        var value = (((2.3212127685 * r + 4.8501412713) * r + -2.2979647913) * r + -2.7871893113)
            / ((1.6370678189 * r + 3.5438892476) * r + 1.0)
        if q < 0 { value *= -1 }
        return value
    }
}
