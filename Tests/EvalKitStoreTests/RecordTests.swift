import Foundation
import Testing
@testable import EvalKit
import EvalKitData
@testable import EvalKitStore

/// Recording a run and reading it back: every metric, slice, interval, disparity and gate.
@Suite struct RecordTests {
    @Test func aRecordedRunReadsBackEqual() throws {
        let history = try freshHistory()
        let result = makeResult(slices: 8, twoEvaluations: true)
        let id = try history.record(result, provenance: provenance(exitStatus: 1), tag: "release-2026-11")
        let run = try #require(try history.run(id: id))

        #expect(run.id == id && run.tag == "release-2026-11" && run.passed == result.passed)
        #expect(run.schemeName == result.schemeName && run.schemePath == result.schemePath)
        #expect(run.schemeSHA256 == result.schemeSHA256)
        #expect(run.provenance == provenance(exitStatus: 1))
        #expect(run.evaluations.map(\.name) == ["gender", "age"])
        for (stored, original) in zip(run.evaluations, result.evaluations) {
            #expect(stored.task == original.task && stored.datasetName == original.datasetName)
            #expect(stored.datasetManifest == original.manifestPath && stored.datasetSHA256 == original.datasetSHA256)
            #expect(stored.predictionsPath == original.predictionsPath && stored.predictionsSHA256 == original.predictionsSHA256)
            #expect(stored.count == original.computed.count && stored.matched == 7214 && stored.extra == 6 && stored.missing == 0)
            #expect(stored.minSliceSize == 30)
            #expect(stored.files.map(\.path) == original.files.map(\.path) && stored.files.map(\.rows) == original.files.map(\.rows))
            expectSame(stored.metrics, original.computed.metrics, original.intervals)
            #expect(stored.perClass.map(\.label) == original.computed.perClass.map(\.label))
            for (storedClass, originalClass) in zip(stored.perClass, original.computed.perClass) {
                expectSame(storedClass.metrics, originalClass.metrics, [:])
            }
            #expect(stored.slices.count == original.slices.count)
            for (storedSlice, originalSlice) in zip(stored.slices, original.slices) {
                #expect(storedSlice.attributes == originalSlice.attributes && storedSlice.values == originalSlice.values)
                #expect(storedSlice.count == originalSlice.count && storedSlice.suppressed == originalSlice.suppressed)
                #expect(storedSlice.key == SliceKey.canonical(originalSlice.by))
                expectSame(storedSlice.metrics, originalSlice.metrics, originalSlice.intervals)
            }
            let disparity = try #require(stored.disparities.first)
            #expect(disparity.metric == "fpr" && disparity.attributes == ["sex", "race"])
            #expect(disparity.minSlice == ["Female", "Black-0"] && disparity.maxSlice == ["Male", "Other, mixed-3"])
            #expect(disparity.ratio == 1.0 / 3.0 && disparity.difference == 0.2 && disparity.compared == 4)
            #expect(disparity.differenceInterval == Interval(lower: 0.1, upper: 0.3) && disparity.ratioInterval == nil)
        }
        #expect(run.gates.count == result.gates.count)
        for (stored, original) in zip(run.gates, result.gates) {
            #expect(stored.gate == original.gate && stored.evaluation == original.evaluation && stored.metric == original.metric)
            #expect(stored.passed == original.passed && stored.observed == original.observed && stored.limit == original.limit)
            #expect(stored.slice == original.slice && stored.message == original.message)
            #expect(stored.baseline == original.baseline && stored.drop == original.drop)
        }
    }

    @Test func storedMetricsConvertBackToMetricValues() throws {
        let history = try freshHistory()
        let result = makeResult()
        let run = try #require(try history.run(id: try history.record(result, provenance: provenance(), tag: nil)))
        let values = run.evaluations[0].metrics.metricValues
        #expect(values.keys == result.evaluations[0].computed.metrics.keys)
        #expect(values["roc_auc"]!.isNaN && values.undefinedReasons["roc_auc"] == "roc_auc: no predicted positives")
        #expect(run.evaluations[0].metrics.intervals == result.evaluations[0].intervals)
        let slice = result.evaluations[0].slices[0]
        #expect(run.evaluations[0].metric("f1", slice: SliceKey.canonical(slice.by))?.value == slice.metrics["f1"])
        #expect(run.evaluations[0].metric("f1")?.value == 0.61)
    }

    @Test func lookupsByIdTagLatestAndReference() throws {
        let history = try freshHistory()
        let first = try history.record(makeResult(f1: 0.5), provenance: provenance(), tag: "release-1")
        let second = try history.record(makeResult(scheme: "other", f1: 0.55), provenance: provenance(minutes: 1), tag: nil)
        let third = try history.record(makeResult(f1: 0.7), provenance: provenance(minutes: 2), tag: nil)

        #expect(try history.run(tag: "release-1")?.id == first)
        #expect(try history.run(tag: "nope") == nil && history.run(id: 99) == nil)
        #expect(try history.latestRun(scheme: "face-attributes")?.id == third)
        #expect(try history.latestRun(scheme: "other")?.id == second)
        #expect(try history.latestRun(scheme: "unknown") == nil)
        #expect(try history.resolve("release-1").id == first)
        #expect(try history.resolve(String(second)).id == second)
        let missingTag = thrown { _ = try history.resolve("release-9") } as? InputError
        #expect(missingTag?.file == history.path && missingTag?.description.contains("no run tagged \"release-9\"") == true)
        #expect(missingTag?.hint?.contains("\"release-1\"") == true)
        let missingID = thrown { _ = try history.resolve("42") } as? InputError
        #expect(missingID?.description.contains("no run with id 42") == true && missingID?.hint == "run ids go from 1 to 3")
        #expect(try history.runs().map(\.id) == [first, second, third])
        #expect(try history.runs(scheme: "other").map(\.id) == [second])
    }

    @Test func aRunWithoutSlicesOrGatesRecords() throws {
        let history = try freshHistory()
        var result = makeResult(slices: 0)
        result.gates = []
        result.evaluations[0].disparities = []
        result.evaluations[0].computed.perClass = []
        let run = try #require(try history.run(id: try history.record(result, provenance: provenance(), tag: nil)))
        #expect(run.passed && run.gates.isEmpty && run.evaluations[0].slices.isEmpty && run.evaluations[0].perClass.isEmpty)
        expectSame(run.evaluations[0].metrics, result.evaluations[0].computed.metrics, result.evaluations[0].intervals)
    }
}
