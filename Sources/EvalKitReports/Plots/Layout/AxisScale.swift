import EvalKit
import Foundation

/// How an axis maps values to positions: linear, base-10 logarithmic, or normal deviate (probit:
/// the standard normal quantile of a probability, the axes of DET plots, Martin et al. 1997).
enum AxisScale {
    case linear(Double, Double)
    case log10(Double, Double)
    case probit(Double, Double)

    var bounds: (Double, Double) {
        switch self {
        case .linear(let a, let b), .log10(let a, let b), .probit(let a, let b): (a, b)
        }
    }

    /// The transformed value whose range the axis spans linearly (nil when the value cannot be shown).
    private func transform(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch self {
        case .linear: return v
        case .log10: return v > 0 ? Foundation.log10(v) : nil
        case .probit: return v > 0 && v < 1 ? NormalDistribution.quantile(v) : nil
        }
    }

    /// Where `v` lies on the axis, 0 at the lower bound and 1 at the upper (values outside the
    /// bounds give positions outside [0, 1]; nil when the scale cannot place the value).
    func position(_ v: Double) -> Double? {
        let (a, b) = bounds
        guard let t = transform(v), let ta = transform(a), let tb = transform(b), tb != ta else { return nil }
        return (t - ta) / (tb - ta)
    }

    /// Tick values and their labels.
    func ticks() -> [(value: Double, label: String)] {
        let (a, b) = bounds
        switch self {
        case .linear: return Self.linearTicks(a, b)
        case .log10:
            let first = Int(Foundation.log10(a).rounded(.up)), last = Int(Foundation.log10(b).rounded(.down))
            guard first <= last else { return [] }
            let every = max(1, (last - first + 1) / 7)
            return stride(from: first, through: last, by: every).map { e in
                let v = pow(10, Double(e))
                return (v, e >= -4 && e <= 4 ? Self.plain(v) : "1e\(e)")
            }
        case .probit:
            var inside = Self.probitTicks.filter { $0 >= a * (1 - 1e-9) && $0 <= b * (1 + 1e-9) }
            // Fewer ticks on a long axis: first without the 2s, then decades (and 0.5, 0.9, 0.99) only.
            if inside.count > 10 { inside = inside.filter { !Self.probitTwos.contains($0) } }
            if inside.count > 10 { inside = inside.filter { Self.probitDecades.contains($0) } }
            return inside.map { ($0, Self.percent($0)) }
        }
    }

    /// Tick candidates of a probit axis, as DET plots place them.
    static let probitTicks = [1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05,
                              0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.98, 0.99]
    static let probitTwos: Set<Double> = [2e-6, 2e-5, 2e-4, 0.002, 0.02, 0.2, 0.4, 0.6, 0.8, 0.95, 0.98]
    static let probitDecades: Set<Double> = [1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 0.5, 0.9, 0.99]

    /// Ticks at 1, 2 or 5 × 10^k steps, about five to eight of them.
    static func linearTicks(_ a: Double, _ b: Double) -> [(value: Double, label: String)] {
        guard b > a else { return [(a, plain(a))] }
        let rough = (b - a) / 6
        let magnitude = pow(10, (Foundation.log10(rough)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let decimals = max(0, -Int(Foundation.log10(step).rounded(.down)) + (step / magnitude == 2.5 ? 1 : 0))
        var ticks: [(Double, String)] = []
        var v = (a / step).rounded(.up) * step
        while v <= b + step * 1e-9 {
            let value = abs(v) < step * 1e-9 ? 0 : v
            ticks.append((value, String(format: "%.\(decimals)f", value)))
            v += step
        }
        return ticks
    }

    /// A number without trailing zeros: 0.001, 10, 2.5.
    static func plain(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        var text = String(format: "%.6f", v)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A probability as a percentage: 0.001 → 0.1%.
    static func percent(_ p: Double) -> String { plain((p * 100 * 1e6).rounded() / 1e6) + "%" }
}
