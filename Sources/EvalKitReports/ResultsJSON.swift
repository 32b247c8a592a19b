import EvalKit
import EvalKitData

/// results.json, in the shape of docs/design.md §4: the contract CI scripts and later runs read.
///
/// Numbers are JSON numbers in shortest round-trip form; an undefined (NaN) metric is `null`
/// and its reason is in the evaluation's `notes`. Keys keep a fixed order.
public enum ResultsJSON {
    public static func document(_ result: RunResult) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("evalkit", .object([("version", .string(result.version))])),
            ("scheme", .object([
                ("name", .string(result.schemeName)),
                ("path", .string(result.schemePath)),
                ("sha256", .string(result.schemeSHA256)),
            ])),
            ("passed", .bool(result.passed)),
            ("baseline", result.baselineReference.map(JSONOutput.string) ?? .null),
            ("privacy", .string(result.privacy.rawValue)),
        ]
        if result.privacy == .aggregateOnly {
            members.append(("privacy_note", .string(PrivacyLevel.withheldNotice
                + ": this run writes no item table, no item outcome and no item id")))
        }
        members.append(("evaluations", .array(result.evaluations.map(evaluation))))
        members.append(("gates", .array(result.gates.map(gate))))
        return .object(members)
    }

    public static func text(_ result: RunResult) -> String {
        document(result).serialized(pretty: true)
    }

    /// The largest label set whose confusion matrix is written dense (`"counts"`, K×K); above
    /// it the matrix is `"format": "sparse"` with `"entries"` [truth, predicted, count] for the
    /// nonzero cells (docs/schemes.md, results.json).
    public static let denseConfusionLimit = 100

    static func evaluation(_ e: EvaluationResult) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("name", .string(e.name)),
            ("task", .string(e.task)),
            ("setup_sha256", e.setupSHA256.map(JSONOutput.string) ?? .null),
            ("dataset", .object([
                ("name", .string(e.datasetName)),
                ("manifest", e.manifestPath.map(JSONOutput.string) ?? .null),
                ("sha256", .string(e.datasetSHA256)),
            ])),
            ("predictions", .object([("path", .string(e.predictionsPath)), ("sha256", .string(e.predictionsSHA256))])),
            ("files", .array(e.files.map { f in
                .object([("role", .string(f.role)), ("path", .string(f.path)), ("sha256", .string(f.sha256)), ("rows", .int(f.rows))])
            })),
            ("count", .int(e.computed.count)),
            ("join", .object([
                ("matched", .int(e.inputs.matched)), ("missing", .int(e.inputs.missing)), ("extra", .int(e.inputs.extra)),
            ])),
            ("metrics", metrics(e.computed.metrics)),
        ]
        if !e.computed.perClass.isEmpty {
            members.append(("per_class", .object(e.computed.perClass.map { ($0.label, metrics($0.metrics)) })))
        }
        if let confusion = e.computed.confusion {
            if confusion.labels.count <= Self.denseConfusionLimit {
                members.append(("confusion_matrix", .object([
                    ("labels", .array(confusion.labels.map(JSONOutput.string))),
                    ("counts", .array(confusion.counts.map { row in .array(row.map(number)) })),
                ])))
            } else {
                // Sparse: [truth index, predicted index, count] for the nonzero cells.
                members.append(("confusion_matrix", .object([
                    ("labels", .array(confusion.labels.map(JSONOutput.string))),
                    ("format", JSONOutput.string("sparse")),
                    ("entries", .array(confusion.entries.map { entry in
                        .array([number(Double(entry.truth)), number(Double(entry.predicted)), number(entry.count)])
                    })),
                ])))
            }
        }
        if !e.computed.operatingPoints.isEmpty {
            members.append(("operating_points", .array(e.computed.operatingPoints.map { point in
                .object([
                    ("target", .object([(point.targetMetric, number(point.targetValue))])),
                    ("threshold", number(point.threshold)),
                    ("metrics", metrics(point.metrics)),
                ])
            })))
        }
        if !e.computed.curves.isEmpty { members.append(("curves", curves(e.computed.curves))) }
        members.append(("intervals", intervals(e.intervals, order: e.computed.metrics.keys)))
        members.append(("min_slice_size", .int(e.minSliceSize)))
        members.append(("slices", .array(e.slices.map { slice in
            var fields: [(String, JSONOutput)] = [
                ("by", by(slice.attributes, slice.values)),
                ("count", .int(slice.count)),
                ("metrics", metrics(slice.metrics)),
                ("intervals", intervals(slice.intervals, order: slice.metrics.keys)),
                ("suppressed", .bool(slice.suppressed)),
            ]
            if !slice.curves.isEmpty { fields.append(("curves", curves(slice.curves))) }
            return .object(fields)
        })))
        members.append(("disparities", .array(e.disparities.map(disparity))))
        if let view = e.robustness { members.append(("robustness", robustness(view))) }
        members.append(("notes", .array(e.notes.map(JSONOutput.string))))
        return .object(members)
    }

    /// Curves by name: `{"roc": {"fpr": [...], "tpr": [...]}}`.
    static func curves(_ curves: [MetricCurve]) -> JSONOutput {
        .object(curves.map { curve in
            (curve.name, .object([(curve.xLabel, .array(curve.x.map(number))), (curve.yLabel, .array(curve.y.map(number)))]))
        })
    }

    static func by(_ attributes: [String], _ values: [String]) -> JSONOutput {
        .object(zip(attributes, values).map { ($0, .string($1)) })
    }

    static func interval(_ i: Interval?) -> JSONOutput {
        guard let i else { return .null }
        return .array([number(i.lower), number(i.upper)])
    }

    /// Intervals in the metrics' order.
    static func intervals(_ values: [String: Interval], order: [String]) -> JSONOutput {
        .object(order.compactMap { key in values[key].map { (key, interval($0)) } })
    }

    static func disparity(_ d: DisparityResult) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("metric", .string(d.metric)),
            ("by", .array(d.attributes.map(JSONOutput.string))),
            ("min", number(d.min)),
            ("max", number(d.max)),
            ("difference", number(d.difference)),
            ("ratio", number(d.ratio)),
            ("min_slice", by(d.attributes, d.minSlice)),
            ("max_slice", by(d.attributes, d.maxSlice)),
            ("slices_compared", .int(d.compared)),
        ]
        if d.differenceInterval != nil || d.ratioInterval != nil {
            members.append(("intervals", .object([("difference", interval(d.differenceInterval)), ("ratio", interval(d.ratioInterval))])))
        }
        if let reference = d.reference {
            members.append(("reference", .object([
                ("slice", by(d.attributes, reference)),
                ("value", d.referenceValue.map(number) ?? .null),
                ("disparities", .array(d.relativeToReference.map { item in
                    .object([("slice", by(d.attributes, item.values)), ("ratio", number(item.ratio)), ("difference", number(item.difference))])
                })),
            ])))
        }
        if !d.notes.isEmpty { members.append(("notes", .array(d.notes.map(JSONOutput.string)))) }
        return .object(members)
    }

    /// The robustness view: the clean condition, then each other condition with its metrics
    /// against clean (a suppressed condition's are withheld: `"metrics": {}`).
    static func robustness(_ view: RobustnessResult) -> JSONOutput {
        .object([
            ("attribute", .string(view.attribute)),
            ("clean", .string(view.clean)),
            ("clean_count", .int(view.cleanCount)),
            ("clean_suppressed", .bool(view.cleanSuppressed)),
            ("metrics", .array(view.metrics.map(JSONOutput.string))),
            ("conditions", .array(view.conditions.map { condition in
                .object([
                    ("value", .string(condition.value)),
                    ("count", .int(condition.count)),
                    ("suppressed", .bool(condition.suppressed)),
                    ("metrics", .object(condition.changes.map { c in
                        var members: [(String, JSONOutput)] = [
                            ("value", number(c.value)), ("clean", number(c.clean)), ("change", number(c.change)),
                            ("relative_change", number(c.relativeChange)),
                        ]
                        if c.changeInterval != nil || c.relativeChangeInterval != nil {
                            members.append(("intervals", .object([("change", interval(c.changeInterval)),
                                                                  ("relative_change", interval(c.relativeChangeInterval))])))
                        }
                        return (c.metric, .object(members))
                    })),
                ])
            })),
            ("notes", .array(view.notes.map(JSONOutput.string))),
        ])
    }

    static func gate(_ g: GateResult) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("gate", .string(g.gate)),
            ("evaluation", .string(g.evaluation)),
            ("metric", .string(g.metric)),
            ("passed", .bool(g.passed)),
            ("checked", .bool(g.checked)),
            ("observed", g.observed.map(number) ?? .null),
            ("limit", number(g.limit)),
            ("slice", g.slice.map { slice in .object(slice.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }) } ?? .null),
            ("message", g.message.isEmpty ? .null : .string(g.message)),
            ("baseline", g.baseline.map(number) ?? .null),
            ("drop", g.drop.map(number) ?? .null),
            ("paired_test", g.pairedTest.map(JSONOutput.string) ?? .null),
        ]
        // Gates "against": "clean": `baseline` is the clean condition's value.
        if let against = g.against { members.append(("against", .string(against))) }
        return .object(members)
    }

    static func metrics(_ values: MetricValues) -> JSONOutput {
        .object(values.keys.map { ($0, number(values[$0]!)) })
    }

    /// Integral values as integers (counts), others as doubles, NaN as null.
    static func number(_ value: Double) -> JSONOutput {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .int(Int(value)) }
        return .number(value)
    }
}
