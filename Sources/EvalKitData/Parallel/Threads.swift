import Dispatch
import Foundation

/// How many threads a run uses for reading, matching and resampling (`--threads N`, default all
/// the cores this process may use). One thread runs every stage in turn on the calling thread,
/// with no helper thread (no background reading, hashing or sorting); N threads split the
/// work into chunks whose states merge exactly, so the results do not depend on N
/// (docs/scale.md, "Both cores").
public struct Threads: Sendable, Equatable, CustomStringConvertible {
    public let count: Int
    /// Rows per batch of a table: the unit of work a reading thread hands to a worker (tests
    /// make it small to split small files).
    public let batchRows: Int

    public init(_ count: Int, batchRows: Int = 1 << 16) {
        precondition(count >= 1 && batchRows >= 1)
        self.count = count
        self.batchRows = batchRows
    }

    /// One thread: every stage on the calling thread.
    public static let one = Threads(1)

    /// Whether helper threads may be used.
    public var isParallel: Bool { count > 1 }

    /// The cores this process may run on (its CPU affinity).
    public static var available: Threads { Threads(max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    public var description: String { String(count) }

    /// `--threads N` (1 to 1024), else `EVALKIT_THREADS`, else every available core.
    public static func resolve(option: Int?, environment: [String: String]) throws -> Threads {
        if let option {
            guard (1...1024).contains(option) else {
                throw InputError(file: "command line", field: "--threads", expected: "a thread count from 1 to 1024",
                                 found: String(option), message: "invalid thread count")
            }
            return Threads(option)
        }
        if let text = environment["EVALKIT_THREADS"], !text.isEmpty {
            guard let value = Int(text), (1...1024).contains(value) else {
                throw InputError(file: "environment", field: "EVALKIT_THREADS", expected: "a thread count from 1 to 1024",
                                 found: quoted(text), message: "invalid thread count")
            }
            return Threads(value)
        }
        return available
    }

    /// Runs `body(i)` for i in 0..<n on up to `count` threads (the calling thread is one of
    /// them) and returns the results in index order. The first error (by index) is rethrown.
    public func map<T, E: Error>(_ n: Int, _ body: (Int) throws(E) -> T) throws(E) -> [T] {
        if n <= 1 || count == 1 { return try (0..<n).map(body) }
        let results = SendableSlots<Result<T, E>>(count: n)
        withoutActuallyEscaping(body) { body in
            let shared = SendableBox(body)
            DispatchQueue.concurrentPerform(iterations: min(n, count)) { worker in
                for i in stride(from: worker, to: n, by: min(n, count)) {
                    results.set(i, Result { () throws(E) -> T in try shared.value(i) })
                }
            }
        }
        return try results.values().map { (result) throws(E) -> T in try result.get() }
    }
}

extension Threads {
    /// `first()` and `second()`, at once when there are several threads, else one after the other
    /// on the calling thread. The first error (of `first`, then of `second`) is rethrown.
    public func both<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
        let results = try map(2) { i in i == 0 ? Either<A, B>.first(try first()) : .second(try second()) }
        guard case .first(let a) = results[0], case .second(let b) = results[1] else { preconditionFailure("both: results out of order") }
        return (a, b)
    }
}

/// The result of one of two different functions.
private enum Either<A, B> {
    case first(A)
    case second(B)
}

/// A value shared with other threads, whose safety the caller guarantees (each thread reads it
/// only, or owns a disjoint part).
public struct SendableBox<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// Slots written once each, by index, from several threads (disjoint indices, no lock).
public final class SendableSlots<Value>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Value?>
    private let count: Int
    public init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    public func set(_ index: Int, _ value: Value) { base[index] = value }
    public func values() -> [Value] { (0..<count).map { base[$0]! } }
}
