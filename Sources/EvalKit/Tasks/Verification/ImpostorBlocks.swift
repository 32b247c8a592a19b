import EvalKitData

/// The number of impostor (non-mated) comparisons of each group pair, counted from the templates'
/// subjects and groups without computing a score: a probe template of subject a against every
/// reference template of group y, less a's own templates. Only the probe rows of `blocks` count
/// (a shard's), so shards' counts add up to the single run's.
enum ImpostorBlocks {
    static func count(_ input: EmbeddingComparisons.Input, subjects: SubjectTable, blocks: [Range<Int>]) -> [GroupPair: Int64] {
        let groupCount = subjects.groups.count
        let group = subjects.group
        var counts: [GroupPair: Int64] = [:]
        let references = input.referenceSubjects
        if input.withinSet {
            // Pairs (i, j > i): walk the rows from the last, counting the later rows per group
            // and per subject.
            var inShard = [Bool](repeating: false, count: input.probes.rows)
            for block in blocks { for i in block { inShard[i] = true } }
            var laterByGroup = [Int64](repeating: 0, count: groupCount)
            var laterBySubject = [Int64](repeating: 0, count: subjects.names.count)
            var perPair = [Int64](repeating: 0, count: groupCount * groupCount)
            for i in stride(from: input.probes.rows - 1, through: 0, by: -1) {
                let a = Int(input.probeSubjects[i]), x = Int(group[a])
                if inShard[i] {
                    for y in 0..<groupCount where laterByGroup[y] > 0 {
                        let c = laterByGroup[y] - (y == x ? laterBySubject[a] : 0)
                        if c > 0 { perPair[min(x, y) * groupCount + max(x, y)] += c }
                    }
                }
                laterByGroup[x] += 1
                laterBySubject[a] += 1
            }
            for (k, c) in perPair.enumerated() where c > 0 {
                counts[GroupPair(probe: Int32(k / groupCount), reference: Int32(k % groupCount))] = c
            }
            return counts
        }
        var referencesByGroup = [Int64](repeating: 0, count: groupCount)
        var referencesBySubject = [Int64](repeating: 0, count: subjects.names.count)
        for s in references {
            referencesByGroup[Int(group[Int(s)])] += 1
            referencesBySubject[Int(s)] += 1
        }
        var probesBySubject = [Int64](repeating: 0, count: subjects.names.count)
        for block in blocks { for i in block { probesBySubject[Int(input.probeSubjects[i])] += 1 } }
        var perPair = [Int64](repeating: 0, count: groupCount * groupCount)
        for (a, p) in probesBySubject.enumerated() where p > 0 {
            let x = Int(group[a])
            for y in 0..<groupCount where referencesByGroup[y] > 0 {
                perPair[x * groupCount + y] += p * (referencesByGroup[y] - (y == x ? referencesBySubject[a] : 0))
            }
        }
        for (k, c) in perPair.enumerated() where c > 0 {
            counts[GroupPair(probe: Int32(k / groupCount), reference: Int32(k % groupCount))] = c
        }
        return counts
    }
}
