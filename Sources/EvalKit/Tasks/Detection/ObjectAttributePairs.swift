import EvalKitData

/// One attribute of the detected objects (a face's age band, a vehicle's colour, a plate's text)
/// on the pairs matched at the operating point: the ground truth's value against the value the
/// detector gave the box that matched it.
///
/// Label attributes keep (truth, predicted) ids, predicted -1 when the detection gave no value;
/// ground-truth boxes the detector missed are counted apart (`missed`) and left out of the
/// classification metrics. Text attributes keep each pair's alignment outcome, and a missed box
/// is a missed read (every character deleted), as a plate recogniser is judged end to end.
struct ObjectAttributePairs: Sendable {
    /// Image of each pair, for bootstrap weights.
    var image: [Int32] = []
    /// Label attributes: value ids (truth, and predicted or -1).
    var truth: [Int32] = []
    var predicted: [Int32] = []
    /// Text attributes: each pair's alignment outcome.
    var text: [TextState.Outcome] = []
    /// How many times each pair counts (1; a bootstrap replicate's draw count of its image).
    var weight: [Int64] = []
    /// Ground-truth boxes with a value that no detection matched: image, weight, and (text) outcome.
    var missedImage: [Int32] = []
    var missedWeight: [Int64] = []
    var missedText: [TextState.Outcome] = []

    mutating func addLabelPair(image: Int32, truth: Int32, predicted: Int32) {
        self.image.append(image)
        self.truth.append(truth)
        self.predicted.append(predicted)
        weight.append(1)
    }

    mutating func addTextPair(image: Int32, outcome: TextState.Outcome) {
        self.image.append(image)
        text.append(outcome)
        weight.append(1)
    }

    mutating func addMissed(image: Int32, outcome: TextState.Outcome?) {
        missedImage.append(image)
        missedWeight.append(1)
        if let outcome { missedText.append(outcome) }
    }

    mutating func merge(_ other: ObjectAttributePairs) {
        image += other.image
        truth += other.truth
        predicted += other.predicted
        text += other.text
        weight += other.weight
        missedImage += other.missedImage
        missedWeight += other.missedWeight
        missedText += other.missedText
    }

    /// A replicate: each record counts its image's draw count; records of undrawn images go.
    func reweighted(_ draws: (Int32) -> Int64) -> ObjectAttributePairs {
        var copy = ObjectAttributePairs()
        for i in 0..<image.count {
            let w = draws(image[i]) * weight[i]
            guard w > 0 else { continue }
            copy.image.append(image[i])
            if !truth.isEmpty {
                copy.truth.append(truth[i])
                copy.predicted.append(predicted[i])
            }
            if !text.isEmpty { copy.text.append(text[i]) }
            copy.weight.append(w)
        }
        for i in 0..<missedImage.count {
            let w = draws(missedImage[i]) * missedWeight[i]
            guard w > 0 else { continue }
            copy.missedImage.append(missedImage[i])
            copy.missedWeight.append(w)
            if !missedText.isEmpty { copy.missedText.append(missedText[i]) }
        }
        return copy
    }

    /// The classification state of a label attribute over `classCount` values.
    func classificationState(classCount: Int) -> ClassificationState {
        var state = ClassificationState(classCount: max(classCount, 1))
        for i in 0..<image.count {
            for _ in 0..<weight[i] { state.add(truth: truth[i], predicted: predicted[i]) }
        }
        return state
    }

    /// The text state of a text attribute: matched pairs and missed boxes.
    func textState() -> TextState {
        var state = TextState()
        for i in 0..<text.count { state.add(text[i], count: weight[i]) }
        for i in 0..<missedText.count { state.add(missedText[i], count: missedWeight[i]) }
        return state
    }

    /// Matched pairs and missed boxes, counting weights.
    var pairCount: Int64 { weight.reduce(0, +) }
    var missedCount: Int64 { missedWeight.reduce(0, +) }
}
