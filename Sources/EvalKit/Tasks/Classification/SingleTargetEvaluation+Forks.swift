import EvalKitData

/// Reading on several threads: each worker reads batches into a fork of the consumer, with its
/// own copy of the vocabulary; the forks are absorbed by label name (`TabularJoin+Threads`).
extension SingleTargetEvaluation.Consumer {
    func fork() -> Self {
        var copy = self
        copy.cells = cells.emptied()
        copy.outcomes = ItemOutcomes(evaluation: "", groundTruthSHA256: "", labels: [])
        // A worker is itself one of the threads: it sorts its scores inline.
        copy.sorter = BackgroundScoreSorter(inline: true)
        copy.scoreRange = (.infinity, -.infinity)
        return copy
    }

    /// Unions the forks' labels after this consumer's (in the order met, fork by fork), renumbers
    /// each fork's classes into the union and merges its cells, scores, label findings and item
    /// outcomes. A binary task whose forks met more than two labels between them cannot merge:
    /// one reading would have stopped at the third label's first row.
    mutating func absorb(_ forks: [Self]) throws {
        var merged = self
        var maps: [[Int]] = []
        for fork in forks {
            var map: [Int] = []
            for label in fork.labels.vocabulary.labels {
                map.append(Int(merged.labels.vocabulary.index(of: label) ?? merged.labels.vocabulary.add(label)))
            }
            maps.append(map)
        }
        if isBinary && merged.labels.vocabulary.count > 2 { throw ParallelJoinFailed() }
        let classCount = max(merged.labels.vocabulary.count, isBinary ? 2 : 1)
        if hasScore {
            for (cell, runs) in merged.sorter.finish(cells: merged.cells.states.count).enumerated() {
                merged.cells.states[cell].scores!.merge(runs)
            }
            merged.sorter = BackgroundScoreSorter(inline: true)
        }
        for (fork, map) in zip(forks, maps) {
            let runs = hasScore ? fork.sorter.finish(cells: fork.cells.states.count) : []
            for (cell, var state) in fork.cells.states.enumerated() {
                if hasScore { state.scores!.merge(runs[cell]) }
                state.ensureClassCount(map.count)
                var full = map
                while full.count < state.classCount { full.append(full.count) }
                let renamed = state.remapped(classMap: full, classCount: max(classCount, state.classCount))
                merged.cells.ensure(cell)
                merged.cells.states[cell].merge(renamed)
            }
            for (k, seen) in fork.labels.inTruth.enumerated() where seen { merged.labels.markTruth(Int32(map[k])) }
            for (label, place) in fork.labels.predictedOnly {
                if let known = merged.labels.predictedOnly[label], known.line <= place.line { continue }
                merged.labels.predictedOnly[label] = place
            }
            merged.scoreRange = (min(merged.scoreRange.min, fork.scoreRange.min), max(merged.scoreRange.max, fork.scoreRange.max))
            if recordOutcomes { merged.outcomes.absorb(fork.outcomes, classMap: map) }
        }
        merged.columnOfClass = []
        merged.classOfColumn = merged.classOfColumn.map { _ in -1 }
        self = merged
    }
}
