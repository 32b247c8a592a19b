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

    public init(evaluation: String, groundTruthSHA256: String, labels: [String]) {
        self.evaluation = evaluation
        self.groundTruthSHA256 = groundTruthSHA256
        self.labels = labels
    }

    /// Records item `row` (growing the arrays as needed).
    @inline(__always)
    public mutating func set(row: Int, truth t: Int32, predicted p: Int32) {
        if row >= truth.count {
            let size = max(row + 1, truth.count * 2, 1024)
            truth += [Int32](repeating: Self.notEvaluated, count: size - truth.count)
            predicted += [Int32](repeating: Self.notEvaluated, count: size - predicted.count)
        }
        truth[row] = t
        predicted[row] = p
    }

    /// Trims the arrays to `rows` items.
    public mutating func finish(rows: Int) {
        if truth.count > rows {
            truth.removeLast(truth.count - rows)
            predicted.removeLast(predicted.count - rows)
        } else if truth.count < rows {
            truth += [Int32](repeating: Self.notEvaluated, count: rows - truth.count)
            predicted += [Int32](repeating: Self.notEvaluated, count: rows - predicted.count)
        }
    }

    static let magic = "evalkit-outcomes 1\n"

    public func encoded() -> Data {
        let wide = labels.count >= 250
        let header: JSONOutput = .object([
            ("evaluation", .string(evaluation)), ("ground_truth_sha256", .string(groundTruthSHA256)),
            ("rows", .int(truth.count)), ("labels", .array(labels.map(JSONOutput.string))), ("bytes", .int(wide ? 4 : 1)),
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
        let body = bytes[(end + 1)...]
        guard body.count == rows * 2 * width else {
            throw InputError(file: file, expected: "\(rows * 2 * width) bytes", found: "\(body.count)", message: "the outcomes file is truncated")
        }
        var outcomes = ItemOutcomes(evaluation: name, groundTruthSHA256: sha, labels: labels)
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
        return outcomes
    }
}
