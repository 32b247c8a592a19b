/// "Did you mean" suggestions for misspelt keys, columns and metric names.

/// Edit distance between two strings (by Unicode scalars) counting insertions, deletions,
/// substitutions and swaps of two adjacent characters as one edit each (optimal string
/// alignment), so `scroe` is one edit from `score`.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}

/// The closest candidate to `word` when it is close enough to be a plausible typo (distance at most
/// a third of the word's length, at least 1; case differences count as close), else nil.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    let lower = word.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
        if candidate.lowercased() == lower { return candidate }
        let d = editDistance(lower, candidate.lowercased())
        if best == nil || d < best!.1 { best = (candidate, d) }
    }
    guard let (candidate, distance) = best else { return nil }
    return distance <= max(1, word.count / 3) ? candidate : nil
}

/// `did you mean "x"?` for the closest candidate, or nil.
public func didYouMean(_ word: String, _ candidates: some Sequence<String>) -> String? {
    closestMatch(to: word, in: candidates).map { "did you mean \(quoted($0))?" }
}
