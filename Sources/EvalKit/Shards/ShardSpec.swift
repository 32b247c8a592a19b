import Foundation
import EvalKitData

/// One shard of a run: shard `index` (0-based) of `count`. An item belongs to the shard
/// `splitmix64(fnv1a64(key)) mod count`, where `key` is the UTF-8 bytes of its id as written in
/// the ground truth (tabular tasks) or of its image id (detection): stable across processes,
/// machines and evalkit versions of the same state format (docs/scale.md, "Which shard an item
/// belongs to").
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "ShardSpec: index outside the count")
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// Counts that describe the whole input (rows of a file, notes on the ground truth), which
    /// every shard reads in full, are reported by the first shard only, so that the merge adds
    /// them up to the single run's.
    public var reportsWholeInputs: Bool { index == 0 }

    /// The shard of an item key.
    @inline(__always)
    public static func shard(of key: UnsafeRawBufferPointer, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        // splitmix64's finaliser spreads FNV's low bits.
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return Int(hash % UInt64(count))
    }

    @inline(__always)
    public func contains(key: UnsafeRawBufferPointer) -> Bool { Self.shard(of: key, count: count) == index }

    public func contains(key: String) -> Bool {
        var key = key
        return key.withUTF8 { contains(key: UnsafeRawBufferPointer($0)) }
    }

    /// Parses `I/N` (`--shard`): 0 ≤ I < N.
    public static func parse(_ text: String, what: String) throws -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw InputError(file: source(what), field: what, expected: "I/N, shard I (counted from 0) of N shards, e.g. 0/4", found: quoted(text))
        }
        return try make(index: index, count: count, what: what, text: text)
    }

    static func make(index: Int, count: Int, what: String, text: String) throws -> ShardSpec {
        guard count >= 1, count <= 1 << 20 else {
            throw InputError(file: source(what), field: what, expected: "a shard count from 1 to \(1 << 20)", found: quoted(text))
        }
        guard (0..<count).contains(index) else {
            throw InputError(file: source(what), field: what, expected: "a shard index from 0 to \(count - 1) (shards are counted from 0)", found: quoted(text))
        }
        return ShardSpec(index: index, count: count)
    }

    /// The shard from the options or from the environment of a job engine:
    /// - `--shard I/N`;
    /// - a Kubernetes Indexed Job: `JOB_COMPLETION_INDEX`, with the count from `--shards N` or `EVALKIT_SHARDS`;
    /// - a Slurm job array: `SLURM_ARRAY_TASK_ID` minus `SLURM_ARRAY_TASK_MIN` (0 when unset), of
    ///   `SLURM_ARRAY_TASK_COUNT` (or `--shards N` / `EVALKIT_SHARDS`).
    /// nil when none applies (the run is not sharded).
    public static func resolve(option: String?, shards: Int?, environment: [String: String]) throws -> ShardSpec? {
        if let option {
            let spec = try parse(option, what: "--shard")
            if let shards, shards != spec.count {
                throw InputError(file: "command line", field: "--shards", expected: "the count of --shard (\(spec.count))", found: "\(shards)")
            }
            return spec
        }
        let declaredCount = try shards.map { try count($0, what: "--shards") }
            ?? environment["EVALKIT_SHARDS"].map { try count(parseInt($0, what: "EVALKIT_SHARDS"), what: "EVALKIT_SHARDS") }
        if let text = environment["JOB_COMPLETION_INDEX"], !text.isEmpty {
            let index = try parseInt(text, what: "JOB_COMPLETION_INDEX")
            guard let declaredCount else {
                throw InputError(file: "environment", field: "JOB_COMPLETION_INDEX", message: "the environment gives a shard index (JOB_COMPLETION_INDEX=\(text), "
                                 + "a Kubernetes Indexed Job) but no shard count",
                                 hint: "pass --shards N (the Job's completions) or set EVALKIT_SHARDS=N")
            }
            return try make(index: index, count: declaredCount, what: "JOB_COMPLETION_INDEX", text: "\(text) of \(declaredCount)")
        }
        if let text = environment["SLURM_ARRAY_TASK_ID"], !text.isEmpty {
            let id = try parseInt(text, what: "SLURM_ARRAY_TASK_ID")
            let minimum = try environment["SLURM_ARRAY_TASK_MIN"].map { try parseInt($0, what: "SLURM_ARRAY_TASK_MIN") } ?? 0
            let slurmCount = try environment["SLURM_ARRAY_TASK_COUNT"].map { try parseInt($0, what: "SLURM_ARRAY_TASK_COUNT") }
            guard let total = declaredCount ?? slurmCount else {
                throw InputError(file: "environment", field: "SLURM_ARRAY_TASK_ID", message: "the environment gives a shard index (SLURM_ARRAY_TASK_ID=\(text), "
                                 + "a Slurm job array) but no shard count (SLURM_ARRAY_TASK_COUNT is unset)",
                                 hint: "pass --shards N or set EVALKIT_SHARDS=N")
            }
            return try make(index: id - minimum, count: total, what: "SLURM_ARRAY_TASK_ID",
                            text: "\(text) (minimum \(minimum)) of \(total)")
        }
        return nil
    }

    /// Where a value came from: the command line (`--shard`) or the environment.
    private static func source(_ what: String) -> String { what.hasPrefix("--") ? "command line" : "environment" }

    private static func parseInt(_ text: String, what: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw InputError(file: source(what), field: what, expected: "an integer", found: quoted(text))
        }
        return value
    }

    private static func count(_ value: Int, what: String) throws -> Int {
        guard value >= 1, value <= 1 << 20 else {
            throw InputError(file: source(what), field: what, expected: "a shard count from 1 to \(1 << 20)", found: "\(value)")
        }
        return value
    }
}
