@testable import EvalKitData
import Testing

@Suite struct DigestTests {
    let dir = TemporaryDirectory()

    @Test func knownVectors() throws {
        #expect(try sha256Hex(ofFile: dir.file("abc", "abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try sha256Hex(ofFile: dir.file("empty", "")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func largeFileInPiecesEqualsOnePiece() throws {
        var rng = SeededGenerator(seed: 1)
        let bytes = (0..<(3 << 20) + 12345).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let path = dir.file("big", bytes: bytes)
        var whole = StreamingSHA256()
        whole.update(bytes)
        var pieces = StreamingSHA256()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...100_000, using: &rng))
            pieces.update(Array(bytes[start..<end]))
            start = end
        }
        #expect(whole.hex() == pieces.hex())
        #expect(try sha256Hex(ofFile: path) == whole.hex())
    }

    @Test func missingFileAndDirectory() throws {
        let missing = try #require(inputError { _ = try sha256Hex(ofFile: dir.path + "/nope", displayPath: "nope") })
        #expect(missing.description == "nope: file not found")
        let directory = try #require(inputError { _ = try sha256Hex(ofFile: dir.path) })
        #expect(directory.message?.hasPrefix("is a directory") == true)
    }

    @Test func hexText() {
        #expect(hexString([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
