import Foundation
import Testing
@testable import EvalKit
import EvalKitData
@testable import EvalKitStore

/// `trend`: one metric across runs, overall or per slice, in run order.
@Suite struct TrendTests {
    /// Four runs of `face-attributes` (f1 0.5, 0.6, undefined, 0.7) and one of `other`.
    func history() throws -> RunHistory {
        let history = try freshHistory()
        try history.record(makeResult(f1: 0.5, twoEvaluations: true), provenance: provenance(), tag: "v1")
        try history.record(makeResult(f1: 0.6, twoEvaluations: true), provenance: provenance(minutes: 1), tag: nil)
        var undefined = makeResult(f1: 0.6, twoEvaluations: true)
        undefined.evaluations[0].computed.metrics.set("f1", .nan, undefinedReason: "no positives")
        undefined.evaluations[0].intervals["f1"] = nil
        try history.record(undefined, provenance: provenance(minutes: 2), tag: nil)
        try history.record(makeResult(scheme: "other", f1: 0.9), provenance: provenance(minutes: 3), tag: nil)
        try history.record(makeResult(f1: 0.7, twoEvaluations: true), provenance: provenance(minutes: 4), tag: "v2")
        return history
    }

    @Test func overallValuesComeInRunOrder() throws {
        let points = try history().trend(scheme: "face-attributes", metric: "f1", evaluation: "gender", slice: nil)
        #expect(points.map(\.runID) == [1, 2, 3, 5])
        #expect(points.map(\.value) == [0.5, 0.6, nil, 0.7])
        #expect(points[2].undefinedReason == "no positives" && points[2].interval == nil)
        #expect(points[0].interval == Interval(lower: 0.5 - 0.02, upper: 0.5 + 0.02))
        #expect(points.map(\.tag) == ["v1", nil, nil, "v2"])
        #expect(points[1].finishedAt == provenance(minutes: 1).finishedAt && points[1].startedAt == provenance(minutes: 1).startedAt)
        #expect(points.allSatisfy { $0.slice == nil && $0.schemeName == "face-attributes" && $0.evaluation == "gender" })
    }

    @Test func everyEvaluationAndSchemeWithoutFilters() throws {
        let points = try history().trend(scheme: nil, metric: "f1", evaluation: nil, slice: nil)
        #expect(points.map(\.runID) == [1, 1, 2, 2, 3, 3, 4, 5, 5])
        #expect(points.map(\.evaluation) == ["gender", "age", "gender", "age", "gender", "age", "gender", "gender", "age"])
        #expect(points[6].schemeName == "other" && points[6].value == 0.9)
        #expect(points[1].value == 0.25)
    }

    @Test func sliceValuesByCanonicalKeyInAnyOrder() throws {
        let history = try history()
        let slice = makeResult(f1: 0.6).evaluations[0].slices[0]
        let points = try history.trend(scheme: "face-attributes", metric: "precision", evaluation: "gender",
                                       slice: "sex=Female, race=Black-0")
        #expect(points.count == 4 && points.allSatisfy { $0.slice == "race=Black-0,sex=Female" })
        #expect(points[1].value == slice.metrics["precision"] && points[1].interval == slice.intervals["precision"])
        // Escaped characters in values work as given.
        let odd = try history.trend(scheme: nil, metric: "f1", evaluation: "gender", slice: "race=a%3Db%25-4,sex=Female")
        #expect(odd.count == 5)
        #expect(try history.trend(scheme: nil, metric: "f1", evaluation: nil, slice: "race=Nobody").isEmpty)
        #expect(try history.trend(scheme: nil, metric: "nope", evaluation: nil, slice: nil).isEmpty)
    }

    @Test func aMalformedSliceIsAnInputError() throws {
        let error = thrown { _ = try freshHistory().trend(scheme: nil, metric: "f1", evaluation: nil, slice: "Black") } as? InputError
        #expect(error?.field == "slice" && error?.found == "\"Black\"")
    }

    @Test func changesAreFromThePreviousRunOfTheSameSeries() throws {
        let points = try history().trend(scheme: nil, metric: "f1", evaluation: nil, slice: nil)
        let rows = HistoryReport.changes(points)
        let gender = rows.filter { $0.point.evaluation == "gender" && $0.point.schemeName == "face-attributes" }
        #expect(gender.map(\.change).count == 4)
        #expect(gender[0].change == nil && abs(gender[1].change! - 0.1) < 1e-12 && gender[2].change == nil && gender[3].change == nil)
        let age = rows.filter { $0.point.evaluation == "age" }
        #expect(abs(age[1].change! - 0.05) < 1e-12 && abs(age[3].change! - 0.05) < 1e-12)
    }
}
