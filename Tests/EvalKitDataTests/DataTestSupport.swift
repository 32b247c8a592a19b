@testable import EvalKitData
import Foundation
import Testing

/// A directory of test files, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "/evalkit-data-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` (UTF-8) to `name` and returns its path.
    func file(_ name: String, _ contents: String) -> String {
        file(name, bytes: Array(contents.utf8))
    }

    /// Writes raw bytes to `name` and returns its path.
    func file(_ name: String, bytes: [UInt8]) -> String {
        let full = path + "/" + name
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }
}

/// Every row read from a source: field values (nil when absent) and line numbers.
struct Table: Equatable, CustomStringConvertible {
    var rows: [[String?]] = []
    var lines: [Int] = []
    var description: String { zip(lines, rows).map { "\($0): \($1)" }.joined(separator: "\n") }
}

/// Reads a source to its end in batches of `capacity` rows.
func readAll(_ source: any TabularSource, capacity: Int = 1000) throws -> Table {
    var table = Table()
    var batch = FieldBatch(columns: source.selectedColumns)
    while try source.nextBatch(&batch, capacity: capacity) {
        #expect(batch.count > 0 && batch.count <= capacity)
        for row in 0..<batch.count {
            table.lines.append(batch.line(row))
            table.rows.append((0..<batch.columns.count).map { column in
                batch.isAbsent(row, column) ? nil : batch.string(row, column)
            })
        }
    }
    #expect(batch.count == 0)
    #expect(try source.nextBatch(&batch, capacity: capacity) == false)
    return table
}

/// Reads a CSV file with the given chunking (small chunks exercise the window refills).
func readCSV(_ path: String, _ columns: [String], delimiter: UInt8 = UInt8(ascii: ","),
             chunkSize: Int = 8 << 20, carrySize: Int = 256 << 10, capacity: Int = 1000) throws -> Table {
    let reader = try CSVReader(path: path, displayPath: "t.csv", options: CSVOptions(delimiter: delimiter),
                               columns: columns, chunkSize: chunkSize, carrySize: carrySize)
    return try readAll(reader, capacity: capacity)
}

/// Reads a JSONL file with the given chunking.
func readJSONL(_ path: String, _ columns: [String], chunkSize: Int = 8 << 20, carrySize: Int = 256 << 10,
               capacity: Int = 1000) throws -> Table {
    let reader = try JSONLReader(path: path, displayPath: "t.jsonl", columns: columns, chunkSize: chunkSize,
                                 carrySize: carrySize)
    return try readAll(reader, capacity: capacity)
}

/// The `InputError` that `body` throws (nil when it throws none or another kind).
func inputError(_ body: () throws -> Void) -> InputError? {
    do {
        try body()
        return nil
    } catch let error as InputError {
        return error
    } catch {
        return nil
    }
}

/// A small seeded generator (SplitMix64), so random tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
