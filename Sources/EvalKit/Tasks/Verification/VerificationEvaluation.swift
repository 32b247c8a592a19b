import EvalKitData

/// A verification evaluation: one `VerificationState` per slice cell. A cell is a pair of
/// subject groups (probe side, reference side); for each slicing attribute the cell's value is
/// the groups' common value, or "not applicable" when they differ, so a slice by `region` holds
/// the mated comparisons of its subjects and the impostor comparisons within the region, and
/// cross-region impostors count only overall (docs/metrics.md, "Verification").
struct VerificationEvaluation: EvaluationTask {
    typealias State = VerificationState
    let plan: VerificationPlan
    let shared = Shared()

    /// What reading learns and `compute` needs: the subject table, the comparison design and
    /// bound, and the global threshold fixed on the overall state (`prepare`).
    final class Shared: @unchecked Sendable {
        var subjects = SubjectTable()
        var probeIDs: [String] = []
        var design = ComparisonDesign.scoreList
        var bound = -Double.infinity
        var globalThreshold: Double?
        var globalThresholdReason: String?
        /// Set by `prepare`: the next `compute` is the overall one, which also writes the tables.
        var tablesPending = false
        /// The overall state's scores, sorted once: by the reading's check of the held scores,
        /// reused by `prepare` and the overall `compute` (the same state: same counts).
        var overallScores: (key: [Int64], scores: ComparisonScores)?

        static func key(_ state: VerificationState) -> [Int64] {
            [Int64(state.heldImpostors), Int64(state.genuineCount), state.impostorCount, Int64(bitPattern: state.impostorBound.bitPattern),
             state.subjectWeights == nil ? 0 : 1]
        }

        /// The overall state's scores, from the cache when it holds them.
        func scores(of state: VerificationState) -> ComparisonScores {
            let key = Self.key(state)
            if let cached = overallScores, cached.key == key { return cached.scores }
            let scores = VerificationMetrics.scores(state, subjects: subjects)
            overallScores = (key, scores)
            return scores
        }
    }

    var availableMetrics: [String] { VerificationMetrics.metricNames(plan.options) }
    var catalog: MetricCatalog { VerificationTask.catalog }

    func makeState() -> VerificationState { VerificationState(design: shared.design, impostorBound: shared.bound) }

    var stateNames: StateNames {
        var names = shared.subjects.stateNames
        names["probe_templates"] = shared.probeIDs
        return names
    }

    func adopt(_ names: StateNames) {
        if let table = SubjectTable(names) { shared.subjects = table }
        shared.probeIDs = names["probe_templates"]
    }

    func canonicalize(_ state: inout VerificationState) { state.canonicalize() }

    /// `fnmr@fmr=0.0001`, `fnmr@fmr=1E-4` → `fnmr@fmr=1e-4`: a rate parameter in any spelling.
    func canonicalMetricName(_ name: String) -> String? {
        for prefix in ["fnmr@fmr=", "tar@far=", "threshold@fmr=", "fnir@fpir=", "threshold@fpir="] where name.hasPrefix(prefix) {
            guard let rate = Double(name.dropFirst(prefix.count)), rate > 0, rate < 1 else { return nil }
            return prefix + VerificationOptions.rateName(rate)
        }
        return nil
    }
    func itemCount(_ state: VerificationState) -> Int { state.subjects.count }
    var replicatesMergedCells: Bool { true }

    func prepare(overall: VerificationState) {
        shared.tablesPending = true
        (shared.globalThreshold, shared.globalThresholdReason) = VerificationMetrics.globalThreshold(
            shared.scores(of: overall), options: plan.options)
    }

    func compute(_ state: VerificationState) -> ComputedMetrics {
        // Only the overall compute (the first after `prepare`, before any slice) writes; slices,
        // computed on several threads, only read.
        let tables = shared.tablesPending
        var scores: ComparisonScores?
        if tables {
            shared.tablesPending = false
            scores = shared.scores(of: state)
            shared.overallScores = nil
        }
        return VerificationMetrics.compute(state, scores: scores, subjects: shared.subjects, options: plan.options, global: shared.globalThreshold,
                                           globalReason: shared.globalThresholdReason, tables: tables)
    }

    func replicateMetrics(_ state: VerificationState) -> MetricValues {
        VerificationMetrics.compute(state, subjects: shared.subjects, options: plan.options, global: shared.globalThreshold,
                                    globalReason: shared.globalThresholdReason, tables: false).metrics
    }

    /// One subject bootstrap replicate: every subject drawn with replacement (in name order), and
    /// every comparison weighted by its subjects' draws (a mated comparison by its subject's, an
    /// impostor by the product of both), every search by its probe's subject's.
    func countReplicate(_ cells: [VerificationState], using generator: inout Xoshiro256StarStar) -> [VerificationState]? {
        let n = Int64(shared.subjects.names.count)
        guard n > 0 else { return cells }
        var sequence = SequentialMultinomial(n: n, total: n)
        var weights = [Int64](repeating: 0, count: Int(n))
        for s in 0..<Int(n) { weights[s] = sequence.draw(count: 1, using: &generator) }
        return cells.map { cell in
            var copy = cell
            copy.subjectWeights = weights
            return copy
        }
    }

    func accumulate(into cells: inout SliceCells<VerificationState>) throws -> InputsRead {
        let attributes = cells.attributes
        var inputs = InputsRead()
        let probeRows = try TemplateTables.readTemplates(plan.probes, columns: plan.columns, attributes: attributes, threads: cells.threads,
                                                         progress: cells.progress)
        let galleryRows = try plan.gallery.map {
            try TemplateTables.readTemplates($0, columns: plan.columns, attributes: attributes, threads: cells.threads, progress: cells.progress)
        }
        let subjectRows = try plan.subjects.map { file -> (values: [String: [String?]], present: [Bool], display: String, sha: String) in
            guard let column = plan.columns.subject else {
                throw InputError(file: file.displayPath, message: "a subjects table needs the manifest's subject column (\"columns\": {\"subject\": ...})")
            }
            let read = try TemplateTables.readSubjects(file, subjectColumn: column, attributes: attributes, threads: cells.threads,
                                                       progress: cells.progress)
            return (read.values, read.present, file.displayPath, read.sha256)
        }
        let built = try TemplateTables.build(
            probes: (probeRows.rows, probeRows.sha256, plan.probes.displayPath),
            gallery: galleryRows.map { ($0.rows, $0.sha256, plan.gallery!.displayPath) },
            subjects: subjectRows.map { ($0.values, $0.present, $0.display) }, attributes: attributes, subjectColumn: plan.columns.subject)
        let whole = cells.shard?.reportsWholeInputs ?? true
        inputs.files.append(.init(role: "ground_truth", path: plan.probes.displayPath, sha256: probeRows.sha256, rows: probeRows.rows.count))
        if let gallery = plan.gallery, let rows = galleryRows {
            inputs.files.append(.init(role: "gallery", path: gallery.displayPath, sha256: rows.sha256, rows: rows.rows.count))
        }
        if let file = plan.subjects, let rows = subjectRows {
            inputs.files.append(.init(role: "metadata", path: file.displayPath, sha256: rows.sha, rows: rows.values.count))
        }
        shared.subjects = built.subjects
        shared.probeIDs = built.probes.ids
        var pairCells = GroupPairCells(groups: built.subjects.groups, attributes: attributes)
        switch plan.source {
        case .scores(let columns):
            try accumulateScores(columns, built: built, cells: &cells, pairCells: &pairCells, inputs: &inputs)
        case .embeddings(let gallery):
            try accumulateEmbeddings(gallery, built: built, cells: &cells, pairCells: &pairCells, inputs: &inputs)
        }
        // Every subject belongs to its own group's cell (the slice's unit count).
        var bySubjectCell: [Int: [Int32]] = [:]
        for s in built.subjects.names.indices {
            let g = built.subjects.group[s]
            bySubjectCell[pairCells.cell(g, g), default: []].append(Int32(s))
        }
        for (cell, ids) in bySubjectCell {
            cells.ensure(cell)
            cells.states[cell].addSubjects(ids)
        }
        inputs.cellKeys = pairCells.keys.isEmpty ? [attributes.map { _ in AttributeCells.notApplicable }] : pairCells.keys
        cells.ensure(inputs.cellKeys.count - 1)
        cells.keys = inputs.cellKeys
        inputs.items = whole ? built.probes.count : 0
        inputs.matched = whole ? built.probes.count : 0
        let unmated = unmatedProbes(built)
        if unmated > 0 && whole {
            inputs.notes.append(InputNote(counting: unmated, "# probe template(s) have no mate (their subject has no reference template): "
                + "they count in impostor comparisons only, and as non-mated searches in identification"))
        }
        return inputs
    }

    private func unmatedProbes(_ built: (probes: TemplateSet, gallery: TemplateSet?, subjects: SubjectTable)) -> Int {
        let references = built.gallery ?? built.probes
        var count = Set<Int32>()
        for s in references.subject { count.insert(s) }
        return built.probes.subject.enumerated().filter { i, s in
            if built.gallery == nil { return built.subjects.probeTemplates[Int(s)] < 2 }
            return !count.contains(s)
        }.count
    }

    // MARK: Score lists

    private func accumulateScores(_ columns: ScoreListReader.Columns, built: (probes: TemplateSet, gallery: TemplateSet?, subjects: SubjectTable),
                                  cells: inout SliceCells<VerificationState>, pairCells: inout GroupPairCells, inputs: inout InputsRead) throws {
        shared.design = .scoreList
        shared.bound = -.infinity
        for i in cells.states.indices { cells.states[i] = makeState() }
        let references = built.gallery ?? built.probes
        let list = try ScoreListReader.read(
            path: plan.spec.predictions.resolvedPath, display: plan.spec.predictions.displayPath, format: plan.spec.predictions.format,
            csv: plan.spec.predictions.csv, columns: columns, probes: built.probes, references: references,
            subjectsGiven: plan.columns.subject != nil, higherIsMatch: plan.options.higherIsMatch, shard: cells.shard,
            progress: cells.progress)
        inputs.files.append(.init(role: "predictions", path: plan.spec.predictions.displayPath, sha256: list.sha256,
                                  rows: list.rows))
        let group = built.subjects.group
        var genuine: [Int: [ScoredPair]] = [:]
        var impostors: [Int: [ScoredPair]] = [:]
        for k in list.score.indices {
            let a = built.probes.subject[Int(list.probe[k])], b = references.subject[Int(list.reference[k])]
            let pair = ScoredPair(score: list.score[k], probe: a, reference: b)
            let cell = pairCells.cell(group[Int(a)], group[Int(b)])
            if list.mated[k] { genuine[cell, default: []].append(pair) } else { impostors[cell, default: []].append(pair) }
        }
        for (cell, pairs) in genuine { cells.ensure(cell); cells.states[cell].addGenuine(pairs) }
        for (cell, pairs) in impostors {
            cells.ensure(cell)
            cells.states[cell].addImpostors(pairs)
            cells.states[cell].addImpostorCount(Int64(pairs.count))
        }
        if plan.options.identification != nil {
            let searches = ScoreListSearches.summarise(list, probeSubjects: built.probes.subject, referenceSubjects: references.subject)
            var byCell: [Int: [SearchRecord]] = [:]
            for record in searches {
                let g = group[Int(record.subject)]
                byCell[pairCells.cell(g, g), default: []].append(record)
            }
            for (cell, records) in byCell { cells.ensure(cell); cells.states[cell].addSearches(records) }
        }
        if list.score.isEmpty && (cells.shard?.reportsWholeInputs ?? true) {
            inputs.notes.append("warning: the score list has no comparison")
        }
    }

    // MARK: Embeddings

    private func accumulateEmbeddings(_ gallery: (resolved: String, display: String)?,
                                      built: (probes: TemplateSet, gallery: TemplateSet?, subjects: SubjectTable),
                                      cells: inout SliceCells<VerificationState>, pairCells: inout GroupPairCells, inputs: inout InputsRead) throws {
        let options = plan.options
        let predictions = plan.spec.predictions
        let (probeMatrix, probeFiles) = try EmbeddingReader.read(path: predictions.resolvedPath, displayPath: predictions.displayPath,
                                                                 progress: cells.progress)
        var galleryMatrix: EmbeddingMatrix?
        var galleryFiles: [(path: String, sha256: String)] = []
        if let gallery {
            (galleryMatrix, galleryFiles) = try EmbeddingReader.read(path: gallery.resolved, displayPath: gallery.display, progress: cells.progress)
        }
        for file in probeFiles {
            inputs.files.append(.init(role: "predictions", path: file.path, sha256: file.sha256, rows: probeMatrix.rows))
        }
        for file in galleryFiles {
            inputs.files.append(.init(role: "gallery_embeddings", path: file.path, sha256: file.sha256, rows: galleryMatrix?.rows ?? 0))
        }
        var probes = probeMatrix
        try EmbeddingChecks.check(&probes, templates: built.probes, display: predictions.displayPath, cosine: options.similarity == .cosine)
        if var g = galleryMatrix {
            try EmbeddingChecks.check(&g, templates: built.gallery!, display: gallery!.display, cosine: options.similarity == .cosine)
            if g.columns != probes.columns {
                throw InputError(file: gallery!.display, message: "the gallery embeddings have \(g.columns) dimensions, the probes \(probes.columns)",
                                 hint: "probes and gallery must come from the same model")
            }
            galleryMatrix = g
        }
        let design: ComparisonDesign = galleryMatrix == nil ? .withinSet : .probesVersusGallery
        shared.design = design
        let references = built.gallery ?? built.probes
        var input = EmbeddingComparisons.Input(probes: probes, gallery: galleryMatrix, probeSubjects: built.probes.subject,
                                               gallerySubjects: references.subject, identification: options.identification != nil,
                                               shard: cells.shard, threads: cells.threads)
        if let id = options.identification { input.identificationDepth = max(id.ranks.max() ?? 1, id.candidates ?? 1) }
        let mates = EmbeddingComparisons.mates(input)
        let counts = ImpostorBlocks.count(input, subjects: built.subjects, blocks: EmbeddingComparisons.blocks(input))
        // Hold the top impostor scores that every FMR target and the EER need (estimated on a
        // sample, checked after the pass; if a target needs more, hold more and compute again).
        let sample = EmbeddingComparisons.sampleScores(input)
        // The EER's crossing is estimated from few mated scores: twice the estimate is held.
        var coverage = max(options.largestFMR, 2 * VerificationMetrics.estimatedEER(impostors: sample.impostors, genuine: sample.genuine))
        var passes = 0
        while true {
            passes += 1
            let bound = EmbeddingComparisons.bound(holding: coverage, sample: sample.impostors)
            shared.bound = Double(bound)
            for i in cells.states.indices { cells.states[i] = makeState() }
            let heldFraction = Double(sample.impostors.lazy.filter { $0 >= bound }.count) / Double(max(1, sample.impostors.count))
            let found = EmbeddingComparisons.run(input, blocks: EmbeddingComparisons.blocks(input), bound: bound, mates: mates,
                                                 heldFraction: heldFraction, progress: cells.progress,
                                                 stage: passes == 1 ? "comparing embeddings" : "comparing embeddings (pass \(passes))")
            distribute(found, built: built, counts: counts, cells: &cells, pairCells: &pairCells)
            // A shard holds by the bound every shard estimated alike; whether the merged states
            // hold enough shows only after the merge (a metric short of impostors is undefined,
            // with the reason), so a shard never computes again on its part alone.
            if bound == -.infinity || cells.shard != nil { break }
            let overall = cells.mergedAll()
            if VerificationMetrics.holdsEnough(shared.scores(of: overall), options: options) { break }
            coverage = min(1, coverage * 4)
        }
        if passes > 1 {
            inputs.notes.append(InputNote("the impostor scores held on the first pass did not reach every FMR target; "
                + "the comparisons were computed \(passes) times, holding more each time"))
        }
    }

    /// Files the scans' findings into the cells' states, then sorts each cell (on the threads).
    private func distribute(_ found: [EmbeddingComparisons.Found], built: (probes: TemplateSet, gallery: TemplateSet?, subjects: SubjectTable),
                            counts: [GroupPair: Int64], cells: inout SliceCells<VerificationState>, pairCells: inout GroupPairCells) {
        let references = built.gallery ?? built.probes
        let group = built.subjects.group
        let groupCount = built.subjects.groups.count
        let withinSet = shared.design == .withinSet
        // Group pair → cell, filled on first use.
        var cellOf = [Int32](repeating: -1, count: groupCount * groupCount)
        func cell(_ x: Int32, _ y: Int32) -> Int {
            let (a, b) = withinSet ? (min(x, y), max(x, y)) : (x, y)
            let k = Int(a) * groupCount + Int(b)
            if cellOf[k] < 0 { cellOf[k] = Int32(pairCells.cell(a, b)) }
            return Int(cellOf[k])
        }
        var genuine: [[ScoredPair]] = [], impostors: [[ScoredPair]] = []
        func slot(_ lists: inout [[ScoredPair]], _ c: Int) { while lists.count <= c { lists.append([]) } }
        for part in found {
            for g in part.genuine {
                let a = built.probes.subject[Int(g.probe)]
                let c = cell(group[Int(a)], group[Int(a)])
                slot(&genuine, c)
                genuine[c].append(ScoredPair(score: Double(g.score), probe: a, reference: a))
            }
            for h in part.held {
                let a = built.probes.subject[Int(h.probe)], b = references.subject[Int(h.reference)]
                let c = cell(group[Int(a)], group[Int(b)])
                slot(&impostors, c)
                impostors[c].append(ScoredPair(score: Double(h.score), probe: a, reference: b))
            }
        }
        for (pair, count) in counts.sorted(by: { $0.key < $1.key }) {
            let c = cell(pair.probe, pair.reference)
            cells.ensure(c)
            cells.states[c].addImpostorCount(count)
            cells.states[c].addGroupPair(pair)
        }
        for part in found {
            for record in part.searches {
                let g = group[Int(record.subject)]
                let c = cell(g, g)
                cells.ensure(c)
                cells.states[c].addSearches([record])
            }
        }
        for (c, pairs) in genuine.enumerated() where !pairs.isEmpty { cells.ensure(c); cells.states[c].addGenuine(pairs) }
        genuine = []
        for c in impostors.indices where !impostors[c].isEmpty {
            cells.ensure(c)
            cells.states[c].addImpostors(impostors[c])
            impostors[c] = []
        }
        let sorted = SendableBox(cells.states)
        let states = cells.threads.map(cells.states.count) { i -> VerificationState in
            var state = sorted.value[i]
            state.canonicalize()
            return state
        }
        cells.states = states
    }
}

/// Cells of group pairs: each slicing attribute's value is the two groups' common value, or
/// not applicable when they differ.
struct GroupPairCells {
    let groups: [[String]]
    let attributes: [String]
    private(set) var keys: [[String]] = []
    private var index: [UInt64: Int] = [:]
    private var byKey: [[String]: Int] = [:]

    init(groups: [[String]], attributes: [String]) {
        self.groups = groups
        self.attributes = attributes
        if attributes.isEmpty { keys = [[]] }
    }

    mutating func cell(_ x: Int32, _ y: Int32) -> Int {
        if attributes.isEmpty { return 0 }
        let packed = UInt64(UInt32(x)) << 32 | UInt64(UInt32(y))
        if let known = index[packed] { return known }
        let key = zip(groups[Int(x)], groups[Int(y)]).map { $0 == $1 ? $0 : AttributeCells.notApplicable }
        let cell: Int
        if let known = byKey[key] { cell = known } else {
            cell = keys.count
            keys.append(key)
            byKey[key] = cell
        }
        index[packed] = cell
        return cell
    }
}
