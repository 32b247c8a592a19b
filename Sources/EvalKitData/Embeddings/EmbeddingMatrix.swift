/// A row-major float32 matrix of embeddings: `rows` templates × `columns` dimensions.
///
/// `values[row * columns + column]` is the value at (`row`, `column`); `values.count` is
/// `rows * columns`. A matrix may have no rows (an empty gallery); `EmbeddingReader` never returns
/// one with no columns.
public struct EmbeddingMatrix: Sendable {
    /// Number of templates (one embedding each).
    public var rows: Int
    /// Number of dimensions of every embedding.
    public var columns: Int
    /// `rows * columns` values, row after row.
    public var values: [Float]

    /// A matrix over `values` (which must hold `rows * columns` values, row-major).
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "EmbeddingMatrix: \(values.count) values for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The values of one row (one template's embedding).
    public func row(_ index: Int) -> ArraySlice<Float> {
        precondition(index >= 0 && index < rows, "EmbeddingMatrix: row \(index) of \(rows)")
        return values[index * columns ..< (index + 1) * columns]
    }
}
