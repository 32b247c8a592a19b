import EvalKitData
import Foundation

/// Each ground-truth item's true and predicted class in one run, in ground-truth row order: what
/// paired tests (McNemar, the paired bootstrap) need from a baseline. Written beside results.json
/// as a compact binary sidecar (`outcomes/<n>.bin`): one byte per class index when there are
/// fewer than 250 classes, else four, plus a one-line JSON header. A 10-million-row evaluation
/// takes 20 MB, not a 10-million-row JSON.
public struct ItemOutcomes: Sendable {
    /// `predicted` value of an item counted as wrong for want of a prediction.
    public static let noPrediction: Int32 = -1
    /// `truth`/`predicted` value of an item that was not evaluated (left out under `missing: ignore`).
    public static let notEvaluated: Int32 = -2

    public var evaluation: String
    public var groundTruthSHA256: String
    /// Class index → label, in this run's order.
    public var labels: [String]
    public var truth: [Int32] = []
    public var predicted: [Int32] = []
    /// Each item's slice cell (index into `cellKeys`), when the run was sliced.
    public var cells: [Int32] = []
    /// The sliced attributes and each cell's values (for paired tests of one slice).
    public var cellAttributes: [String] = []
    public var cellKeys: [[String]] = []
    /// The positive label of a binary evaluation, and the zero-division policy: enough to
    /// recompute the run's metrics from the outcomes (`evalkit compare`).
    public var positive: String?
    public var zeroDivision = "nan"

    public init(evaluation: String, groundTruthSHA256: String, labels: [String]) {
        self.evaluation = evaluation
        self.groundTruthSHA256 = groundTruthSHA256
        self.labels = labels
    }

    /// Records item `row` (growing the arrays as needed).
    @inline(__always)
    public mutating func set(row: Int, truth t: Int32, predicted p: Int32, cell: Int32 = 0) {
        if row >= truth.count {
            let size = max(row + 1, truth.count * 2, 1024)
            truth += [Int32](repeating: Self.notEvaluated, count: size - truth.count)
            predicted += [Int32](repeating: Self.notEvaluated, count: size - predicted.count)
            cells += [Int32](repeating: 0, count: size - cells.count)
        }
        truth[row] = t
        predicted[row] = p
        cells[row] = cell
    }

    /// Records a batch of items (`rows[i]` has truth `t[i]`, prediction `p[i]`, cell `c[i]`):
    /// one growth check and one uniqueness check per array for the batch, not per item.
    public mutating func set(rows: [Int], truth t: [Int32], predicted p: [Int32], cells c: [Int32]) {
        guard let last = rows.max() else { return }
        if last >= truth.count { set(row: last, truth: Self.notEvaluated, predicted: Self.notEvaluated) }
        truth.withUnsafeMutableBufferPointer { truth in
            predicted.withUnsafeMutableBufferPointer { predicted in
                cells.withUnsafeMutableBufferPointer { cells in
                    for (i, row) in rows.enumerated() {
                        truth[row] = t[i]
                        predicted[row] = p[i]
                        cells[row] = c[i]
                    }
                }
            }
        }
    }

    /// Takes in the items another reader of the same run recorded (a thread's batches), its
    /// class k being class `classMap[k]` here.
    public mutating func absorb(_ other: ItemOutcomes, classMap: [Int]) {
        for row in other.truth.indices where other.truth[row] != Self.notEvaluated {
            let t = other.truth[row], p = other.predicted[row]
            set(row: row, truth: t >= 0 ? Int32(classMap[Int(t)]) : t, predicted: p >= 0 ? Int32(classMap[Int(p)]) : p,
                cell: other.cells[row])
        }
    }

    /// Whether item `row` is in the slice with these attribute values.
    public func isInSlice(_ row: Int, attributes: [String], values: [String]) -> Bool {
        guard row < cells.count, Int(cells[row]) < cellKeys.count else { return false }
        let key = cellKeys[Int(cells[row])]
        for (attribute, value) in zip(attributes, values) {
            guard let position = cellAttributes.firstIndex(of: attribute), position < key.count, key[position] == value else {
                return false
            }
        }
        return true
    }

    /// Trims the arrays to `rows` items.
    public mutating func finish(rows: Int) {
        if truth.count > rows {
            truth.removeLast(truth.count - rows)
            predicted.removeLast(predicted.count - rows)
            cells.removeLast(cells.count - rows)
        } else if truth.count < rows {
            truth += [Int32](repeating: Self.notEvaluated, count: rows - truth.count)
            predicted += [Int32](repeating: Self.notEvaluated, count: rows - predicted.count)
            cells += [Int32](repeating: 0, count: rows - cells.count)
        }
    }

    static let magic = "evalkit-outcomes 1\n"

    public func encoded() -> Data {
        let wide = labels.count >= 250
        let header: JSONOutput = .object([
            ("evaluation", .string(evaluation)), ("ground_truth_sha256", .string(groundTruthSHA256)),
            ("rows", .int(truth.count)), ("labels", .array(labels.map(JSONOutput.string))), ("bytes", .int(wide ? 4 : 1)),
            ("positive", positive.map(JSONOutput.string) ?? .null), ("zero_division", .string(zeroDivision)),
            ("cell_attributes", .array(cellAttributes.map(JSONOutput.string))),
            ("cell_keys", .array(cellKeys.map { .array($0.map(JSONOutput.string)) })),
        ])
        var data = Data(Self.magic.utf8)
        data.append(Data((header.serialized(pretty: false) + "\n").utf8))
        if wide {
            var values = [Int32]()
            values.reserveCapacity(truth.count * 2)
            for i in truth.indices { values.append(truth[i].littleEndian); values.append(predicted[i].littleEndian) }
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        } else {
            var bytes = [UInt8]()
            bytes.reserveCapacity(truth.count * 2)
            for i in truth.indices { bytes.append(UInt8(bitPattern: Int8(truth[i]))); bytes.append(UInt8(bitPattern: Int8(predicted[i]))) }
            data.append(contentsOf: bytes)
        }
        if cellKeys.count > 1 {
            // Each item's cell, 4 bytes little-endian, after the (truth, predicted) pairs.
            var values = cells.map(\.littleEndian)
            if values.count < truth.count { values += [Int32](repeating: 0, count: truth.count - values.count) }
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    public static func decode(_ data: Data, file: String) throws -> ItemOutcomes {
        let bytes = [UInt8](data)
        let magic = Array(Self.magic.utf8)
        guard bytes.starts(with: magic), let end = bytes[magic.count...].firstIndex(of: 0x0A) else {
            throw InputError(file: file, message: "not an evalkit outcomes file")
        }
        let header = try JSONParser.parse(Array(bytes[magic.count..<end]), file: file)
        guard let name = header["evaluation"]?.stringValue, let sha = header["ground_truth_sha256"]?.stringValue,
              let rows = header["rows"]?.numberValue.map(Int.init), let width = header["bytes"]?.numberValue.map(Int.init),
              let labels = header["labels"]?.arrayItems?.compactMap(\.stringValue) else {
            throw InputError(file: file, message: "the outcomes header is incomplete")
        }
        let cellAttributes = header["cell_attributes"]?.arrayItems?.compactMap(\.stringValue) ?? []
        let cellKeys = header["cell_keys"]?.arrayItems?.map { $0.arrayItems?.compactMap(\.stringValue) ?? [] } ?? []
        let cellBytes = cellKeys.count > 1 ? rows * 4 : 0
        let all = bytes[(end + 1)...]
        guard all.count == rows * 2 * width + cellBytes else {
            throw InputError(file: file, expected: "\(rows * 2 * width + cellBytes) bytes", found: "\(all.count)",
                             message: "the outcomes file is truncated")
        }
        let body = all.prefix(rows * 2 * width)
        var outcomes = ItemOutcomes(evaluation: name, groundTruthSHA256: sha, labels: labels)
        outcomes.cellAttributes = cellAttributes
        outcomes.cellKeys = cellKeys
        outcomes.positive = header["positive"]?.stringValue
        outcomes.zeroDivision = header["zero_division"]?.stringValue ?? "nan"
        outcomes.truth.reserveCapacity(rows)
        outcomes.predicted.reserveCapacity(rows)
        var index = body.startIndex
        for _ in 0..<rows {
            if width == 1 {
                outcomes.truth.append(Int32(Int8(bitPattern: body[index])))
                outcomes.predicted.append(Int32(Int8(bitPattern: body[index + 1])))
                index += 2
            } else {
                func int32(_ at: Int) -> Int32 {
                    Int32(bitPattern: UInt32(body[at]) | UInt32(body[at + 1]) << 8 | UInt32(body[at + 2]) << 16 | UInt32(body[at + 3]) << 24)
                }
                outcomes.truth.append(int32(index))
                outcomes.predicted.append(int32(index + 4))
                index += 8
            }
        }
        if cellBytes > 0 {
            var at = all.startIndex + rows * 2 * width
            outcomes.cells.reserveCapacity(rows)
            for _ in 0..<rows {
                outcomes.cells.append(Int32(bitPattern: UInt32(all[at]) | UInt32(all[at + 1]) << 8 | UInt32(all[at + 2]) << 16
                                                        | UInt32(all[at + 3]) << 24))
                at += 4
            }
        } else {
            outcomes.cells = [Int32](repeating: 0, count: rows)
        }
        return outcomes
    }
}
