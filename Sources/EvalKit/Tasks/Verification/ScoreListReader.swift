import EvalKitData

/// Reads a score list: one comparison a row, `probe,reference,score` (CSV or JSONL), optionally
/// with a `mated` column. Probe ids name templates of the probes table, reference ids templates of
/// the gallery table (or of the probes table when the dataset has no gallery). A comparison is
/// mated when both templates have the same subject (or when its `mated` field says so).
enum ScoreListReader {
    struct Columns {
        var probe: String
        var reference: String
        var score: String
        var mated: String?
    }

    /// The comparisons read (this shard's: those whose probe id falls in it).
    struct Comparisons {
        var probe: [Int32] = []
        var reference: [Int32] = []
        var score: [Double] = []
        var mated: [Bool] = []
        var rows = 0
        var sha256 = ""
    }

    static func read(path: String, display: String, format: TableFormat, csv: CSVOptions, columns: Columns,
                     probes: TemplateSet, references: TemplateSet, subjectsGiven: Bool, higherIsMatch: Bool,
                     shard: ShardSpec?, progress: ProgressReporter = .off) throws -> Comparisons {
        let table = try openTable(path: path, displayPath: display, format: format, csv: csv,
                                  columns: [columns.probe, columns.reference, columns.score] + (columns.mated.map { [$0] } ?? []))
        table.reportProgress(to: progress)
        table.readOnCallingThread()
        var out = Comparisons()
        var batch = FieldBatch(columns: table.selectedColumns)
        var pairs: [(key: UInt64, line: Int)] = []
        while try table.nextBatch(&batch, capacity: 8192) {
            for r in 0..<batch.count {
                let line = batch.line(r)
                out.rows += 1
                func field(_ c: Int, _ name: String, _ what: String) throws -> String {
                    let text = batch.isAbsent(r, c) ? "" : batch.string(r, c)
                    if text.isEmpty { throw InputError(file: display, line: line, field: name, expected: what, found: "an empty field") }
                    return text
                }
                let probeID = try field(0, columns.probe, "a probe template id")
                if let shard, batch.withField(r, 0, { ShardSpec.shard(of: UnsafeRawBufferPointer($0), count: shard.count) }) != shard.index { continue }
                guard let p = probes.index[probeID] else {
                    throw InputError(file: display, line: line, field: columns.probe, message: "template \(quoted(probeID)) is not in \(probes.display)",
                                     hint: "every probe id must name a template of the dataset's probes table")
                }
                let referenceID = try field(1, columns.reference, "a reference template id")
                guard let q = references.index[referenceID] else {
                    throw InputError(file: display, line: line, field: columns.reference,
                                     message: "template \(quoted(referenceID)) is not in \(references.display)",
                                     hint: "every reference id must name a template of the dataset's gallery table (or of the probes table without one)")
                }
                let text = try field(2, columns.score, "a score")
                guard let value = parseDouble(text) else {
                    throw InputError(file: display, line: line, field: columns.score, expected: "a number", found: quoted(text))
                }
                guard value.isFinite else {
                    throw InputError(file: display, line: line, field: columns.score, expected: "a finite score", found: quoted(text))
                }
                let sameSubject = probes.subject[Int(p)] == references.subject[Int(q)]
                var mated = sameSubject
                if let matedColumn = columns.mated {
                    let flag = try field(3, matedColumn, "1 or 0 (true or false)")
                    switch flag.lowercased() {
                    case "1", "true", "yes": mated = true
                    case "0", "false", "no": mated = false
                    default: throw InputError(file: display, line: line, field: matedColumn, expected: "1 or 0 (true or false)", found: quoted(flag))
                    }
                    if subjectsGiven && mated != sameSubject {
                        throw InputError(file: display, line: line, field: matedColumn,
                                         message: "the row says \(mated ? "mated" : "non-mated"), but the templates' subjects \(sameSubject ? "are the same" : "differ")",
                                         hint: "give subjects in the manifest or a mated column, not both in disagreement")
                    }
                }
                if probes.display == references.display && p == q {
                    throw InputError(file: display, line: line, message: "template \(quoted(probeID)) is compared with itself",
                                     hint: "self-comparisons are not verification trials; leave them out")
                }
                pairs.append((UInt64(UInt32(p)) << 32 | UInt64(UInt32(q)), line))
                out.probe.append(p)
                out.reference.append(q)
                out.score.append(higherIsMatch ? value : -value)
                out.mated.append(mated)
            }
        }
        guard let sha = table.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        out.sha256 = sha
        // Each pair once.
        pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.line < $1.line }
        for k in pairs.indices.dropFirst() where pairs[k].key == pairs[k - 1].key {
            let p = Int(pairs[k].key >> 32), q = Int(pairs[k].key & 0xFFFF_FFFF)
            throw InputError(file: display, line: pairs[k].line,
                             message: "the comparison of \(quoted(probes.ids[p])) with \(quoted(references.ids[q])) is listed twice "
                                 + "(first on line \(pairs[k - 1].line))")
        }
        return out
    }
}
