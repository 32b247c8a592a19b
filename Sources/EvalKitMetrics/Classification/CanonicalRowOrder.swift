/// A canonical numbering of the rows of a state that keeps its rows (class probabilities,
/// multilabel scores): rows sorted by their content, the first column's score key first, then
/// `less` (the rest of the content) for rows with equal keys. Rows with the same content are
/// interchangeable, so the numbering depends only on the multiset of rows, not on the order in
/// which threads, shards or slices added them; the Poisson bootstrap, which draws one weight per
/// row in row order, then draws the same replicates for a merged state as for a single reading.
///
/// The columns (`keys[c]` ascending, `rows[c]` their rows, `weights` per row) are renumbered in
/// place, rows with equal keys in ascending new row order; `truthOrder(a, b)` orders two rows by
/// their truth (nil when equal). Returns `old → new` and the new order of old rows.
/// - Complexity: O(n·K) plus sorting each run of equal keys.
func canonicalRowOrder(keys: [[UInt64]], rows: inout [[Int32]], weights: [Int64],
                       truthOrder: (Int, Int) -> Bool?) -> (newIndex: [Int32], order: [Int32]) {
    let n = weights.count
    guard n > 1 else { return ((0..<n).map(Int32.init), (0..<n).map(Int32.init)) }
    let rowKeys = keysByRow(keys: keys, rows: rows)
    // Rows with equal first keys: by truth, then the other columns' keys, then the weight.
    let less = { (a: Int32, b: Int32) -> Bool in
        let a = Int(a), b = Int(b)
        if let ordered = truthOrder(a, b) { return ordered }
        for c in 1..<keys.count where rowKeys[c * n + a] != rowKeys[c * n + b] { return rowKeys[c * n + a] < rowKeys[c * n + b] }
        return weights[a] < weights[b]
    }
    var order = rows[0]
    sortRuns(of: keys[0], &order, by: less)
    var newIndex = [Int32](repeating: 0, count: order.count)
    for (position, old) in order.enumerated() { newIndex[Int(old)] = Int32(position) }
    for c in rows.indices {
        rows[c] = rows[c].map { newIndex[Int($0)] }
        sortRuns(of: keys[c], &rows[c], by: <)
    }
    return (newIndex, order)
}

/// Each row's key in each column, `[c * n + row]`, from the columns' sorted (key, row) pairs.
func keysByRow(keys: [[UInt64]], rows: [[Int32]]) -> [UInt64] {
    let n = keys.first?.count ?? 0
    var byRow = [UInt64](repeating: 0, count: n * keys.count)
    for c in keys.indices {
        for i in 0..<n { byRow[c * n + Int(rows[c][i])] = keys[c][i] }
    }
    return byRow
}

/// Sorts each run of equal `keys` within `values` (aligned with `keys`) by `less`.
func sortRuns<Key: Equatable>(of keys: [Key], _ values: inout [Int32], by less: (Int32, Int32) -> Bool) {
    var start = 0
    while start < keys.count {
        var end = start + 1
        while end < keys.count && keys[end] == keys[start] { end += 1 }
        if end - start > 1 { values[start..<end].sort(by: less) }
        start = end
    }
}

extension ClassProbabilityState {
    /// Renumbers the rows canonically (`canonicalRowOrder`): by class 0's score, then the true
    /// class, the other classes' scores and the weight.
    public mutating func canonicalize() {
        compact()
        let n = rowTruth.count
        guard n > 1 else { return }
        let truth = rowTruth, weight = rowWeight
        let (newIndex, order) = canonicalRowOrder(keys: columnKeys, rows: &columnRows, weights: weight) { a, b in
            truth[a] == truth[b] ? nil : truth[a] < truth[b]
        }
        rowTruth = order.map { truth[Int($0)] }
        rowWeight = order.map { weight[Int($0)] }
        rowRank = order.map { rowRank[Int($0)] }
        rowLoss = order.map { rowLoss[Int($0)] }
        lossOrder = lossOrder.map { newIndex[Int($0)] }
        let lossKeys = lossOrder.map { rowLoss[Int($0)] }
        sortRuns(of: lossKeys, &lossOrder, by: <)
    }
}

extension LabelScoreRows {
    /// Renumbers the rows canonically (`canonicalRowOrder`): by target 0's score, then every
    /// target's truth, the other targets' scores and the weight.
    public mutating func canonicalize() {
        compact()
        let n = rowWeight.count
        guard n > 1 else { return }
        let truth = self.truth, weight = rowWeight
        let (_, order) = canonicalRowOrder(keys: columnKeys, rows: &columnRows, weights: weight) { a, b in
            for j in truth.indices where truth[j][a] != truth[j][b] { return truth[j][a] < truth[j][b] }
            return nil
        }
        rowWeight = order.map { weight[Int($0)] }
        for j in truth.indices { self.truth[j] = order.map { truth[j][Int($0)] } }
    }
}

extension MultilabelState {
    /// Puts the kept score rows in canonical order (`LabelScoreRows.canonicalize`).
    public mutating func canonicalize() {
        scoreRows?.canonicalize()
    }
}
