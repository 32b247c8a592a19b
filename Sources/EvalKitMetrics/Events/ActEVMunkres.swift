/// The Hungarian algorithm exactly as the Python package `munkres` 1.0.12 (Brian Clapper) runs
/// it, which ActEV_Scorer's `perform_alignment` calls: a minimum-cost assignment of a
/// rectangular cost matrix padded with zeros to a square.
///
/// Ported step for step (Munkres' steps 1–6 in Bob Pilgrim's formulation) with the package's
/// scanning orders: the search for an uncovered zero resumes at the last prime's row and column,
/// wraps around, and returns the *last* uncovered zero of the first row that has one. Among
/// several optimal assignments this picks the one the scorer picks, and the arithmetic on the
/// costs is the same, so ties and near-ties resolve identically.
///
/// - Complexity: O(n³) time, O(n²) memory for n = max(rows, columns).
enum ActEVMunkres {
    /// The (row, column) pairs of the assignment, in row order, inside the original matrix.
    static func assign(_ costs: [[Double]], columns: Int) -> [(row: Int, column: Int)] {
        let rows = costs.count
        guard rows > 0 else { return [] }
        let n = max(rows, columns)
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<rows {
            for j in 0..<columns { c[i * n + j] = costs[i][j] }
        }
        var solver = Solver(n: n, c: c)
        solver.run()
        var result: [(row: Int, column: Int)] = []
        for i in 0..<rows where solver.starCol[i] >= 0 && solver.starCol[i] < columns {
            result.append((i, solver.starCol[i]))
        }
        return result
    }

    private struct Solver {
        let n: Int
        var c: [Double]
        var rowCovered: [Bool]
        var colCovered: [Bool]
        /// munkres' `marked` matrix (1 starred, 2 primed) kept as its rows' and columns' marks:
        /// a row or column holds at most one star, and a row at most one prime.
        var starCol: [Int]
        var starRow: [Int]
        var primeCol: [Int]
        var z0Row = 0, z0Col = 0

        init(n: Int, c: [Double]) {
            self.n = n
            self.c = c
            rowCovered = [Bool](repeating: false, count: n)
            colCovered = [Bool](repeating: false, count: n)
            starCol = [Int](repeating: -1, count: n)
            starRow = [Int](repeating: -1, count: n)
            primeCol = [Int](repeating: -1, count: n)
        }

        mutating func run() {
            var step = 1
            while true {
                switch step {
                case 1: step = step1()
                case 2: step = step2()
                case 3: step = step3()
                case 4: step = step4()
                case 5: step = step5()
                case 6: step = step6()
                default: return
                }
            }
        }

        /// Subtract each row's minimum from the row.
        mutating func step1() -> Int {
            for i in 0..<n {
                var minimum = c[i * n]
                for j in 1..<max(n, 1) where c[i * n + j] < minimum { minimum = c[i * n + j] }
                for j in 0..<n { c[i * n + j] -= minimum }
            }
            return 2
        }

        /// Star each zero with no starred zero in its row or column.
        mutating func step2() -> Int {
            for i in 0..<n {
                for j in 0..<n where c[i * n + j] == 0 && !colCovered[j] && !rowCovered[i] {
                    starCol[i] = j
                    starRow[j] = i
                    colCovered[j] = true
                    rowCovered[i] = true
                    break
                }
            }
            clearCovers()
            return 3
        }

        /// Cover the columns of starred zeros; done when all are covered.
        mutating func step3() -> Int {
            var count = 0
            for j in 0..<n where starRow[j] >= 0 && !colCovered[j] {
                colCovered[j] = true
                count += 1
            }
            return count >= n ? 7 : 4
        }

        /// Prime uncovered zeros until one has no starred zero in its row (step 5), or none is left (step 6).
        mutating func step4() -> Int {
            var row = 0, col = 0
            while true {
                (row, col) = findZero(row, col)
                if row < 0 { return 6 }
                primeCol[row] = col
                let star = starCol[row]
                if star >= 0 {
                    col = star
                    rowCovered[row] = true
                    colCovered[col] = false
                } else {
                    z0Row = row
                    z0Col = col
                    return 5
                }
            }
        }

        /// Augment along the alternating path of primes and stars.
        mutating func step5() -> Int {
            var path: [(Int, Int)] = [(z0Row, z0Col)]
            while true {
                let row = starRow[path[path.count - 1].1]
                if row < 0 { break }
                path.append((row, path[path.count - 1].1))
                let col = primeCol[path[path.count - 1].0]
                path.append((path[path.count - 1].0, col))
            }
            // Unstar the path's stars (odd positions), star its primes (even positions).
            for k in stride(from: 1, to: path.count, by: 2) {
                let (i, j) = path[k]
                starCol[i] = -1
                starRow[j] = -1
            }
            for k in stride(from: 0, to: path.count, by: 2) {
                let (i, j) = path[k]
                starCol[i] = j
                starRow[j] = i
            }
            clearCovers()
            for k in 0..<n { primeCol[k] = -1 }
            return 3
        }

        /// Add the smallest uncovered value to covered rows and subtract it from uncovered columns
        /// (in that order for each element, as munkres does: (c + m) − m need not be c).
        mutating func step6() -> Int {
            let n = n
            let rowCovered = rowCovered, colCovered = colCovered
            c.withUnsafeMutableBufferPointer { c in
                var minimum = Double(Int.max)
                for i in 0..<n where !rowCovered[i] {
                    let base = i * n
                    for j in 0..<n where !colCovered[j] && minimum > c[base + j] { minimum = c[base + j] }
                }
                for i in 0..<n {
                    let base = i * n
                    if rowCovered[i] {
                        for j in 0..<n {
                            c[base + j] += minimum
                            if !colCovered[j] { c[base + j] -= minimum }
                        }
                    } else {
                        for j in 0..<n where !colCovered[j] { c[base + j] -= minimum }
                    }
                }
            }
            return 4
        }

        /// munkres' `__find_a_zero(i0, j0)`: rows from i0 (wrapping), in each row columns from
        /// j0 (wrapping); the last uncovered zero of the first row that has one. (Scanning the
        /// row backwards from j0 − 1 and stopping at the first finds the same zero; covered rows
        /// hold none.)
        func findZero(_ i0: Int, _ j0: Int) -> (Int, Int) {
            c.withUnsafeBufferPointer { c in
                var i = i0
                repeat {
                    if !rowCovered[i] {
                        let base = i * n
                        var j = j0
                        repeat {
                            j = j == 0 ? n - 1 : j - 1
                            if c[base + j] == 0 && !colCovered[j] { return (i, j) }
                        } while j != j0
                    }
                    i = (i + 1) % n
                } while i != i0
                return (-1, -1)
            }
        }

        mutating func clearCovers() {
            for k in 0..<n {
                rowCovered[k] = false
                colCovered[k] = false
            }
        }
    }
}
