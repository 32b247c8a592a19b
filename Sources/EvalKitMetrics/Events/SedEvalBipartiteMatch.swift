/// Maximum-cardinality bipartite matching, ported step for step from sed_eval's
/// `util.event_matching.bipartite_match` (itself mir_eval's `_bipartite_match`, after David
/// Eppstein's Hopcroft–Karp), so that among several maximum matchings it picks the same one:
/// sed_eval's substitution count depends on which events are left unmatched.
///
/// Python's insertion-ordered dicts become arrays with explicit order: `order` is the graph's key
/// order (left vertices), `adjacency[u]` the neighbours of u in insertion order.
struct SedEvalBipartiteMatch {
    let left: Int
    let right: Int
    let order: [Int]
    let adjacency: [[Int]]
    /// right vertex → its left vertex, or -1.
    var matching: [Int]
    /// Left vertex's predecessor: `absent`, `firstLayer` (Python's `unmatched` sentinel) or a right vertex.
    var pred: [Int]
    /// Right vertex's predecessors (left vertices), when present.
    var preds: [[Int]]
    var predsPresent: [Bool]

    static let absent = -2
    static let firstLayer = -1

    init(left: Int, right: Int, order: [Int], adjacency: [[Int]]) {
        self.left = left
        self.right = right
        self.order = order
        self.adjacency = adjacency
        matching = Array(repeating: -1, count: right)
        pred = Array(repeating: Self.absent, count: left)
        preds = Array(repeating: [], count: right)
        predsPresent = Array(repeating: false, count: right)
    }

    /// right vertex → left vertex (-1: unmatched).
    mutating func run() -> [Int] {
        // Greedy start.
        for u in order {
            for v in adjacency[u] where matching[v] < 0 {
                matching[v] = u
                break
            }
        }
        var newLayerOrder: [Int] = []
        var newLayer = [[Int]](repeating: [], count: right)
        var inNewLayer = [Bool](repeating: false, count: right)
        while true {
            for v in 0..<right {
                preds[v].removeAll(keepingCapacity: true)
                predsPresent[v] = false
            }
            var unmatched: [Int] = []
            for u in order { pred[u] = Self.firstLayer }
            var isMatchedLeft = [Bool](repeating: false, count: left)
            for v in 0..<right where matching[v] >= 0 { isMatchedLeft[matching[v]] = true }
            for u in order where isMatchedLeft[u] { pred[u] = Self.absent }
            var layer = order.filter { pred[$0] == Self.firstLayer }
            while !layer.isEmpty && unmatched.isEmpty {
                for u in layer {
                    for v in adjacency[u] where !predsPresent[v] {
                        if !inNewLayer[v] {
                            inNewLayer[v] = true
                            newLayerOrder.append(v)
                        }
                        newLayer[v].append(u)
                    }
                }
                layer = []
                for v in newLayerOrder {
                    preds[v] = newLayer[v]
                    predsPresent[v] = true
                    newLayer[v].removeAll(keepingCapacity: true)
                    inNewLayer[v] = false
                    if matching[v] >= 0 {
                        layer.append(matching[v])
                        pred[matching[v]] = v
                    } else {
                        unmatched.append(v)
                    }
                }
                newLayerOrder.removeAll(keepingCapacity: true)
            }
            if unmatched.isEmpty { return matching }
            for v in unmatched { _ = recurse(v) }
        }
    }

    /// Searches backward through the layers for an alternating path ending at `v`.
    mutating func recurse(_ v: Int) -> Bool {
        guard predsPresent[v] else { return false }
        let candidates = preds[v]
        preds[v] = []
        predsPresent[v] = false
        for u in candidates where pred[u] != Self.absent {
            let pu = pred[u]
            pred[u] = Self.absent
            if pu == Self.firstLayer || recurse(pu) {
                matching[v] = u
                return true
            }
        }
        return false
    }
}
