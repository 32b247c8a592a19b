import EvalKitData
import Foundation

/// A state file: what one shard of a run read, as self-describing bytes (docs/scale.md, "State
/// files"). The first line is `evalkit-state`; the second a one-line JSON header (format
/// version, evalkit version, scheme path and sha256, `--predictions` arguments, shard, and per
/// evaluation its task, setup digest, every data file's sha256 and the length and sha256 of its
/// payload); then each evaluation's payload: state names, the reading's counts and notes, the
/// slice cells' keys and one state per cell (`PortableValue`, little-endian).
public struct StateFile {
    public static let magic = "evalkit-state\n"
    public static let format = 1

    public struct Evaluation {
        public var name: String
        public var task: String
        public var setupSHA256: String
        public var files: [InputsRead.FileDigest]
        /// Names, inputs, cell keys and states (see `ShardStates`).
        public var payload: [UInt8]
    }

    public var evalkitVersion = EvalKitVersion.current
    /// The scheme's absolute path, and the path as the shard's command named it.
    public var schemePath: String
    public var schemeDisplayPath = ""
    public var schemeSHA256: String
    /// The `--predictions` arguments as given, and with their paths made absolute.
    public var predictions: [String]
    public var resolvedPredictions: [String] = []
    public var shard: ShardSpec
    public var evaluations: [Evaluation]
    /// Where the file was read from (for messages).
    public var path = ""

    public var bytes: [UInt8] {
        let header = JSONOutput.object([
            ("format", .int(Self.format)),
            ("evalkit_version", .string(evalkitVersion)),
            ("scheme", .object([("path", .string(schemePath)), ("display_path", .string(schemeDisplayPath)),
                                ("sha256", .string(schemeSHA256))])),
            ("predictions", .array(predictions.map(JSONOutput.string))),
            ("resolved_predictions", .array(resolvedPredictions.map(JSONOutput.string))),
            ("shard", .object([("index", .int(shard.index)), ("count", .int(shard.count))])),
            ("evaluations", .array(evaluations.map { e in
                .object([
                    ("name", .string(e.name)), ("task", .string(e.task)), ("setup_sha256", .string(e.setupSHA256)),
                    ("files", .array(e.files.map { f in
                        .object([("role", .string(f.role)), ("path", .string(f.path)), ("sha256", .string(f.sha256)), ("rows", .int(f.rows))])
                    })),
                    ("payload_bytes", .int(e.payload.count)), ("payload_sha256", .string(sha256Hex(of: e.payload))),
                ])
            })),
        ]).serialized(pretty: false)
        var bytes = Array(Self.magic.utf8) + Array(header.utf8) + [UInt8(ascii: "\n")]
        for evaluation in evaluations { bytes += evaluation.payload }
        return bytes
    }

    /// Reads and checks a state file: its kind, format and evalkit version, and that every
    /// payload is whole (length and sha256). Throws `InputError` naming the file.
    public static func read(path: String) throws -> StateFile {
        let bytes = try readSmallFile(path: path, display: path)
        func fail(_ message: String, hint: String? = nil) -> InputError { InputError(file: path, message: message, hint: hint) }
        let magic = Array(Self.magic.utf8)
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw fail("not an evalkit state file (it does not begin with \"evalkit-state\")",
                       hint: "state files are written by `evalkit run SCHEME --shard I/N --state-out FILE`")
        }
        guard let end = bytes[magic.count...].firstIndex(of: UInt8(ascii: "\n")) else {
            throw fail("the state file is truncated: its header line is incomplete")
        }
        let header: JSONNode
        do {
            header = try JSONParser.parse(Array(bytes[magic.count..<end]), file: path)
        } catch {
            throw fail("the state file's header is not valid JSON (a corrupt file?)")
        }
        guard let format = header["format"]?.numberValue else { throw fail("the state file's header has no format") }
        guard Int(format) == Self.format else {
            throw fail("state file format \(Int(format)), this evalkit reads format \(Self.format)",
                       hint: "merge states written by the same evalkit version")
        }
        let version = header["evalkit_version"]?.stringValue ?? "?"
        guard version == EvalKitVersion.current else {
            throw fail("written by evalkit \(version); this is evalkit \(EvalKitVersion.current)",
                       hint: "run every shard and the merge with the same evalkit version")
        }
        guard let schemePath = header["scheme"]?["path"]?.stringValue, let schemeSHA = header["scheme"]?["sha256"]?.stringValue,
              let index = header["shard"]?["index"]?.numberValue, let count = header["shard"]?["count"]?.numberValue,
              count >= 1, index >= 0, index < count, let items = header["evaluations"]?.arrayItems else {
            throw fail("the state file's header lacks the scheme, the shard or the evaluations (a corrupt file?)")
        }
        var file = StateFile(schemePath: schemePath, schemeSHA256: schemeSHA,
                             predictions: header["predictions"]?.arrayItems?.compactMap(\.stringValue) ?? [],
                             shard: ShardSpec(index: Int(index), count: Int(count)), evaluations: [], path: path)
        file.evalkitVersion = version
        file.schemeDisplayPath = header["scheme"]?["display_path"]?.stringValue ?? schemePath
        file.resolvedPredictions = header["resolved_predictions"]?.arrayItems?.compactMap(\.stringValue) ?? file.predictions
        var offset = end + 1
        for item in items {
            guard let name = item["name"]?.stringValue, let task = item["task"]?.stringValue,
                  let setup = item["setup_sha256"]?.stringValue, let length = item["payload_bytes"]?.numberValue,
                  let sha = item["payload_sha256"]?.stringValue, let files = item["files"]?.arrayItems else {
                throw fail("the state file's header describes an evaluation incompletely (a corrupt file?)")
            }
            let size = Int(length)
            guard size >= 0, offset + size <= bytes.count else {
                throw fail("the state file is truncated: evaluation \(quoted(name)) needs \(size) bytes, \(bytes.count - offset) are left")
            }
            let payload = Array(bytes[offset..<(offset + size)])
            guard sha256Hex(of: payload) == sha else {
                throw fail("the state file is corrupt: evaluation \(quoted(name))'s bytes do not match their sha256")
            }
            offset += size
            let digests = try files.map { f -> InputsRead.FileDigest in
                guard let role = f["role"]?.stringValue, let p = f["path"]?.stringValue, let s = f["sha256"]?.stringValue,
                      let rows = f["rows"]?.numberValue else { throw fail("the state file's header lists a data file incompletely") }
                return .init(role: role, path: p, sha256: s, rows: Int(rows))
            }
            file.evaluations.append(Evaluation(name: name, task: task, setupSHA256: setup, files: digests, payload: payload))
        }
        guard offset == bytes.count else {
            throw fail("the state file has \(bytes.count - offset) bytes after its last evaluation (a corrupt file?)")
        }
        return file
    }
}
