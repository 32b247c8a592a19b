import EvalKitData

/// 1:N searches from a score list: each probe's comparisons with the references it was compared
/// with, summarised as `SearchRecord`s (the best mate's rank and score, the best non-mate score).
enum ScoreListSearches {
    static func summarise(_ list: ScoreListReader.Comparisons, probeSubjects: [Int32], referenceSubjects: [Int32]) -> [SearchRecord] {
        var order = Array(list.score.indices)
        order.sort { list.probe[$0] < list.probe[$1] }
        var records: [SearchRecord] = []
        var start = 0
        while start < order.count {
            var end = start
            let probe = list.probe[order[start]]
            while end < order.count && list.probe[order[end]] == probe { end += 1 }
            var best = -Double.infinity
            var mated = false
            var top = -Double.infinity
            for k in order[start..<end] {
                if list.mated[k] { mated = true; best = max(best, list.score[k]) } else { top = max(top, list.score[k]) }
            }
            var above = 0, ties = 0
            if mated {
                for k in order[start..<end] where !list.mated[k] {
                    if list.score[k] > best { above += 1 } else if list.score[k] == best { ties += 1 }
                }
            }
            records.append(SearchRecord(probe: probe, subject: probeSubjects[Int(probe)], rank: mated ? Int32(above + 1) : 0,
                                        ties: Int32(ties), mateScore: best, topNonMateScore: top))
            start = end
        }
        return records
    }
}
