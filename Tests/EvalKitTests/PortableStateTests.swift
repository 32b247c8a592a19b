import Foundation
import Testing
@testable import EvalKit
import EvalKitData

/// Every state type of every kind, table-driven over the shipped schemes (binary, multiclass with
/// probabilities, multilabel with scores, text, detection with attributes): a state read back
/// from its bytes writes the same bytes (field for field); empty states too; every truncation
/// throws instead of trapping; and states read in another order merge to the whole.
@Suite struct PortableStateTests {
    static let schemes = ["quickstart.json", "digits-multiclass.json", "face-attributes.json", "plate-reads.json",
                          "plates-detection.json", "tracking-synthetic.json"]

    static func roundTrips<T: EvaluationTask>(_ task: T, spec: EvaluationSpec) throws {
        let (cells, _, _) = try Engine.accumulate(task, spec: spec, recordOutcomes: false, progress: .off, threads: .one)
        for state in cells.states + [task.makeState()] {
            let bytes = state.encoded
            let back = try T.State(decoding: bytes)
            #expect(back.encoded == bytes, "\(spec.name): a \(T.State.self) does not read back as written")
            for cut in Set([0, 1, bytes.count / 3, bytes.count / 2, bytes.count - 1]) where cut < bytes.count {
                #expect(throws: (any Error).self) { _ = try T.State(decoding: Array(bytes.prefix(cut))) }
            }
        }
        // The whole equals the merge of the cells in any order (here: reversed, as one fold).
        let whole = task.compute(cells.mergedAll()).metrics
        var folded = task.makeState()
        for state in cells.states.reversed() { folded.merge(state) }
        task.canonicalize(&folded)
        let reversed = task.compute(folded).metrics
        for key in whole.keys {
            let a = whole[key]!, b = reversed[key]!
            #expect(a == b || (a.isNaN && b.isNaN), "\(spec.name): \(key) \(a) vs \(b) merged in reverse")
        }
    }

    @Test(arguments: schemes)
    func everyStateReadsBackAsWritten(_ name: String) throws {
        let planned = try Engine.plan(schemePath: repositoryRoot + "/Schemes/" + name)
        for (spec, task) in planned.evaluations { try Self.roundTrips(task, spec: spec) }
    }

    @Test func statesOfDifferentVocabulariesMergeByName() throws {
        // Two readers met the labels in different orders: b, a and a, c.
        var first = ClassificationState(classCount: 2)
        first.add(truth: 0, predicted: 1)
        first.add(truth: 1, predicted: 1)
        var second = ClassificationState(classCount: 2)
        second.add(truth: 0, predicted: 1)
        let united = ["a", "b", "c"]
        var merged = first.remapped(classMap: [1, 0], classCount: 3)
        merged.merge(second.remapped(classMap: [0, 2], classCount: 3))
        #expect(merged.count(truth: 1, predicted: 0) == 1)  // b → a
        #expect(merged.count(truth: 0, predicted: 0) == 1)  // a → a
        #expect(merged.count(truth: 0, predicted: 2) == 1)  // a → c
        #expect(merged.classCount == united.count)
        // States of different class counts (a label met late) merge without a trap.
        var small = ClassificationState(classCount: 2)
        small.add(truth: 1, predicted: 0)
        var large = ClassificationState(classCount: 3)
        large.add(truth: 2, predicted: 2)
        small.merge(large)
        #expect(small.classCount == 3 && small.count(truth: 2, predicted: 2) == 1 && small.count(truth: 1, predicted: 0) == 1)
    }

    @Test func incompatibleNamesThrow() throws {
        let planned = try Engine.plan(schemePath: repositoryRoot + "/Schemes/plates-detection.json")
        let task = planned.evaluations[0].task
        let a = StateNames(["categories": ["plate"], "images": ["1", "2"]])
        let b = StateNames(["categories": ["plate"], "images": ["1", "3"]])
        #expect(throws: IncompatibleStates.self) { _ = try task.unify([a, b]) }
    }
}
