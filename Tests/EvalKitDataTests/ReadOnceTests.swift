@testable import EvalKitData
import Foundation
import Testing

/// Files are opened and read once: readers work on FIFOs, hash the bytes they read, and a reader
/// opened ahead (plan time) is the one read later.
@Suite struct ReadOnceTests {
    let dir = TemporaryDirectory()

    /// Makes a FIFO at `name` and starts a thread that writes `bytes` into it (blocking until a
    /// reader opens it). Returns the FIFO's path.
    func fifo(_ name: String, _ bytes: [UInt8]) throws -> String {
        writingFIFO(at: dir.path + "/" + name, bytes)
    }

    static let csv = (0..<5000).map { "\($0),\($0 % 3 == 0 ? "cat" : "dog"),\(Double($0) / 5000)" }
        .joined(separator: "\n")

    var csvText: String { "id,label,score\n" + Self.csv + "\n" }

    @Test func csvFromAFIFOReadsAndHashesLikeTheFile() throws {
        let file = dir.file("t.csv", csvText)
        let pipe = try fifo("p.csv", Array(csvText.utf8))
        let fromFile = try CSVReader(path: file, displayPath: "t.csv", options: CSVOptions(), columns: ["id", "score"],
                                     chunkSize: 4096, carrySize: 64)
        let fromPipe = try CSVReader(path: pipe, displayPath: "p.csv", options: CSVOptions(), columns: ["id", "score"],
                                     chunkSize: 4096, carrySize: 64)
        #expect(fromFile.totalBytes == Int64(csvText.utf8.count))
        #expect(fromPipe.totalBytes == nil, "a FIFO's size is unknown")
        let a = try readAll(fromFile)
        let b = try readAll(fromPipe)
        #expect(a == b)
        #expect(a.rows.count == 5000)
        #expect(fromPipe.sha256 == (try sha256Hex(ofFile: file)))
        #expect(fromPipe.sha256 == fromFile.sha256)
    }

    @Test func columnsChosenFromTheHeaderReadTheFileOnce() throws {
        let pipe = try fifo("h.csv", Array("id,area,label\n1,4,a\n2,,b\n".utf8))
        let reader = try CSVReader(path: pipe, displayPath: "h.csv") { header in
            ["label"] + ["iscrowd", "area"].filter(header.contains)
        }
        #expect(reader.header == ["id", "area", "label"])
        #expect(reader.selectedColumns == ["label", "area"])
        let table = try readAll(reader)
        #expect(table.rows == [["a", "4"], ["b", ""]])
    }

    @Test func fastJSONFromAFIFOParsesAndHashesLikeTheFile() throws {
        // Larger than the first 1 MiB buffer, so reading a pipe grows it.
        let items = (0..<40000).map { "{\"id\": \($0), \"score\": \(Double($0) / 8)}" }.joined(separator: ",\n")
        let text = "[" + items + "]"
        let file = dir.file("r.json", text)
        let pipe = try fifo("r-pipe.json", Array(text.utf8))
        let updates = Updates()
        let document = try FastJSONDocument(path: pipe, display: "r-pipe.json", progress: updates.reporter)
        let columns = try document.objectArray(member: nil, fields: [JSONFieldRequest("id", .integer, required: true),
                                                                     JSONFieldRequest("score", .number, required: true)])
        #expect(columns.count == 40000)
        #expect(columns.integers["id"]?.last == 39999)
        #expect(columns.numbers["score"]?[3] == 0.375)
        #expect(document.sha256 == (try sha256Hex(ofFile: file)))
        let last = try #require(updates.all.last)
        #expect(last.done == Int64(text.utf8.count) && last.total == nil && last.unit == .bytes)
        #expect(last.stage == "reading r-pipe.json")
    }

    @Test func fastJSONErrorsFromAPipeStillHaveTheirPlace() throws {
        let pipe = try fifo("bad.json", Array("[{\"id\": 1},\n {\"id\": }]".utf8))
        let error = try #require(inputError {
            _ = try FastJSONDocument(path: pipe, display: "bad.json")
                .objectArray(member: nil, fields: [JSONFieldRequest("id", .integer, required: true)])
        })
        #expect(error.file == "bad.json")
        #expect(error.line == 2)
    }

    @Test func anOpenedTableHandsOutItsReaderThenReopensOnlyRegularFiles() throws {
        let file = dir.file("o.csv", csvText)
        var opens = 0
        let table = try OpenedTable(path: file, displayPath: "o.csv") {
            opens += 1
            return try openTable(path: file, displayPath: "o.csv", format: .csv, csv: CSVOptions(), columns: ["id"])
        }
        #expect(opens == 1)
        #expect(try readAll(try table.take()).rows.count == 5000)
        #expect(opens == 1, "the reader opened first is the one read")
        #expect(try readAll(try table.take()).rows.count == 5000)
        #expect(opens == 2, "a regular file may be read again (a planned scheme run twice)")

        let pipe = try fifo("o-pipe.csv", Array(csvText.utf8))
        let piped = try OpenedTable(path: pipe, displayPath: "o-pipe.csv") {
            try openTable(path: pipe, displayPath: "o-pipe.csv", format: .csv, csv: CSVOptions(), columns: ["id"])
        }
        #expect(try readAll(try piped.take()).rows.count == 5000)
        let again = try #require(inputError { _ = try piped.take() })
        #expect(again.file == "o-pipe.csv")
        #expect(again.message?.contains("read only once") == true)
    }

    @Test func readingReportsBytesPerChunkWithTheSizeOfARegularFile() throws {
        let file = dir.file("g.csv", csvText)
        let reader = try CSVReader(path: file, displayPath: "g.csv", options: CSVOptions(), columns: ["id"],
                                   chunkSize: 8192, carrySize: 64)
        let updates = Updates()
        reader.reportProgress(to: updates.reporter)
        _ = try readAll(reader)
        let seen = updates.all
        let size = Int64(csvText.utf8.count)
        #expect(seen.first?.done == 8192, "the chunk read at open is reported when the reporter is attached")
        #expect(seen.last == ProgressUpdate(stage: "reading g.csv", done: size, total: size, unit: .bytes))
        #expect(seen.count == Int((size + 8191) / 8192) + (size % 8192 == 0 ? 1 : 0))
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.done < $1.done })
    }

    @Test func smallFilesAreReadFromAFIFO() throws {
        let pipe = try fifo("scheme.json", Array("{\"evalkit\": 1}".utf8))
        #expect(try readSmallFile(path: pipe, display: "scheme.json") == Array("{\"evalkit\": 1}".utf8))
    }
}

/// Progress updates collected from any thread.
final class Updates: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ProgressUpdate] = []
    var all: [ProgressUpdate] { lock.withLock { items } }
    var reporter: ProgressReporter { ProgressReporter { [self] update in lock.withLock { items.append(update) } } }
}
