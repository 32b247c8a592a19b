@testable import EvalKitData
import Foundation
import Testing

@Suite struct OpenTableTests {
    let dir = TemporaryDirectory()

    @Test func formatFromExtension() {
        #expect(tableFormat(forPath: "a/b.csv") == .csv)
        #expect(tableFormat(forPath: "B.TSV") == .csv)
        #expect(tableFormat(forPath: "x.jsonl") == .jsonl)
        #expect(tableFormat(forPath: "x.NDJSON") == .jsonl)
        #expect(tableFormat(forPath: "x.json") == .coco)
        #expect(tableFormat(forPath: "x.txt") == nil)
        #expect(tableFormat(forPath: "csv") == nil)
        #expect(defaultCSVOptions(forPath: "a.tsv").delimiter == 0x09)
        #expect(defaultCSVOptions(forPath: "a.csv").delimiter == UInt8(ascii: ","))
    }

    @Test func opensEachFormat() throws {
        let csv = try openTable(path: dir.file("a.csv", "x,y\n1,2\n"), displayPath: "a.csv", format: .csv,
                                csv: CSVOptions(), columns: ["y"])
        #expect(csv is CSVReader)
        #expect(try readAll(csv).rows == [["2"]])
        let tsv = try openTable(path: dir.file("a.tsv", "x\ty\n1\t2\n"), displayPath: "a.tsv", format: .csv,
                                csv: defaultCSVOptions(forPath: "a.tsv"), columns: ["x"])
        #expect(try readAll(tsv).rows == [["1"]])
        let jsonl = try openTable(path: dir.file("a.jsonl", "{\"y\": 2}\n"), displayPath: "a.jsonl", format: .jsonl,
                                  csv: CSVOptions(), columns: ["y"])
        #expect(jsonl is JSONLReader)
        #expect(try readAll(jsonl).rows == [["2"]])
    }

    @Test func unreadablePaths() throws {
        for format in [TableFormat.csv, .jsonl] {
            let missing = try #require(inputError {
                _ = try openTable(path: dir.path + "/none.csv", displayPath: "data/none.csv", format: format,
                                  csv: CSVOptions(), columns: ["a"])
            })
            #expect(missing.description == "data/none.csv: file not found")
            let directory = try #require(inputError {
                _ = try openTable(path: dir.path, displayPath: "data", format: format, csv: CSVOptions(), columns: ["a"])
            })
            #expect(directory.description == "data: is a directory, expected a file")
        }
        let coco = try #require(inputError {
            _ = try openTable(path: dir.file("a.json", "[]"), displayPath: "a.json", format: .coco, csv: CSVOptions(), columns: ["a"])
        })
        #expect(coco.description.hasPrefix("a.json: a COCO JSON file is not a table"))
    }

    @Test(.enabled(if: geteuid() != 0, "root can read any file"))
    func permissionDenied() throws {
        let path = dir.file("secret.csv", "a\n1\n")
        chmod(path, 0)
        let error = try #require(inputError {
            _ = try openTable(path: path, displayPath: "secret.csv", format: .csv, csv: CSVOptions(), columns: ["a"])
        })
        #expect(error.description == "secret.csv: permission denied")
    }

    @Test func readerStopsCleanlyWhenDroppedEarly() throws {
        // A reader dropped before its end must stop its read-ahead thread (no hang, no crash).
        var text = "a,b\n"
        for i in 0..<20_000 { text += "\(i),\(i)\n" }
        let path = dir.file("big.csv", text)
        for _ in 0..<20 {
            let reader = try CSVReader(path: path, displayPath: "big.csv", options: CSVOptions(), columns: ["a"],
                                       chunkSize: 1024, carrySize: 64)
            var batch = FieldBatch(columns: ["a"])
            #expect(try reader.nextBatch(&batch, capacity: 10))
        }
    }
}
