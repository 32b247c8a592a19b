import EvalKitData

/// The labels of single-target classification as state names: class k of a state is
/// `stateNames["labels"][k]`. An open vocabulary (no `options.labels`) is put in report order
/// (scikit-learn's sorted order) once read, so a state's class ids do not depend on the order in
/// which a reader met the labels: states of any shard or chunk merge by name into the same ids.
extension SingleTargetEvaluation {
    static let labelSpace = "labels"

    var stateNames: StateNames { StateNames([Self.labelSpace: context.labels.vocabulary.labels]) }

    func unify(_ names: [StateNames]) throws -> StateNames {
        let lists = names.map { $0[Self.labelSpace] }
        guard let first = lists.first else { return StateNames() }
        if !context.labels.vocabulary.isOpen {
            for list in lists where list != first {
                throw IncompatibleStates("the states were read with different declared labels (options.labels)")
            }
            return names[0]
        }
        var seen = Set<String>()
        let union = lists.joined().filter { seen.insert($0).inserted }
        let order = LabelVocabulary.reportOrder(union, declared: false)
        return StateNames([Self.labelSpace: order.map { union[$0] }])
    }

    func remap(_ state: ClassificationState, from names: StateNames, to unified: StateNames) throws -> ClassificationState {
        let target = unified[Self.labelSpace]
        guard names[Self.labelSpace] != target else { return state }
        var index: [String: Int] = [:]
        for (k, label) in target.enumerated() { index[label] = k }
        var map: [Int] = []
        for label in names[Self.labelSpace] {
            guard let k = index[label] else { throw IncompatibleStates("label \(quoted(label)) is missing from the merged labels") }
            map.append(k)
        }
        guard map.count >= state.classCount || state.classCount <= target.count else {
            throw IncompatibleStates("a state has \(state.classCount) classes but names \(map.count) labels")
        }
        while map.count < state.classCount { map.append(map.count) }
        return state.remapped(classMap: map, classCount: max(target.count, isBinary ? 2 : 1))
    }

    func adopt(_ names: StateNames) {
        let labels = names[Self.labelSpace]
        var vocabulary = LabelVocabulary(declared: context.labels.vocabulary.isOpen ? nil : labels)
        if vocabulary.isOpen { for label in labels { _ = vocabulary.add(label) } }
        context.labels = LabelReader(vocabulary: vocabulary)
    }

    /// Renumbers an open vocabulary's classes in report order, in every state and the item outcomes.
    func canonicalizeLabels(_ cells: inout SliceCells<ClassificationState>, outcomes: inout ItemOutcomes?) {
        let vocabulary = context.labels.vocabulary
        guard vocabulary.isOpen else { return }
        let order = LabelVocabulary.reportOrder(vocabulary.labels, declared: false)
        guard order != Array(order.indices) else { return }
        var map = [Int](repeating: 0, count: order.count)
        for (new, old) in order.enumerated() { map[old] = new }
        let count = max(order.count, isBinary ? 2 : 1)
        for i in cells.states.indices {
            var state = cells.states[i]
            state.ensureClassCount(order.count)
            var full = map
            while full.count < state.classCount { full.append(full.count) }
            cells.states[i] = state.remapped(classMap: full, classCount: max(count, state.classCount))
        }
        if outcomes != nil {
            outcomes!.truth = outcomes!.truth.map { $0 >= 0 ? Int32(map[Int($0)]) : $0 }
            outcomes!.predicted = outcomes!.predicted.map { $0 >= 0 ? Int32(map[Int($0)]) : $0 }
            outcomes!.labels = order.map { vocabulary.labels[$0] }
        }
        adopt(StateNames([Self.labelSpace: order.map { vocabulary.labels[$0] }]))
    }
}
