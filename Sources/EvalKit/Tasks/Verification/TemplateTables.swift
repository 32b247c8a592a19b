import EvalKitData

/// One set of templates (the probes, or the gallery): each template's id, subject and line, in
/// file order (the k-th data row describes row k of an embedding matrix).
struct TemplateSet {
    var display: String
    var ids: [String] = []
    /// Subject index (into `SubjectTable.names`) per template.
    var subject: [Int32] = []
    var lines: [Int] = []
    var index: [String: Int32] = [:]
    var sha256 = ""
    var count: Int { ids.count }
}

/// The subjects of a verification dataset: names (sorted, so every reading numbers them alike),
/// each subject's group (its combination of the slicing attributes' values) and how many probe and
/// reference templates it has. Kept as the states' names (`StateNames`): the bootstrap's impostor
/// denominators are computed from these counts.
struct SubjectTable: Equatable {
    var names: [String] = []
    var group: [Int32] = []
    var probeTemplates: [Int64] = []
    var referenceTemplates: [Int64] = []
    /// Group index → the slicing attributes' values.
    var groups: [[String]] = [[]]
    /// The slicing attributes, in the order of a group's values.
    var attributes: [String] = []

    static let spaces = ["subjects", "subject_groups", "subject_probe_templates", "subject_reference_templates", "groups"]

    var stateNames: StateNames {
        StateNames(["subjects": names, "subject_groups": group.map { String($0) },
                    "subject_probe_templates": probeTemplates.map { String($0) },
                    "subject_reference_templates": referenceTemplates.map { String($0) },
                    "groups": groups.map { $0.joined(separator: "\u{1F}") }, "group_attributes": attributes])
    }

    init() {}

    init?(_ names: StateNames) {
        guard let subjects = names.spaces["subjects"], let groups = names.spaces["groups"],
              let g = names.spaces["subject_groups"]?.compactMap(Int32.init), g.count == subjects.count,
              let p = names.spaces["subject_probe_templates"]?.compactMap(Int64.init), p.count == subjects.count,
              let r = names.spaces["subject_reference_templates"]?.compactMap(Int64.init), r.count == subjects.count
        else { return nil }
        self.names = subjects
        group = g
        probeTemplates = p
        referenceTemplates = r
        attributes = names["group_attributes"]
        self.groups = groups.map { attributes.isEmpty ? [] : $0.components(separatedBy: "\u{1F}") }
    }
}

/// Reads the templates tables (probes: the ground truth; gallery: role `gallery`) and the subjects
/// table (role `metadata`), checking ids, subjects and attributes.
enum TemplateTables {
    struct Columns {
        var id: String
        /// nil: each template is its own subject (score lists with a `mated` column).
        var subject: String?
    }

    /// One row of a templates table.
    private struct Row { var id: String; var subject: String; var attributes: [String?]; var line: Int }

    static func readTemplates(_ file: DatasetManifest.File, columns: Columns, attributes: [String], threads: Threads,
                              progress: ProgressReporter = .off)
        throws -> (rows: [(id: String, subject: String, attributes: [String?], line: Int)], sha256: String)
    {
        let display = file.displayPath
        let table = try openTable(path: file.resolvedPath, displayPath: display, format: file.format ?? .csv, csv: file.csv) { header in
            var names = [columns.id]
            if let subject = columns.subject { names.append(subject) }
            return unique(names + attributes.filter { header?.contains($0) ?? true })
        }
        table.reportProgress(to: progress)
        if !threads.isParallel { table.readOnCallingThread() }
        let selected = table.selectedColumns
        let at = Dictionary(selected.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [(id: String, subject: String, attributes: [String?], line: Int)] = []
        var seen: [String: Int] = [:]
        var batch = FieldBatch(columns: selected)
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                let line = batch.line(r)
                let id = batch.string(r, at[columns.id]!)
                if id.isEmpty {
                    throw InputError(file: display, line: line, field: columns.id, expected: "a template id", found: "an empty field")
                }
                if let first = seen[id] {
                    throw InputError(file: display, line: line, field: columns.id,
                                     message: "template \(quoted(id)) is listed twice (first on line \(first))",
                                     hint: "every template id names one row of the embeddings and one comparison side")
                }
                seen[id] = line
                var subject = id
                if let column = columns.subject {
                    subject = batch.isAbsent(r, at[column]!) ? "" : batch.string(r, at[column]!)
                    if subject.isEmpty {
                        throw InputError(file: display, line: line, field: column, expected: "the template's subject id", found: "an empty field")
                    }
                }
                let values = attributes.map { name -> String? in
                    guard let c = at[name], !batch.isAbsent(r, c) else { return nil }
                    let value = batch.string(r, c)
                    return value.isEmpty ? nil : value
                }
                rows.append((id, subject, values, line))
            }
        }
        guard let sha = table.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        try file.checkDigest(sha, displayPath: display)
        return (rows, sha)
    }

    /// The subjects table: subject → attribute values (nil where empty).
    static func readSubjects(_ file: DatasetManifest.File, subjectColumn: String, attributes: [String], threads: Threads,
                             progress: ProgressReporter = .off)
        throws -> (values: [String: [String?]], present: [Bool], sha256: String)
    {
        let display = file.displayPath
        let table = try openTable(path: file.resolvedPath, displayPath: display, format: file.format ?? .csv, csv: file.csv) { header in
            unique([subjectColumn] + attributes.filter { header?.contains($0) ?? true })
        }
        table.reportProgress(to: progress)
        if !threads.isParallel { table.readOnCallingThread() }
        let selected = table.selectedColumns
        let at = Dictionary(selected.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var values: [String: [String?]] = [:]
        var lines: [String: Int] = [:]
        var batch = FieldBatch(columns: selected)
        while try table.nextBatch(&batch, capacity: 4096) {
            for r in 0..<batch.count {
                let line = batch.line(r)
                let subject = batch.string(r, at[subjectColumn]!)
                if subject.isEmpty {
                    throw InputError(file: display, line: line, field: subjectColumn, expected: "a subject id", found: "an empty field")
                }
                if let first = lines[subject] {
                    throw InputError(file: display, line: line, field: subjectColumn,
                                     message: "subject \(quoted(subject)) is listed twice (first on line \(first))")
                }
                lines[subject] = line
                values[subject] = attributes.map { name -> String? in
                    guard let c = at[name], !batch.isAbsent(r, c) else { return nil }
                    let value = batch.string(r, c)
                    return value.isEmpty ? nil : value
                }
            }
        }
        guard let sha = table.sha256 else { throw InternalError("reader gave no sha256 at end of file") }
        try file.checkDigest(sha, displayPath: display)
        // A CSV column is present when its header has it; a JSONL key when some line has it.
        let isCSV = (file.format ?? .csv) == .csv
        let present = attributes.indices.map { a in
            selected.contains(attributes[a]) && (isCSV || values.values.contains { $0[a] != nil })
        }
        return (values, present, sha)
    }

    /// Builds the template sets and the subject table. Attributes are the subject's: from the
    /// subjects table where it has the column, else from the templates tables, where every
    /// template of a subject must agree. A missing value is the group `<missing>`.
    static func build(probes: (rows: [(id: String, subject: String, attributes: [String?], line: Int)], sha256: String, display: String),
                      gallery: (rows: [(id: String, subject: String, attributes: [String?], line: Int)], sha256: String, display: String)?,
                      subjects: (values: [String: [String?]], present: [Bool], display: String)?, attributes: [String], subjectColumn: String?)
        throws -> (probes: TemplateSet, gallery: TemplateSet?, subjects: SubjectTable)
    {
        var names = Set(probes.rows.map(\.subject))
        if let gallery { names.formUnion(gallery.rows.map(\.subject)) }
        let sorted = names.sorted()
        let subjectIndex = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
        // Attribute values per subject.
        var values = [[String?]](repeating: attributes.map { _ in nil }, count: sorted.count)
        var valueSource = [[String]](repeating: attributes.map { _ in "" }, count: sorted.count)
        let inSubjectsTable = subjects?.present ?? attributes.map { _ in false }
        func take(_ set: (rows: [(id: String, subject: String, attributes: [String?], line: Int)], sha256: String, display: String)) throws {
            for row in set.rows {
                let s = Int(subjectIndex[row.subject]!)
                for a in attributes.indices where !inSubjectsTable[a] {
                    guard let value = row.attributes[a] else { continue }
                    if let earlier = values[s][a], earlier != value {
                        throw InputError(file: set.display, line: row.line, field: attributes[a],
                                         message: "subject \(quoted(row.subject)) has \(quoted(earlier)) (\(valueSource[s][a])) and \(quoted(value)) here",
                                         hint: "attributes are the subject's: every template of a subject must agree")
                    }
                    values[s][a] = value
                    valueSource[s][a] = "\(set.display):\(row.line)"
                }
            }
        }
        try take(probes)
        if let gallery { try take(gallery) }
        if let subjects {
            for (s, name) in sorted.enumerated() {
                guard let row = subjects.values[name] else {
                    if inSubjectsTable.contains(true) {
                        throw InputError(file: subjects.display, field: subjectColumn,
                                         message: "subject \(quoted(name)) of the templates is not in the subjects table",
                                         hint: "list every subject with its attributes")
                    }
                    continue
                }
                for a in attributes.indices where inSubjectsTable[a] { values[s][a] = row[a] }
            }
        }
        // Groups: the distinct combinations, sorted.
        let combos = values.map { $0.map { $0 ?? AttributeCells.missingValue } }
        let groupList = Array(Set(combos)).sorted { Slicing.valuesPrecede($0, $1) }
        let groupIndex = Dictionary(uniqueKeysWithValues: groupList.enumerated().map { ($1, Int32($0)) })
        var table = SubjectTable()
        table.names = sorted
        table.attributes = attributes
        table.groups = groupList.isEmpty ? [[]] : groupList
        table.group = combos.map { groupIndex[$0] ?? 0 }
        table.probeTemplates = [Int64](repeating: 0, count: sorted.count)
        table.referenceTemplates = [Int64](repeating: 0, count: sorted.count)
        func set(_ source: (rows: [(id: String, subject: String, attributes: [String?], line: Int)], sha256: String, display: String)) -> TemplateSet {
            var set = TemplateSet(display: source.display)
            set.ids = source.rows.map(\.id)
            set.subject = source.rows.map { subjectIndex[$0.subject]! }
            set.lines = source.rows.map(\.line)
            set.index = Dictionary(uniqueKeysWithValues: set.ids.enumerated().map { ($1, Int32($0)) })
            set.sha256 = source.sha256
            return set
        }
        let probeSet = set(probes)
        let gallerySet = gallery.map(set)
        for s in probeSet.subject { table.probeTemplates[Int(s)] += 1 }
        for s in (gallerySet ?? probeSet).subject { table.referenceTemplates[Int(s)] += 1 }
        return (probeSet, gallerySet, table)
    }
}
