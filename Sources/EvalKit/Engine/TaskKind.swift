import EvalKitData
@_exported import EvalKitMetrics

/// A kind of task (`classification`, `detection`, ...): validates the task-specific parts of an
/// evaluation and returns a ready `EvaluationTask`. Registered once in `TaskRegistry`; the engine,
/// gates and reports work with every kind unchanged (docs/architecture.md, "Adding a task kind").
public protocol TaskKind: Sendable {
    /// The scheme's `task` string.
    static var name: String { get }
    /// One line for `evalkit help` and docs.
    static var summary: String { get }
    /// Checks options and prediction columns (opening files to check their headers) and returns
    /// the planned task. Throws `InputError`/`InputErrors` naming the scheme's JSON paths.
    static func plan(_ spec: EvaluationSpec) throws -> any EvaluationTask
    /// The kind's metrics: direction, kind and interval methods of every key it reports.
    static var catalog: MetricCatalog { get }
    /// The scheme and manifest keys, roles and formats the kind reads beyond the common ones.
    static var surface: SchemeSurface { get }
}

/// A planned evaluation: reads its inputs into sufficient-statistics states and computes metrics
/// from a state alone.
public protocol EvaluationTask: SendableMetatype {
    associatedtype State: MergeableState & PortableValue
    /// Every metric key this evaluation can report (used to check `metrics` and gates).
    var availableMetrics: [String] { get }
    /// The kind's metric catalog (its `TaskKind.catalog`).
    var catalog: MetricCatalog { get }
    /// An empty state.
    func makeState() -> State
    /// Reads the inputs (streamed), updating one state per slice cell.
    func accumulate(into cells: inout SliceCells<State>) throws -> InputsRead
    /// Computes the metrics from a state (overall, or a slice's merged state).
    func compute(_ state: State) -> ComputedMetrics
    /// The state's item count (`compute(state).count`), cheaply: a slice below `min_slice_size`
    /// is suppressed without computing its metrics.
    func itemCount(_ state: State) -> Int
    /// One bootstrap replicate of every cell, drawn jointly (the row bootstrap of their union),
    /// for the count metrics; nil when the task has no intervals.
    func countReplicate(_ cells: [State], using generator: inout Xoshiro256StarStar) -> [State]?
    /// One Poisson-bootstrap replicate of a cell including its scores, for the rank metrics
    /// (`rankMetrics`); nil when the task has none.
    func rankReplicate(_ cell: State, using generator: inout Xoshiro256StarStar) -> State?
    /// The overall metric values of a bootstrap replicate: `compute(state).metrics`, which a
    /// kind may compute without the rest of `compute`'s output (per-class rows, tables, notes).
    func replicateMetrics(_ state: State) -> MetricValues
    /// The metrics whose intervals come from `rankReplicate`.
    var rankMetrics: Set<String> { get }
    /// Whether a replicate of merged cells has the distribution of the merge of the cells'
    /// joint replicate (true for count states and Poisson-weighted rows; false for detection,
    /// whose cells may share an image). When true, the interval builder merges the cells that
    /// belong to the same shown slices before drawing, so suppressed slices cost nothing.
    var replicatesMergedCells: Bool { get }
    /// The names the states' indices refer to (labels, categories, images, attribute values),
    /// as `accumulate` left them; empty for a task whose states hold no indices of names.
    var stateNames: StateNames { get }
    /// One set of names for states read under `names` (several shards or chunks): the union of
    /// each space, in the space's canonical order. Throws `IncompatibleStates` when they cannot
    /// be merged (e.g. images of different ground truths).
    func unify(_ names: [StateNames]) throws -> StateNames
    /// `state`, read under `names`, re-expressed in `unified` (a result of `unify` over them).
    func remap(_ state: State, from names: StateNames, to unified: StateNames) throws -> State
    /// Makes `compute` read indices by `names` (after a merge of states read elsewhere).
    func adopt(_ names: StateNames)
    /// The key a metric name means when it spells a parameter another way (`fnmr@fmr=0.0001` for
    /// `fnmr@fmr=1e-4`); nil: the name as given.
    func canonicalMetricName(_ name: String) -> String?
    /// Called with the overall state before any metric is computed: a kind whose slice metrics
    /// depend on the whole evaluation (verification's global threshold, set on all impostor
    /// comparisons) fixes that here; slices and bootstrap replicates then use it.
    func prepare(overall: State)
    /// Puts a cell's records in their canonical order, the one a single reading of all inputs
    /// gives, so that merged and single states compute the same numbers bit for bit.
    func canonicalize(_ state: inout State)
}

/// An optional capability of a kind whose items each have one outcome (a true and a predicted
/// class): it records every item's outcome while reading (written beside results.json and kept
/// in the history), and decides whether a metric changed from a baseline run with a paired test
/// (McNemar's, or the paired bootstrap). Kinds without it refuse `"require": "significant"`.
public protocol PairedTesting<State>: EvaluationTask {
    /// Reads the inputs as `accumulate(into:)` does and also returns every item's outcome.
    func accumulateRecordingOutcomes(into cells: inout SliceCells<State>) throws -> (InputsRead, ItemOutcomes)
    /// A paired test of the change of `metric` from the baseline's item outcomes to this run's,
    /// on all items or on one slice's; nil when no paired test applies to the metric.
    func pairedChange(metric: String, candidate: ItemOutcomes, baseline: ItemOutcomes, options: IntervalOptions,
                      slice: (attributes: [String], values: [String])?) throws -> PairedChange?
}

extension EvaluationTask {
    public var stateNames: StateNames { StateNames() }
    public func unify(_ names: [StateNames]) throws -> StateNames {
        guard let first = names.first else { return StateNames() }
        for other in names.dropFirst() where other != first {
            throw IncompatibleStates("the states name different items (\(first.spaces.keys.sorted().joined(separator: ", ")))")
        }
        return first
    }
    public func remap(_ state: State, from names: StateNames, to unified: StateNames) throws -> State { state }
    public func adopt(_ names: StateNames) {}
    public func canonicalize(_ state: inout State) {}
    public func prepare(overall: State) {}
    public func canonicalMetricName(_ name: String) -> String? { nil }
    public func itemCount(_ state: State) -> Int { compute(state).count }
    public func countReplicate(_ cells: [State], using generator: inout Xoshiro256StarStar) -> [State]? { nil }
    public func rankReplicate(_ cell: State, using generator: inout Xoshiro256StarStar) -> State? { nil }
    public var rankMetrics: Set<String> { [] }
    public func replicateMetrics(_ state: State) -> MetricValues { compute(state).metrics }
    public var replicatesMergedCells: Bool { false }
}

/// What an evaluation read: every file with its digest, and how predictions joined the truth.
public struct InputsRead: Sendable {
    public struct FileDigest: Sendable {
        public var role: String
        public var path: String
        public var sha256: String
        public var rows: Int
        public init(role: String, path: String, sha256: String, rows: Int) {
            self.role = role
            self.path = path
            self.sha256 = sha256
            self.rows = rows
        }
    }

    public var files: [FileDigest] = []
    /// Ground-truth items that had a prediction.
    public var matched = 0
    /// Ground-truth items without a prediction (kept as wrong or left out, per `missing`).
    public var missing = 0
    /// Predictions whose id is not in the ground truth (left out under `extra: ignore`).
    public var extra = 0
    /// Things the reader of the results must know (policies applied, warnings).
    public var notes: [InputNote] = []
    /// The attribute values of each slice cell (cell index → values in slicing-attribute order).
    public var cellKeys: [[String]] = [[]]
    /// Ground-truth items (rows of the ground-truth file).
    public var items = 0
    public init() {}
}

/// One state per slice cell: a cell is a combination of the values of the attributes that any
/// slice of the scheme uses; with no slices there is one cell. Slices and the overall result are
/// merges of cells, so each row updates exactly one state.
public struct SliceCells<State: MergeableState> {
    /// The attributes that make up a cell key, in order.
    public let attributes: [String]
    /// Cell index → attribute values (set from `InputsRead.cellKeys` after reading).
    public var keys: [[String]] = [[]]
    public var states: [State]
    public let makeState: () -> State
    /// Where the task reports the progress of its long stages (reading each file, per chunk;
    /// detection's matching); `.off` unless the caller shows progress.
    public var progress = ProgressReporter.off
    /// When set, the task evaluates only the items of this shard (`ShardSpec`): it still reads
    /// every file in full (digests, vocabularies of the ground truth), but pairs and counts only
    /// the shard's items.
    public var shard: ShardSpec?
    /// The threads the task may use to read, parse and accumulate (`Threads.one`: the calling
    /// thread only). Chunks read on other threads merge exactly, so the states do not depend on it.
    public var threads = Threads.one

    public init(attributes: [String], makeState: @escaping () -> State) {
        self.attributes = attributes
        self.makeState = makeState
        states = [makeState()]
    }

    /// Makes sure cell `index` has a state.
    @inline(__always)
    public mutating func ensure(_ index: Int) {
        while states.count <= index { states.append(makeState()) }
    }

    /// Merges the states of another reading with the same cell numbering (a thread's fork),
    /// cell by cell.
    public mutating func mergeStates(_ others: [State]) {
        for (cell, state) in others.enumerated() {
            ensure(cell)
            states[cell].merge(state)
        }
    }

    /// These cells with empty states (for a fork that reads other batches).
    public func emptied() -> SliceCells {
        var copy = self
        copy.states = [makeState()]
        return copy
    }

    /// The merge of every cell (pairwise, so many cells cost O(n log n) merges' work).
    public func mergedAll() -> State {
        states.mergedPairwise(empty: makeState)
    }

    /// The merge of the cells at `indices`.
    public func merged(_ indices: [Int]) -> State {
        indices.lazy.map { states[$0] }.mergedPairwise(empty: makeState)
    }
}
