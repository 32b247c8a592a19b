import EvalKitData
import Foundation  // Thread and NSCondition for the workers: one lock round trip per batch, never per row.

/// One batch of a join, split in two: what must be done in file order (ids checked for
/// duplicates, slice cells numbered, predictions looked up) by `scan` on the reading thread, and
/// the rest (labels and scores parsed, states updated) by `process`, on the reading thread or on
/// a worker with its own fork of the consumer.
struct JoinWork {
    var batch: FieldBatch
    /// One file: the item index of the batch's first row, the rows scanned (an error stops the
    /// scan; the rows before it are still processed, so errors come in file order), each row's
    /// slice cell and whether it is paired (in the shard).
    var base = 0
    var rows = 0
    var cells: [Int32] = []
    var paired: [Bool] = []
    /// Two files: the prediction rows to pair and their ground-truth rows.
    var pairs: [(row: Int32, truthRow: Int32)] = []
    /// The file's path as the user named it (for messages).
    var displayPath: String

    init(batch: FieldBatch, displayPath: String) {
        self.batch = batch
        self.displayPath = displayPath
    }

    /// Empties the work for the next batch, keeping every array's storage.
    mutating func reset() {
        batch.removeAll()
        resetRows()
    }

    /// Empties what was scanned of the batch (not the batch, which its reader refills).
    mutating func resetRows() {
        base = 0
        rows = 0
        cells.removeAll(keepingCapacity: true)
        paired.removeAll(keepingCapacity: true)
        pairs.removeAll(keepingCapacity: true)
    }
}

/// The ground-truth records of a two-file join, shared read-only with the workers.
struct TruthRecords<Truth> {
    let records: [Truth]
    let cells: [Int32]
}

/// Why a join on several threads gave up: an input error, or forks that cannot merge as one
/// reading would. The join then reads again on one thread, which reports the first error in
/// file order exactly as a one-thread run does.
struct ParallelJoinFailed: Error {}

extension TabularJoin {
    /// At most this many workers pair rows: the rows are scanned on one thread, which more
    /// workers would only wait for, and each worker holds its own states and batches.
    static let maximumWorkers = 8

    /// One file: reads each row's ground truth and pairs the rows of the shard.
    static func readAndPair<Consumer: JoinConsumer>(_ consumer: inout Consumer, _ work: JoinWork) throws {
        let batch = work.batch
        let decoder = FieldDecoder(displayPath: work.displayPath, batch: batch)
        consumer.beginBatch(columns: batch.columns)
        for row in 0..<work.rows {
            let truth = try consumer.readTruth(decoder, row)
            if work.paired[row] { try consumer.pair(truth, cell: work.cells[row], item: work.base + row, decoder, row) }
        }
        consumer.endBatch()
    }

    /// Two files: pairs each prediction row with its ground-truth record.
    static func pairWithTruth<Consumer: JoinConsumer>(_ consumer: inout Consumer, _ work: JoinWork,
                                                      truth: TruthRecords<Consumer.Truth>) throws {
        let batch = work.batch
        let decoder = FieldDecoder(displayPath: work.displayPath, batch: batch)
        consumer.beginBatch(columns: batch.columns)
        for (row, truthRow) in work.pairs {
            let t = Int(truthRow)
            try consumer.pair(truth.records[t], cell: truth.cells[t], item: t, decoder, Int(row))
        }
        consumer.endBatch()
    }

    /// Streams `source` batch by batch: `scan` on this thread, `process` here too (one thread,
    /// or a pipe or standard input, which could not be read again after a failure), or on
    /// `threads` workers whose forks of `consumer` are absorbed at the end.
    func stream<Consumer: JoinConsumer>(
        _ source: any TabularSource, _ consumer: inout Consumer, threads: Threads,
        process: @escaping (inout Consumer, JoinWork) throws -> Void,
        scan: (FieldBatch, inout JoinWork) throws -> Void
    ) throws {
        guard threads.isParallel, source.totalBytes != nil else {
            if !threads.isParallel { source.readOnCallingThread() }
            var work = JoinWork(batch: FieldBatch(columns: source.selectedColumns), displayPath: source.displayPath)
            while try source.nextBatch(&work.batch, capacity: threads.batchRows) {
                work.resetRows()
                var scanError: (any Error)?
                do { try scan(work.batch, &work) } catch { scanError = error }
                try process(&consumer, work)
                if let scanError { throw scanError }
            }
            return
        }
        let workers = min(threads.count, Self.maximumWorkers)
        let pipeline = JoinPipeline(forks: (0..<workers).map { _ in consumer.fork() }, process: process)
        do {
            // Work items (a batch and its scanned rows) go round between this thread and the
            // workers, so no memory is allocated per batch.
            var work = pipeline.recycledWork() ?? JoinWork(batch: FieldBatch(columns: source.selectedColumns), displayPath: source.displayPath)
            while try source.nextBatch(&work.batch, capacity: threads.batchRows) {
                try scan(work.batch, &work)
                try pipeline.submit(work)
                work = pipeline.recycledWork() ?? JoinWork(batch: FieldBatch(columns: source.selectedColumns), displayPath: source.displayPath)
            }
            let forks = try pipeline.finish()
            var merged = consumer
            try merged.absorb(forks)
            consumer = merged
        } catch {
            pipeline.cancel()
            throw ParallelJoinFailed()
        }
    }
}

/// The workers of a join on several threads: a bounded queue of scanned batches, each taken by
/// the first free worker and processed into that worker's fork; emptied batches come back for
/// the reader to fill again.
final class JoinPipeline<Consumer: JoinConsumer>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [JoinWork] = []
    private var free: [JoinWork] = []
    private var closed = false
    private var failed = false
    private var running: Int
    private let capacity: Int
    private let results: SendableSlots<Consumer>

    init(forks: [Consumer], process: @escaping (inout Consumer, JoinWork) throws -> Void) {
        running = forks.count
        capacity = forks.count
        results = SendableSlots(count: forks.count)
        for (index, fork) in forks.enumerated() {
            let start = SendableBox((fork, process))
            let thread = Thread { [self] in
                var (consumer, process) = start.value
                work(&consumer, process)
                results.set(index, consumer)
                condition.lock()
                running -= 1
                condition.broadcast()
                condition.unlock()
            }
            thread.name = "evalkit-join"
            thread.start()
        }
    }

    /// A worker's loop: takes batches until the queue is closed and empty, or a worker failed.
    private func work(_ consumer: inout Consumer, _ process: (inout Consumer, JoinWork) throws -> Void) {
        while true {
            condition.lock()
            while queue.isEmpty && !closed && !failed { condition.wait() }
            if failed || queue.isEmpty {
                condition.unlock()
                return
            }
            var item = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            var ok = true
            do { try process(&consumer, item) } catch { ok = false }
            item.reset()
            condition.lock()
            if ok { free.append(item) } else { failed = true }
            condition.broadcast()
            condition.unlock()
            if !ok { return }
        }
    }

    /// Queues a batch (waits while the queue is full); throws when a worker has failed.
    func submit(_ item: JoinWork) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !failed { condition.wait() }
        if failed { throw ParallelJoinFailed() }
        queue.append(item)
        condition.broadcast()
    }

    /// An emptied batch to fill again, if one has come back.
    func recycledWork() -> JoinWork? {
        condition.lock()
        defer { condition.unlock() }
        return free.popLast()
    }

    /// Closes the queue, waits for the workers and returns their forks in worker order.
    func finish() throws -> [Consumer] {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        let failed = self.failed
        condition.unlock()
        if failed { throw ParallelJoinFailed() }
        return results.values()
    }

    /// Stops the workers after their current batch and waits for them.
    func cancel() {
        condition.lock()
        failed = true
        closed = true
        queue.removeAll()
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
