import EvalKitData

/// Checks an embedding matrix against its templates table before any comparison: one row per
/// template, every value finite, and for cosine similarity no zero vector (its cosine is
/// undefined); then scales rows to unit length for cosine similarity.
enum EmbeddingChecks {
    static func check(_ matrix: inout EmbeddingMatrix, templates: TemplateSet, display: String, cosine: Bool) throws {
        if matrix.rows != templates.count {
            throw InputError(file: display, expected: "\(templates.count) rows, one per template of \(templates.display)",
                             found: "\(matrix.rows) rows", message: "the embeddings and the templates table do not match",
                             hint: "row k of the embeddings is the template on the k-th data row of the table")
        }
        if matrix.columns == 0 && matrix.rows > 0 {
            throw InputError(file: display, expected: "embeddings of at least one dimension", found: "0 columns")
        }
        if let bad = matrix.firstNonFinite() {
            throw InputError(file: display, message: "row \(bad.row) (template \(quoted(templates.ids[bad.row])), \(templates.display):\(templates.lines[bad.row])) "
                                + "has a non-finite value (NaN or infinity) in dimension \(bad.column); \(bad.rowsAffected) row(s) have one",
                             hint: "embeddings must be finite numbers")
        }
        if cosine {
            let zero = matrix.normalizeRows()
            if let first = zero.first {
                throw InputError(file: display, message: "row \(first) (template \(quoted(templates.ids[first])), \(templates.display):\(templates.lines[first])) "
                                    + "is a zero vector, whose cosine similarity is undefined; \(zero.count) row(s) are zero",
                                 hint: "remove failed templates (and report them as failures to enrol), or compare with \"similarity\": \"dot\"")
            }
        }
    }
}
