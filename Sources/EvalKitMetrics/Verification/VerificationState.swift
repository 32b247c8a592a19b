/// One comparison score with the subjects it compares: the probe side's and the reference
/// side's (indices into the evaluation's subject names; equal for a mated comparison).
public struct ScoredPair: Sendable, Equatable, Comparable, BitwiseCopyable {
    public var score: Double
    public var probe: Int32
    public var reference: Int32

    public init(score: Double, probe: Int32, reference: Int32) {
        self.score = score
        self.probe = probe
        self.reference = reference
    }

    /// Score first; subjects break ties, so every reading sorts the same pairs the same way.
    public static func < (a: ScoredPair, b: ScoredPair) -> Bool {
        if a.score != b.score { return a.score < b.score }
        if a.probe != b.probe { return a.probe < b.probe }
        return a.reference < b.reference
    }
}

/// A block of impostor comparisons: every comparison of a probe template of a subject in group
/// `probe` with a reference template of a subject in group `reference` (groups: combinations of
/// the slicing attributes' values). Blocks give the impostor denominators of a subject bootstrap
/// from the subjects' template counts, without holding every impostor score.
public struct GroupPair: Sendable, Hashable, Comparable, BitwiseCopyable {
    public var probe: Int32
    public var reference: Int32
    public init(probe: Int32, reference: Int32) {
        self.probe = probe
        self.reference = reference
    }

    public static func < (a: GroupPair, b: GroupPair) -> Bool { (a.probe, a.reference) < (b.probe, b.reference) }
}

/// One 1:N search, summarised by what the identification rates need: the probe's subject, the
/// rank of its best-scoring mate in the gallery, that mate's score and the best non-mate score.
public struct SearchRecord: Sendable, Equatable, Comparable, BitwiseCopyable {
    /// The probe template (index into the probe templates' names).
    public var probe: Int32
    public var subject: Int32
    /// 1 + the number of non-mated gallery scores strictly above the best mate score; 0 when
    /// the probe's subject has no gallery template (a non-mated search).
    public var rank: Int32
    /// Non-mated gallery scores equal to the best mate score (ties, reported).
    public var ties: Int32
    /// The best mate score; -infinity for a non-mated search.
    public var mateScore: Double
    /// The best non-mated gallery score; -infinity when the gallery holds only mates.
    public var topNonMateScore: Double

    public init(probe: Int32, subject: Int32, rank: Int32, ties: Int32, mateScore: Double, topNonMateScore: Double) {
        self.probe = probe
        self.subject = subject
        self.rank = rank
        self.ties = ties
        self.mateScore = mateScore
        self.topNonMateScore = topNonMateScore
    }

    public static func < (a: SearchRecord, b: SearchRecord) -> Bool { a.probe < b.probe }
}

/// How the comparisons were made, which decides how the impostor denominators are counted.
public enum ComparisonDesign: UInt8, Sendable {
    /// A score file: every comparison is listed and held.
    case scoreList = 0
    /// Every probe template against every gallery template.
    case probesVersusGallery = 1
    /// Every unordered pair of distinct templates of one set (self-comparisons left out).
    case withinSet = 2
}

/// Sufficient statistics of biometric verification (ISO/IEC 19795-1) and 1:N identification:
/// every mated (genuine) comparison score, every non-mated (impostor) score at or above
/// `impostorBound` with the number of all impostor comparisons, the group pairs the impostors
/// came from, and the 1:N searches. Subjects are indices into the evaluation's subject names
/// (`StateNames`), which every reading of the same manifest shares.
///
/// Exactness: every FMR at a threshold at or above `impostorBound` is exact, and so is every
/// threshold whose FMR needs only held scores (FNMR@FMR down to 1/N). Score lists hold every
/// impostor (`impostorBound` = -infinity), so everything is exact, as bob.measure computes it.
/// Merging concatenates sorted runs, so a merge lists exactly what one reading lists.
public struct VerificationState: MergeableState {
    public var design: ComparisonDesign
    /// Mated comparisons, as runs each sorted by score (a merge appends runs, so merging the
    /// cells of many slices costs no copying; `genuine` flattens them).
    public internal(set) var genuineRuns: [[ScoredPair]] = []
    /// Non-mated comparisons scoring at least `impostorBound`, as runs each sorted by score.
    public internal(set) var impostorRuns: [[ScoredPair]] = []
    /// Every impostor score at or above this is held; -infinity when all are.
    public internal(set) var impostorBound: Double
    /// Every non-mated comparison, held or not.
    public internal(set) var impostorCount: Int64 = 0
    /// Group pairs whose impostors this state counts (comparison designs, not score lists).
    public internal(set) var groupPairs: [GroupPair] = []
    /// 1:N searches, by probe.
    public internal(set) var searches: [SearchRecord] = []
    /// Subjects met in this state's comparisons and searches, sorted: its unit count.
    public internal(set) var subjects: [Int32] = []
    /// A bootstrap replicate's draw count per subject (nil: every subject once).
    public var subjectWeights: [Int64]?

    public init(design: ComparisonDesign, impostorBound: Double) {
        self.design = design
        self.impostorBound = impostorBound
    }

    /// Mated comparisons sorted by score.
    public var genuine: [ScoredPair] { Self.flattened(genuineRuns) }
    /// Held impostor comparisons sorted by score.
    public var impostors: [ScoredPair] { Self.flattened(impostorRuns) }
    public var heldImpostors: Int { impostorRuns.reduce(0) { $0 + $1.count } }
    public var genuineCount: Int { genuineRuns.reduce(0) { $0 + $1.count } }

    public mutating func addGenuine(_ pairs: [ScoredPair]) { if !pairs.isEmpty { genuineRuns.append(pairs) } }
    public mutating func addImpostors(_ pairs: [ScoredPair]) { if !pairs.isEmpty { impostorRuns.append(pairs) } }
    public mutating func addSearches(_ records: [SearchRecord]) { searches += records }
    public mutating func addImpostorCount(_ count: Int64) { impostorCount += count }
    public mutating func addGroupPair(_ pair: GroupPair) { groupPairs.append(pair) }
    public mutating func addSubjects(_ ids: [Int32]) { subjects += ids }

    /// Sorts each run by score (the metrics read scores and sums over them, so the order of
    /// equal scores does not change a number), and the searches, group pairs and subjects.
    public mutating func canonicalize() {
        for r in genuineRuns.indices { Self.sortByScore(&genuineRuns[r]) }
        for r in impostorRuns.indices { Self.sortByScore(&impostorRuns[r]) }
        if !Self.isSorted(searches) { searches.sort() }
        groupPairs = Array(Set(groupPairs)).sorted()
        subjects = Array(Set(subjects)).sorted()
    }

    /// The runs as one array sorted by score (radix sort of the scores' keys).
    static func flattened(_ runs: [[ScoredPair]]) -> [ScoredPair] {
        if runs.count == 1 { return runs[0] }
        var all: [ScoredPair] = []
        all.reserveCapacity(runs.reduce(0) { $0 + $1.count })
        for run in runs { all += run }
        sortByScore(&all)
        return all
    }

    /// Sorts pairs by score with an LSD radix sort of the scores' order-preserving keys (stable).
    static func sortByScore(_ pairs: inout [ScoredPair]) {
        if isSortedByScore(pairs) { return }
        var keys = pairs.map { OrderedKey.encode($0.score) }
        var order = [Int32](0..<Int32(pairs.count))
        RadixSort.sort(&keys, payload: &order)
        pairs = order.map { pairs[Int($0)] }
    }

    static func isSortedByScore(_ pairs: [ScoredPair]) -> Bool {
        var i = 1
        while i < pairs.count {
            if pairs[i].score < pairs[i - 1].score { return false }
            i += 1
        }
        return true
    }

    static func isSorted<T: Comparable>(_ values: [T]) -> Bool {
        var i = 1
        while i < values.count {
            if values[i] < values[i - 1] { return false }
            i += 1
        }
        return true
    }

    /// Nothing counted yet.
    var isEmpty: Bool { genuineRuns.isEmpty && impostorRuns.isEmpty && impostorCount == 0 && searches.isEmpty && groupPairs.isEmpty }

    /// Adds everything `other` has seen: its runs are appended (no copy). Held impostors are
    /// cut to the higher of the two bounds, so the result holds exactly what a reading at that
    /// bound holds.
    public mutating func merge(_ other: VerificationState) {
        if subjectWeights == nil { subjectWeights = other.subjectWeights }
        // An empty state (made before the design was known) takes the other's design.
        if isEmpty { design = other.design }
        if other.impostorBound > impostorBound {
            impostorBound = other.impostorBound
            impostorRuns = impostorRuns.map { Self.cut($0, at: other.impostorBound) }.filter { !$0.isEmpty }
        }
        genuineRuns += other.genuineRuns
        impostorRuns += other.impostorBound < impostorBound
            ? other.impostorRuns.map { Self.cut($0, at: impostorBound) }.filter { !$0.isEmpty } : other.impostorRuns
        searches = Self.mergeSorted(searches, other.searches)
        impostorCount += other.impostorCount
        if !other.groupPairs.isEmpty { groupPairs = Self.unionSorted(groupPairs, other.groupPairs) }
        if !other.subjects.isEmpty { subjects = Self.unionSorted(subjects, other.subjects) }
    }

    /// The scores of a sorted run at or above `bound`.
    static func cut(_ run: [ScoredPair], at bound: Double) -> [ScoredPair] {
        let first = run.partitionPoint { $0.score >= bound }
        return first == 0 ? run : Array(run[first...])
    }

    /// The merge of two ascending runs.
    static func mergeSorted<T: Comparable>(_ a: [T], _ b: [T]) -> [T] {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        if let last = a.last, let first = b.first, !(first < last) { return a + b }
        var merged: [T] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if b[j] < a[i] { merged.append(b[j]); j += 1 } else { merged.append(a[i]); i += 1 }
        }
        merged += a[i...]
        merged += b[j...]
        return merged
    }

    static func unionSorted<T: Comparable>(_ a: [T], _ b: [T]) -> [T] {
        var merged: [T] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let next: T
            if j == b.count || (i < a.count && a[i] < b[j]) { next = a[i]; i += 1 }
            else if i == a.count || b[j] < a[i] { next = b[j]; j += 1 }
            else { next = a[i]; i += 1; j += 1 }
            merged.append(next)
        }
        return merged
    }
}
