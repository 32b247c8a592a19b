/// The linear sum assignment problem: for an `n`×`m` cost matrix C, choose min(n, m) cells, no two
/// in one row or column, of least total cost Σ C[r, c]. This is SciPy's
/// `scipy.optimize.linear_sum_assignment` (scipy/optimize/rectangular_lsap/rectangular_lsap.cpp,
/// unchanged from SciPy 1.9 to 1.18; checked against 1.17.1) ported step for step: the shortest
/// augmenting path algorithm of D. F. Crouse, "On implementing 2D rectangular assignment
/// algorithms", IEEE TAES 52(4):1679–1696, 2016 (pp. 1685–1686), with SciPy's choices among
/// equal-cost assignments, so ties resolve to the very pairs SciPy returns:
/// - a tall matrix (rows > columns) is solved transposed, `maximize` negates the (copied) costs;
/// - rows are augmented in order 0, 1, …; each Dijkstra search scans the unvisited columns from
///   a list filled in reverse (n−1, …, 0) from which a chosen column is removed by moving the last
///   entry into its place; a column's path cost is replaced only by a strictly lower one; the
///   column taken next is, among those of least path cost, the last unassigned one (a sink) in
///   scan order if any, else the first one;
/// - reduced costs are `minVal + C[i, j] − u[i] − v[j]`, evaluated left to right as in C++;
/// - the pairs are ordered by row (for a transposed solve, by the original row).
/// SciPy 1.5–1.8 subtracted the least cost from the matrix first (1.4 also scanned columns in
/// increasing order), which can pick another of several equal-cost assignments for non-integer costs.
///
/// Reusable workspace: solving many small problems allocates nothing after the first (the
/// workspace only grows). Copies of a value do not share their workspace while solving.
public struct LinearAssignment {
    private var workspace: Workspace

    public init() { workspace = Workspace() }

    /// Minimum-cost assignment of `rows` × `columns` costs (row-major, `cost[r * columns + c]`),
    /// exactly `scipy.optimize.linear_sum_assignment(cost)`: min(rows, columns) pairs, ordered by row.
    /// Costs must be finite (precondition). Writes the pairs into `rowsOut`/`columnsOut` (emptied first).
    public mutating func minimize(_ cost: UnsafeBufferPointer<Double>, rows: Int, columns: Int,
                                  rowsOut: inout [Int32], columnsOut: inout [Int32]) {
        solve(cost, rows: rows, columns: columns, maximize: false, rowsOut: &rowsOut, columnsOut: &columnsOut)
    }

    /// Same for `linear_sum_assignment(cost, maximize=True)`, which solves the negated matrix
    /// (`-x` for each cost, as this does), so `maximize(score)` and `minimize(-score)` (TrackEval's
    /// `linear_sum_assignment(-score)`) give the same pairs, both SciPy's. (The sign of a zero
    /// cost never changes a comparison of the algorithm, so `0 - score` would give them too.)
    public mutating func maximize(_ cost: UnsafeBufferPointer<Double>, rows: Int, columns: Int,
                                  rowsOut: inout [Int32], columnsOut: inout [Int32]) {
        solve(cost, rows: rows, columns: columns, maximize: true, rowsOut: &rowsOut, columnsOut: &columnsOut)
    }

    /// `minimize` for arrays, returning the pairs (for tests and code off the hot path).
    public static func minimize(_ cost: [Double], rows: Int, columns: Int) -> [(row: Int, column: Int)] {
        var solver = LinearAssignment()
        var r: [Int32] = [], c: [Int32] = []
        cost.withUnsafeBufferPointer { solver.minimize($0, rows: rows, columns: columns, rowsOut: &r, columnsOut: &c) }
        return zip(r, c).map { (row: Int($0), column: Int($1)) }
    }

    private mutating func solve(_ cost: UnsafeBufferPointer<Double>, rows: Int, columns: Int, maximize: Bool,
                                rowsOut: inout [Int32], columnsOut: inout [Int32]) {
        precondition(rows >= 0 && columns >= 0 && cost.count >= rows * columns,
                     "LinearAssignment: the cost buffer is smaller than rows × columns")
        rowsOut.removeAll(keepingCapacity: true)
        columnsOut.removeAll(keepingCapacity: true)
        guard rows > 0 && columns > 0 else { return }
        let base = cost.baseAddress!
        let cells = rows * columns
        for k in 0..<cells { precondition(base[k].isFinite, "LinearAssignment: costs must be finite") }

        if rows == 1 || columns == 1 {
            // One row after SciPy's transposition: its single search sets every column's path
            // cost to (0 + x) − 0 − 0 = x (±0 compare equal), scans columns n−1, …, 0 and keeps
            // an equal cost scanned later (every column is a sink), so it picks the first index
            // of the least (for maximize: of the least negated, the greatest) cost.
            var best = 0
            for k in 1..<cells where maximize ? base[k] > base[best] : base[k] < base[best] { best = k }
            rowsOut.append(Int32(rows == 1 ? 0 : best))
            columnsOut.append(Int32(rows == 1 ? best : 0))
            return
        }

        // The problem SciPy solves: nr ≤ nc, negated for maximize.
        let transpose = columns < rows
        let nr = transpose ? columns : rows, nc = transpose ? rows : columns
        if !isKnownUniquelyReferenced(&workspace) { workspace = Workspace() }
        let w = workspace
        w.reserve(columns: nc, cells: transpose || maximize ? cells : 0)
        var c = base
        if transpose || maximize {
            let temp = w.temp
            if transpose {
                for i in 0..<rows {
                    for j in 0..<columns { temp[j &* rows &+ i] = base[i &* columns &+ j] }
                }
            } else {
                temp.initialize(from: base, count: cells)
            }
            if maximize {
                for k in 0..<cells { temp[k] = -temp[k] }
            }
            c = UnsafePointer(temp)
        }

        let u = w.u, v = w.v, shortestPathCosts = w.shortestPathCosts
        let path = w.path, row4col = w.row4col, col4row = w.col4row, remaining = w.remaining
        let visitedRows = w.visitedRows, visitedColumns = w.visitedColumns
        u.initialize(repeating: 0, count: nr)
        v.initialize(repeating: 0, count: nc)
        col4row.initialize(repeating: -1, count: nr)
        row4col.initialize(repeating: -1, count: nc)

        for curRow in 0..<nr {
            // Dijkstra from curRow for the shortest augmenting path (SciPy's augmenting_path).
            var minVal = 0.0
            var numRemaining = nc
            for it in 0..<nc { remaining[it] = nc &- it &- 1 }
            shortestPathCosts.initialize(repeating: .infinity, count: nc)
            var rowCount = 0, columnCount = 0  // SciPy's SR and SC as lists
            var sink = -1
            var i = curRow
            while sink == -1 {
                var index = -1
                var lowest = Double.infinity
                visitedRows[rowCount] = i
                rowCount &+= 1
                let costRow = c + i &* nc
                let ui = u[i]
                for it in 0..<numRemaining {
                    let j = remaining[it]
                    let r = minVal + costRow[j] - ui - v[j]
                    if r < shortestPathCosts[j] {
                        path[j] = i
                        shortestPathCosts[j] = r
                    }
                    let s = shortestPathCosts[j]
                    if s < lowest || (s == lowest && row4col[j] == -1) {
                        lowest = s
                        index = it
                    }
                }
                minVal = lowest
                // Finite costs can still overflow here; SciPy then raises "cost matrix is infeasible".
                precondition(minVal != .infinity, "LinearAssignment: cost matrix is infeasible (costs overflow)")
                let j = remaining[index]
                if row4col[j] == -1 { sink = j } else { i = row4col[j] }
                visitedColumns[columnCount] = j
                columnCount &+= 1
                numRemaining &-= 1
                remaining[index] = remaining[numRemaining]
            }

            // Dual update (visitedRows[0] is curRow; each row and column appears once).
            u[curRow] += minVal
            for k in 1..<rowCount {
                let i = visitedRows[k]
                u[i] += minVal - shortestPathCosts[col4row[i]]
            }
            for k in 0..<columnCount {
                let j = visitedColumns[k]
                v[j] -= minVal - shortestPathCosts[j]
            }

            // Augment along the path back to curRow.
            var j = sink
            while true {
                let i = path[j]
                row4col[j] = i
                swap(&col4row[i], &j)
                if i == curRow { break }
            }
        }

        rowsOut.reserveCapacity(nr)
        columnsOut.reserveCapacity(nr)
        if transpose {
            // SciPy sorts by col4row (distinct original rows); row4col lists them in that order.
            for j in 0..<nc where row4col[j] != -1 {
                rowsOut.append(Int32(j))
                columnsOut.append(Int32(row4col[j]))
            }
        } else {
            for i in 0..<nr {
                rowsOut.append(Int32(i))
                columnsOut.append(Int32(col4row[i]))
            }
        }
    }

    /// Buffers sized for `nc` columns (rows ≤ columns after transposition) and `cells` costs.
    private final class Workspace {
        private var columnCapacity = 0, cellCapacity = 0
        private var doubles = UnsafeMutablePointer<Double>.allocate(capacity: 0)
        private var ints = UnsafeMutablePointer<Int>.allocate(capacity: 0)
        private(set) var temp = UnsafeMutablePointer<Double>.allocate(capacity: 0)

        var u: UnsafeMutablePointer<Double> { doubles }
        var v: UnsafeMutablePointer<Double> { doubles + columnCapacity }
        var shortestPathCosts: UnsafeMutablePointer<Double> { doubles + 2 * columnCapacity }
        var path: UnsafeMutablePointer<Int> { ints }
        var row4col: UnsafeMutablePointer<Int> { ints + columnCapacity }
        var col4row: UnsafeMutablePointer<Int> { ints + 2 * columnCapacity }
        var remaining: UnsafeMutablePointer<Int> { ints + 3 * columnCapacity }
        var visitedRows: UnsafeMutablePointer<Int> { ints + 4 * columnCapacity }
        var visitedColumns: UnsafeMutablePointer<Int> { ints + 5 * columnCapacity }

        func reserve(columns: Int, cells: Int) {
            if columns > columnCapacity {
                let capacity = max(columns, 2 * columnCapacity)
                doubles.deallocate()
                ints.deallocate()
                doubles = .allocate(capacity: 3 * capacity)
                ints = .allocate(capacity: 6 * capacity)
                columnCapacity = capacity
            }
            if cells > cellCapacity {
                let capacity = max(cells, 2 * cellCapacity)
                temp.deallocate()
                temp = .allocate(capacity: capacity)
                cellCapacity = capacity
            }
        }

        deinit {
            doubles.deallocate()
            ints.deallocate()
            temp.deallocate()
        }
    }
}
