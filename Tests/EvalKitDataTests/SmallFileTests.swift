@testable import EvalKitData
import Foundation
import Testing

/// `readSmallFile` (schemes, manifests) and `FastJSONDocument` read with read(2), not Foundation's
/// `FileManager.contents(atPath:)`, which the fuzzers found leaking 4 KiB for every empty file
/// (docs/fuzzing.md; the leak itself is caught by the fuzz run's seed inputs).
@Suite struct SmallFileTests {
    let dir = TemporaryDirectory()

    @Test func readsEveryByteAcrossReadChunks() throws {
        // 64 KiB reads: sizes at, around and well past a chunk boundary.
        for count in [1, 65_535, 65_536, 65_537, 200_003] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let path = dir.file("f\(count)", bytes: bytes)
            #expect(try readSmallFile(path: path, display: "f") == bytes, "size \(count)")
        }
    }

    @Test func emptyFileIsEmpty() throws {
        #expect(try readSmallFile(path: dir.file("empty", bytes: []), display: "empty").isEmpty)
    }

    @Test func missingFileAndDirectoryAreInputErrors() {
        let missing = inputError { _ = try readSmallFile(path: dir.path + "/nope.json", display: "nope.json") }
        #expect(missing?.description == "nope.json: file not found")
        let directory = inputError { _ = try readSmallFile(path: dir.path, display: "data/") }
        #expect(directory?.description == "data/: is a directory, expected a file")
    }

    /// Symbolic links that lead nowhere are named as such.
    @Test func danglingAndLoopingSymbolicLinksAreNamed() throws {
        let dangling = dir.path + "/dangling.json", loop = dir.path + "/loop.json"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.path + "/gone.json")
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        #expect(inputError { _ = try readSmallFile(path: dangling, display: "dangling.json") }?.description
            == "dangling.json: a dangling symbolic link (its target does not exist)")
        #expect(inputError { _ = try readSmallFile(path: loop, display: "loop.json") }?.description
            == "loop.json: too many levels of symbolic links (a symbolic link loop)")
    }

    /// The fuzzers' first finding, through the public API: an empty manifest is a clean input error.
    @Test func emptyManifestIsAnInputError() {
        let path = dir.file("dataset.json", bytes: [])
        let error = inputError { _ = try DatasetManifest.load(path: path, display: "dataset.json", surface: ManifestSurface(kind: nil, columnKeys: [])) }
        #expect(error?.description == "dataset.json: file is empty, expected a JSON value")
    }

    /// The same for an empty COCO file, read by simdjson.
    @Test func emptyCOCOFileIsAnInputError() {
        let path = dir.file("predictions.json", bytes: [])
        let error = inputError { _ = try FastJSONDocument(path: path, display: "predictions.json") }
        #expect(error?.description == "predictions.json: file is empty, expected a JSON value")
    }
}
