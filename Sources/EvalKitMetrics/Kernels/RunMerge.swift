/// Linear-time building and merging of sorted score runs (`ScoreRuns`' compaction kernel).
///
/// A run list is three parallel arrays: strictly ascending keys, positive counts, negative
/// counts. Equal keys from the two inputs are collapsed into one run with summed counts.
@usableFromInline
internal enum RunMerge {
    @usableFromInline typealias Runs = (keys: [UInt64], positives: [Int64], negatives: [Int64])

    /// Collapses two ascending key lists (duplicates allowed) into one run list.
    /// - Complexity: O(p + n).
    @usableFromInline
    static func runs(sortedPositives: [UInt64], sortedNegatives: [UInt64]) -> Runs {
        let capacity = sortedPositives.count + sortedNegatives.count
        var keys = [UInt64]()
        var positives = [Int64]()
        var negatives = [Int64]()
        keys.reserveCapacity(capacity)
        positives.reserveCapacity(capacity)
        negatives.reserveCapacity(capacity)
        sortedPositives.withUnsafeBufferPointer { pos in
            sortedNegatives.withUnsafeBufferPointer { neg in
                var i = 0
                var j = 0
                let np = pos.count
                let nn = neg.count
                while i < np || j < nn {
                    let key: UInt64
                    if i < np && (j >= nn || pos[i] <= neg[j]) { key = pos[i] } else { key = neg[j] }
                    var p: Int64 = 0
                    var q: Int64 = 0
                    while i < np && pos[i] == key {
                        p &+= 1
                        i &+= 1
                    }
                    while j < nn && neg[j] == key {
                        q &+= 1
                        j &+= 1
                    }
                    keys.append(key)
                    positives.append(p)
                    negatives.append(q)
                }
            }
        }
        return (keys, positives, negatives)
    }

    /// Merges two run lists into one, summing the counts of equal keys.
    /// - Complexity: O(a + b).
    @usableFromInline
    static func merge(_ a: Runs, _ b: Runs) -> Runs {
        let capacity = a.keys.count + b.keys.count
        var keys = [UInt64]()
        var positives = [Int64]()
        var negatives = [Int64]()
        keys.reserveCapacity(capacity)
        positives.reserveCapacity(capacity)
        negatives.reserveCapacity(capacity)
        let na = a.keys.count
        let nb = b.keys.count
        a.keys.withUnsafeBufferPointer { ak in
            b.keys.withUnsafeBufferPointer { bk in
                var i = 0
                var j = 0
                while i < na && j < nb {
                    let x = ak[i]
                    let y = bk[j]
                    if x < y {
                        keys.append(x)
                        positives.append(a.positives[i])
                        negatives.append(a.negatives[i])
                        i &+= 1
                    } else if y < x {
                        keys.append(y)
                        positives.append(b.positives[j])
                        negatives.append(b.negatives[j])
                        j &+= 1
                    } else {
                        keys.append(x)
                        positives.append(a.positives[i] &+ b.positives[j])
                        negatives.append(a.negatives[i] &+ b.negatives[j])
                        i &+= 1
                        j &+= 1
                    }
                }
                if i < na {
                    keys.append(contentsOf: ak[i...])
                    positives.append(contentsOf: a.positives[i...])
                    negatives.append(contentsOf: a.negatives[i...])
                }
                if j < nb {
                    keys.append(contentsOf: bk[j...])
                    positives.append(contentsOf: b.positives[j...])
                    negatives.append(contentsOf: b.negatives[j...])
                }
            }
        }
        return (keys, positives, negatives)
    }
}
