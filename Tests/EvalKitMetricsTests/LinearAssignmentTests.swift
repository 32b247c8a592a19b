import Foundation
import Testing
@testable import EvalKitMetrics

/// One case of `Tests/Fixtures/Kernels/lsap_cases.json` (make_lsap_fixtures.py): a cost matrix and
/// the pairs `scipy.optimize.linear_sum_assignment(cost, maximize=…)` returns.
struct LSAPCase: Sendable, CustomTestStringConvertible {
    var name: String
    var rows: Int
    var columns: Int
    var maximize: Bool
    var cost: [Double]
    var expectedRows: [Int32]
    var expectedColumns: [Int32]
    var testDescription: String { name }
}

enum LSAPFixtures {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Kernels/lsap_cases.json")

    static let (versions, cases): ([String: String], [LSAPCase]) = (try? load()) ?? ([:], [])

    static func load() throws -> ([String: String], [LSAPCase]) {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let cases = (root["cases"] as! [[String: Any]]).map { c in
            LSAPCase(
                name: c["name"] as! String, rows: (c["rows"] as! NSNumber).intValue,
                columns: (c["columns"] as! NSNumber).intValue, maximize: (c["maximize"] as! NSNumber).boolValue,
                cost: (c["cost"] as! String).split(separator: " ").map { Double(String($0))! },
                expectedRows: (c["expected_rows"] as! [NSNumber]).map(\.int32Value),
                expectedColumns: (c["expected_columns"] as! [NSNumber]).map(\.int32Value))
        }
        return (root["versions"] as! [String: String], cases)
    }
}

/// Solves with `solver`, returning (rows, columns).
private func solve(_ solver: inout LinearAssignment, _ cost: [Double], rows: Int, columns: Int,
                   maximize: Bool = false) -> (rows: [Int32], columns: [Int32]) {
    var r: [Int32] = [7, 7, 7], c: [Int32] = [9]  // not empty: the solver must empty them
    cost.withUnsafeBufferPointer { buffer in
        if maximize {
            solver.maximize(buffer, rows: rows, columns: columns, rowsOut: &r, columnsOut: &c)
        } else {
            solver.minimize(buffer, rows: rows, columns: columns, rowsOut: &r, columnsOut: &c)
        }
    }
    return (r, c)
}

/// The least total cost over all assignments of min(rows, columns) pairs (every injective map of
/// the shorter side into the longer), by enumeration.
private func bruteForceMinimum(_ cost: [Double], rows: Int, columns: Int) -> Double {
    let transposed = rows > columns
    let short = min(rows, columns), long = max(rows, columns)
    func at(_ s: Int, _ l: Int) -> Double { transposed ? cost[l * columns + s] : cost[s * columns + l] }
    var used = [Bool](repeating: false, count: long)
    var best = Double.infinity
    func extend(_ s: Int, _ sum: Double) {
        if s == short {
            best = min(best, sum)
            return
        }
        for l in 0..<long where !used[l] {
            used[l] = true
            extend(s + 1, sum + at(s, l))
            used[l] = false
        }
    }
    extend(0, 0)
    return best
}

struct LinearAssignmentTests {
    @Test func fixtureFileLoads() {
        #expect(LSAPFixtures.cases.count >= 300)
        #expect(LSAPFixtures.versions["scipy"] == "1.17.1")
        // The fixtures reach the cases the tie rules decide.
        #expect(LSAPFixtures.cases.contains { $0.rows == 200 && $0.columns == 150 })
        #expect(LSAPFixtures.cases.contains { $0.cost.contains { $0 == 0 && $0.sign == .minus } })
        #expect(LSAPFixtures.cases.filter(\.maximize).count >= 50)
    }

    /// Every case gives SciPy's pairs exactly, with a fresh solver.
    @Test(arguments: LSAPFixtures.cases)
    func agreesWithSciPy(_ f: LSAPCase) {
        #expect(f.cost.count == f.rows * f.columns)
        var solver = LinearAssignment()
        let (r, c) = solve(&solver, f.cost, rows: f.rows, columns: f.columns, maximize: f.maximize)
        #expect(r == f.expectedRows, "rows")
        #expect(c == f.expectedColumns, "columns")
    }

    /// `maximize(x)` is `minimize(-x)` (TrackEval's `linear_sum_assignment(-score)`): SciPy's
    /// maximize pairs from the negated matrix; and SciPy's minimize pairs from maximize of the negation.
    @Test(arguments: LSAPFixtures.cases)
    func maximizeIsMinimizeOfTheNegation(_ f: LSAPCase) {
        var solver = LinearAssignment()
        let (r, c) = solve(&solver, f.cost.map { -$0 }, rows: f.rows, columns: f.columns, maximize: !f.maximize)
        #expect(r == f.expectedRows, "rows")
        #expect(c == f.expectedColumns, "columns")
    }

    /// One workspace through all cases, forwards then backwards (growing and shrinking), and
    /// copies of a solver that has solved: the same pairs as SciPy each time.
    @Test func reusedWorkspaceAgreesWithSciPy() {
        var solver = LinearAssignment()
        for f in LSAPFixtures.cases + LSAPFixtures.cases.reversed() {
            var copy = solver  // shares the workspace until one of them solves
            let (r, c) = solve(&solver, f.cost, rows: f.rows, columns: f.columns, maximize: f.maximize)
            let (r2, c2) = solve(&copy, f.cost, rows: f.rows, columns: f.columns, maximize: f.maximize)
            #expect(r == f.expectedRows && c == f.expectedColumns, "\(f.name)")
            #expect(r2 == f.expectedRows && c2 == f.expectedColumns, "\(f.name) (copy)")
        }
    }

    /// Random matrices up to 6×6 (every shape): a valid assignment (min(rows, columns) pairs, rows
    /// increasing, columns distinct and in range) of the least cost found by enumeration. Costs are
    /// multiples of 1/8 below 8 (exact sums, many ties) or arbitrary doubles (compared to 1e-12).
    @Test func costIsTheBruteForceMinimum() {
        var g = SeededGenerator(seed: 2016)
        var solver = LinearAssignment()
        for rows in 1...6 {
            for columns in 1...6 {
                for trial in 0..<24 {
                    let exact = trial % 2 == 0
                    let cost = (0..<rows * columns).map { _ in
                        exact ? Double(Int.random(in: -8..<(trial % 4 == 0 ? 8 : 64), using: &g)) / 8
                            : Double.random(in: -1e3...1e3, using: &g)
                    }
                    let (r, c) = solve(&solver, cost, rows: rows, columns: columns)
                    #expect(r.count == min(rows, columns) && c.count == r.count)
                    #expect(zip(r, r.dropFirst()).allSatisfy { $0 < $1 }, "rows not increasing: \(r)")
                    #expect(r.allSatisfy { 0 <= $0 && $0 < rows } && c.allSatisfy { 0 <= $0 && $0 < columns })
                    #expect(Set(c).count == c.count, "a column used twice: \(c)")
                    let total = zip(r, c).reduce(0.0) { $0 + cost[Int($1.0) * columns + Int($1.1)] }
                    let best = bruteForceMinimum(cost, rows: rows, columns: columns)
                    if exact {
                        #expect(total == best, "\(rows)x\(columns): \(total) vs \(best)")
                    } else {
                        #expect(abs(total - best) <= 1e-12 * max(1, abs(best)), "\(rows)x\(columns): \(total) vs \(best)")
                    }
                    // maximize is the minimum of the negation
                    let (mr, mc) = solve(&solver, cost, rows: rows, columns: columns, maximize: true)
                    let maxTotal = zip(mr, mc).reduce(0.0) { $0 + cost[Int($1.0) * columns + Int($1.1)] }
                    let maxBest = -bruteForceMinimum(cost.map { -$0 }, rows: rows, columns: columns)
                    #expect(abs(maxTotal - maxBest) <= 1e-12 * max(1, abs(maxBest)), "maximize \(rows)x\(columns)")
                }
            }
        }
    }

    /// Zero rows or columns: no pairs (and the output arrays are emptied).
    @Test(arguments: [(0, 0), (0, 1), (0, 5), (1, 0), (5, 0)])
    func emptyShapesHaveNoPairs(_ shape: (Int, Int)) {
        var solver = LinearAssignment()
        for maximize in [false, true] {
            let (r, c) = solve(&solver, [], rows: shape.0, columns: shape.1, maximize: maximize)
            #expect(r.isEmpty && c.isEmpty)
        }
        #expect(LinearAssignment.minimize([], rows: shape.0, columns: shape.1).isEmpty)
    }

    /// The convenience form returns the same pairs as the workspace form.
    @Test func convenienceFormAgrees() {
        // SciPy's docstring example: columns [1, 0, 2].
        let pairs = LinearAssignment.minimize([4, 1, 3, 2, 0, 5, 3, 2, 2], rows: 3, columns: 3)
        #expect(pairs.map(\.row) == [0, 1, 2] && pairs.map(\.column) == [1, 0, 2])
        for f in LSAPFixtures.cases.prefix(40) where !f.maximize {
            let pairs = LinearAssignment.minimize(f.cost, rows: f.rows, columns: f.columns)
            #expect(pairs.map { Int32($0.row) } == f.expectedRows && pairs.map { Int32($0.column) } == f.expectedColumns)
        }
    }
}
