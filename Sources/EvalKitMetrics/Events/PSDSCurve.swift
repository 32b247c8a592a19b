extension PSDS {
    /// The PSD-ROC and its area from every class's operating points (psds_eval's
    /// `psd_roc_curves`, `_effective_tp_ratio` and `_auc`).
    ///
    /// `points[c]` are class c's (eFPR, TPR, FPR) at the operating points, in any order and with
    /// repeats; the point of no detections (0, 0, 0) is added, as psds_eval pads one. Only the
    /// set of points matters, so operating points that repeat one another change nothing.
    /// `defined[c]` is false for a class without reference events: its eFPR values still join the
    /// x-axis (as in psds_eval), its curve is left out of the mean and standard deviation.
    /// `seconds` is the video time the false positive rates divide by.
    /// - Complexity: O(P log P + K × changes) for P points and K classes.
    static func curves(points: [[PSDSClassCurve.Point]], defined: [Bool], seconds: Double, parameters: PSDSParameters,
                       operatingPoints: Int, thresholds: [Double] = []) -> PSDSResult {
        let classes = points.count
        var result = PSDSResult(value: .nan, undefinedReason: nil, parameters: parameters, operatingPoints: operatingPoints,
                                thresholds: thresholds, roc: PSDSROC(), classes: [])
        let noReferences = "no reference events of this class: TPR undefined; left out of the PSD-ROC mean and standard deviation"
        func undefined(_ reason: String) -> PSDSResult {
            var copy = result
            copy.undefinedReason = reason
            copy.classes = (0..<classes).map {
                PSDSClassCurve(points: [], area: .nan, undefinedReason: defined[$0] ? reason : noReferences)
            }
            return copy
        }
        if classes == 0 { return undefined("no classes") }
        if operatingPoints == 0 { return undefined("no operating points") }
        if !(seconds > 0) || points.contains(where: { $0.contains { $0.efpr.isNaN } }) {
            return undefined("no video time (every duration is 0): false positive rates undefined")
        }
        let included = (0..<classes).filter { defined[$0] }
        if included.isEmpty { return undefined("no reference events") }

        // The union of eFPR values, and each class's staircase corners.
        let zero = PSDSClassCurve.Point(efpr: 0, tpr: 0, fpr: 0, operatingPoint: -1)
        var xs: [Double] = [0]
        for list in points { xs.append(contentsOf: list.map(\.efpr)) }
        xs.sort()
        var x: [Double] = []
        x.reserveCapacity(xs.count)
        for value in xs where x.last != value { x.append(value) }

        var corners = [[PSDSClassCurve.Point]](repeating: [], count: classes)
        for c in included {
            var list = points[c].filter { !$0.tpr.isNaN } + [zero]
            list.sort { ($0.efpr, -$0.tpr, $0.operatingPoint) < ($1.efpr, -$1.tpr, $1.operatingPoint) }
            var kept: [PSDSClassCurve.Point] = []
            for p in list where kept.isEmpty || p.tpr > kept[kept.count - 1].tpr { kept.append(p) }
            corners[c] = kept
        }

        // Walk x; recompute mean and std where some class's staircase rises.
        var events: [(efpr: Double, c: Int, tpr: Double)] = []
        for c in included { for p in corners[c] { events.append((p.efpr, c, p.tpr)) } }
        events.sort { $0.efpr < $1.efpr }
        var y = [Double](repeating: 0, count: classes)
        var roc = PSDSROC()
        roc.efpr = x
        roc.mean.reserveCapacity(x.count)
        roc.std.reserveCapacity(x.count)
        var e = 0
        let n = Double(included.count)
        for (i, value) in x.enumerated() {
            var changed = i == 0
            while e < events.count && events[e].efpr <= value {
                y[events[e].c] = events[e].tpr
                changed = true
                e += 1
            }
            if changed {
                var sum = 0.0
                for c in included { sum += y[c] }
                let mean = sum / n
                var squares = 0.0
                for c in included {
                    let d = y[c] - mean
                    squares += d * d
                }
                roc.mean.append(mean)
                roc.std.append((squares / n).squareRoot())
            } else {
                roc.mean.append(roc.mean[i - 1])
                roc.std.append(roc.std[i - 1])
            }
        }
        roc.etpr = zip(roc.mean, roc.std).map { mean, std in
            let value = mean - parameters.alphaST * std
            return value.isNaN || value < 0 ? 0 : value
        }
        result.value = staircaseArea(x: x, y: roc.etpr, maxX: parameters.maxEFPR) / parameters.maxEFPR
        result.roc = roc
        result.classes = (0..<classes).map { c in
            guard defined[c] else { return PSDSClassCurve(points: [], area: .nan, undefinedReason: noReferences) }
            let area = staircaseArea(x: corners[c].map(\.efpr), y: corners[c].map(\.tpr), maxX: parameters.maxEFPR)
            return PSDSClassCurve(points: corners[c], area: area / parameters.maxEFPR, undefinedReason: nil)
        }
        return result
    }

    /// The area under the staircase through (x, y) (y held from each x to the next) up to
    /// `maxX`: psds_eval's `_auc` — `maxX` inserted with the y before it when absent, the widths
    /// times the heights summed as `np.sum` does (pairwise). `x` ascending with x[0] ≤ maxX.
    static func staircaseArea(x: [Double], y: [Double], maxX: Double) -> Double {
        var xs = x, ys = y
        if !xs.contains(maxX) {
            let at = xs.firstIndex { $0 > maxX } ?? xs.count
            xs.insert(maxX, at: at)
            ys.insert(at > 0 ? ys[at - 1] : 0, at: at)
        }
        let valid = xs.firstIndex { !($0 <= maxX) } ?? xs.count
        guard valid >= 2 else { return 0 }
        var products = [Double](repeating: 0, count: valid - 1)
        for k in 0..<(valid - 1) { products[k] = (xs[k + 1] - xs[k]) * ys[k] }
        return products.withUnsafeBufferPointer { pairwiseSum($0) }
    }
}
