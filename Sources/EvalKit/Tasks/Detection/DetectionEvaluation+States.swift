import EvalKitData

/// Detection's states as self-contained, mergeable statistics: their names (categories, images,
/// each label attribute's values), their byte layout, and their canonical order.
extension DetectionEvaluation {
    static let categorySpace = "categories"
    static let imageSpace = "images"
    static func attributeSpace(_ name: String) -> String { "attribute." + name }

    var stateNames: StateNames {
        var names = StateNames([Self.categorySpace: context.categoryNames, Self.imageSpace: context.imageNames])
        for (a, attribute) in options.attributes.enumerated() where attribute.kind == .label && a < context.attributeValues.count {
            names[Self.attributeSpace(attribute.name)] = context.attributeValues[a]
        }
        return names
    }

    /// Categories and images come from the ground truth, the same for every shard: they must be
    /// equal. Attribute values (also met in the detections) unite, in report order.
    func unify(_ names: [StateNames]) throws -> StateNames {
        guard var result = names.first else { return StateNames() }
        for other in names.dropFirst() {
            for space in [Self.categorySpace, Self.imageSpace] where other[space] != result[space] {
                throw IncompatibleStates("the states hold other \(space) (\(other[space].count) against \(result[space].count)): "
                                         + "they were read from different ground truths")
            }
        }
        for attribute in options.attributes where attribute.kind == .label {
            let space = Self.attributeSpace(attribute.name)
            var seen = Set<String>()
            let union = names.flatMap { $0[space] }.filter { seen.insert($0).inserted }
            result[space] = LabelVocabulary.reportOrder(union, declared: false).map { union[$0] }
        }
        return result
    }

    func remap(_ state: DetectionEvaluationState, from names: StateNames, to unified: StateNames) throws -> DetectionEvaluationState {
        var state = state
        let images = unified[Self.imageSpace].count, categories = max(unified[Self.categorySpace].count, 1)
        guard state.detection.images.allSatisfy({ $0 >= 0 && Int($0) < images }),
              state.detection.truthImage.allSatisfy({ $0 >= 0 && Int($0) < images }),
              state.detection.detectionImage.allSatisfy({ $0 >= 0 && Int($0) < images }),
              state.detection.truthCategory.allSatisfy({ $0 >= 0 && Int($0) < categories }),
              state.detection.detectionCategory.allSatisfy({ $0 >= 0 && Int($0) < categories }),
              state.attributes.count == options.attributes.count else {
            throw IncompatibleStates("a detection state refers to images or categories its names do not list")
        }
        for (a, attribute) in options.attributes.enumerated() where attribute.kind == .label {
            let space = Self.attributeSpace(attribute.name)
            let from = names[space], to = unified[space]
            var index: [String: Int32] = [:]
            for (k, value) in to.enumerated() { index[value] = Int32(k) }
            let map = from.map { index[$0] ?? -1 }
            func renamed(_ id: Int32) throws -> Int32 {
                guard id >= 0 else { return id }
                guard Int(id) < map.count, map[Int(id)] >= 0 else {
                    throw IncompatibleStates("a value of \(quoted(attribute.name)) outside its names")
                }
                return map[Int(id)]
            }
            state.attributes[a].truth = try state.attributes[a].truth.map(renamed)
            state.attributes[a].predicted = try state.attributes[a].predicted.map(renamed)
        }
        return state
    }

    func adopt(_ names: StateNames) {
        context.categoryNames = names[Self.categorySpace]
        context.imageNames = names[Self.imageSpace]
        context.attributeValues = options.attributes.map { names[Self.attributeSpace($0.name)] }
    }

    func canonicalize(_ state: inout DetectionEvaluationState) {
        state.detection.canonicalize()
        for a in state.attributes.indices { state.attributes[a].sortByImage() }
    }

    /// Renumbers each label attribute's values in report order (in every cell), so the ids do
    /// not depend on the order in which a reader met the values.
    func canonicalizeAttributeValues(_ cells: inout SliceCells<DetectionEvaluationState>) {
        let names = stateNames
        let unified = (try? unify([names])) ?? names
        guard unified != names else { return }
        for i in cells.states.indices {
            if let state = try? remap(cells.states[i], from: names, to: unified) { cells.states[i] = state }
        }
        adopt(unified)
    }
}

extension ObjectAttributePairs: PortableValue {
    func write(to writer: inout StateWriter) {
        writer.write(plain: image)
        writer.write(plain: truth)
        writer.write(plain: predicted)
        writer.write(text)
        writer.write(plain: weight)
        writer.write(plain: missedImage)
        writer.write(plain: missedWeight)
        writer.write(missedText)
    }

    init(from reader: inout StateReader) throws {
        self.init()
        image = try reader.readPlain()
        truth = try reader.readPlain()
        predicted = try reader.readPlain()
        text = try reader.readArray()
        weight = try reader.readPlain()
        missedImage = try reader.readPlain()
        missedWeight = try reader.readPlain()
        missedText = try reader.readArray()
        let n = image.count
        try reader.require(weight.count == n && (truth.isEmpty || truth.count == n) && predicted.count == truth.count
                           && (text.isEmpty || text.count == n) && missedWeight.count == missedImage.count
                           && (missedText.isEmpty || missedText.count == missedImage.count), "attribute pairs differ in length")
    }

    /// Pairs and missed boxes in image order (stable), the order of a single reading.
    mutating func sortByImage() {
        if !zip(image, image.dropFirst()).allSatisfy({ $0 <= $1 }) {
            let order = image.indices.sorted { (image[$0], $0) < (image[$1], $1) }
            image = order.map { image[$0] }
            if !truth.isEmpty { truth = order.map { truth[$0] }; predicted = order.map { predicted[$0] } }
            if !text.isEmpty { text = order.map { text[$0] } }
            weight = order.map { weight[$0] }
        }
        if !zip(missedImage, missedImage.dropFirst()).allSatisfy({ $0 <= $1 }) {
            let order = missedImage.indices.sorted { (missedImage[$0], $0) < (missedImage[$1], $1) }
            missedImage = order.map { missedImage[$0] }
            missedWeight = order.map { missedWeight[$0] }
            if !missedText.isEmpty { missedText = order.map { missedText[$0] } }
        }
    }
}

extension DetectionEvaluationState: PortableValue {
    func write(to writer: inout StateWriter) {
        writer.write(detection)
        writer.write(attributes)
    }

    init(from reader: inout StateReader) throws {
        self.init(detection: try reader.read(), attributes: try reader.readArray())
    }
}
