/// Bootstrap replicates of text states, drawn from their outcome counts alone (docs/metrics.md,
/// "Intervals").
///
/// Every text metric is a function of the item outcomes (alignment counts, missing or not), so
/// drawing n items with replacement puts Multinomial(n; c/n) items on the distinct outcomes c:
/// redrawing the outcome counts is exactly the row bootstrap of `exact_match`, `cer` and
/// `char_accuracy`, in O(distinct outcomes) per replicate.
extension TextState {
    /// A multinomial bootstrap replicate of this state's items (same total n).
    public func resampledCounts<G: RandomNumberGenerator>(using generator: inout G) -> TextState {
        var sequence = SequentialMultinomial(n: items, total: items)
        return resampledCounts(drawingFrom: &sequence, using: &generator)
    }

    /// Multinomial replicates of several disjoint states (the slice cells) drawn jointly: the row
    /// bootstrap of their union, split back into one state per input, so each slice's size varies
    /// between replicates as it does when the items are resampled.
    public static func resampledCounts<G: RandomNumberGenerator>(
        _ states: [TextState], using generator: inout G
    ) -> [TextState] {
        var total: Int64 = 0
        for state in states { total += state.items }
        var sequence = SequentialMultinomial(n: total, total: total)
        return states.map { $0.resampledCounts(drawingFrom: &sequence, using: &generator) }
    }

    /// This state's outcome counts drawn as the next categories of `sequence`, in the order the
    /// outcomes were first seen (so a seed gives the same replicate on every run).
    func resampledCounts<G: RandomNumberGenerator>(
        drawingFrom sequence: inout SequentialMultinomial, using generator: inout G
    ) -> TextState {
        var result = TextState()
        for (outcome, count) in zip(outcomes, outcomeCounts) {
            result.add(outcome, count: sequence.draw(count: count, using: &generator))
        }
        return result
    }
}
