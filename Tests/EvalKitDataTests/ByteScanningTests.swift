@testable import EvalKitData
import Testing

@Suite struct ByteScanningTests {
    @Test func wordMatchingAgreesWithBytewise() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<20_000 {
            // Bytes near the target (and 0x80 variants) are the ones that trip borrow-based tricks.
            let target = UInt8.random(in: 0...255, using: &rng)
            let bytes = (0..<8).map { _ -> UInt8 in
                let pick = Int.random(in: 0..<4, using: &rng)
                switch pick {
                case 0: return target
                case 1: return target &+ 1
                case 2: return target ^ 0x80
                default: return UInt8.random(in: 0...255, using: &rng)
                }
            }
            var word: UInt64 = 0
            for (k, b) in bytes.enumerated() { word |= UInt64(b) << (8 * k) }
            var expected: UInt64 = 0
            for (k, b) in bytes.enumerated() where b == target { expected |= 1 << k }
            #expect(gatherHighBits(matchMask(word, repeatedByte(target))) == expected)
        }
    }

    @Test func findAndCount() {
        let bytes = Array("a\nb\n\nc".utf8)
        bytes.withUnsafeBufferPointer { p in
            #expect(findByte(0x0A, in: p.baseAddress!, from: 0, to: p.count) == 1)
            #expect(findByte(0x0A, in: p.baseAddress!, from: 2, to: p.count) == 3)
            #expect(findByte(0x0A, in: p.baseAddress!, from: 5, to: p.count) == p.count)
            #expect(countNewlines(in: p.baseAddress!, from: 0, to: p.count) == 3)
            #expect(countNewlines(in: p.baseAddress!, from: 2, to: 4) == 1)
        }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var rng = SeededGenerator(seed: 11)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F,
                                    0xEF, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF]
        for _ in 0..<50_000 {
            let length = Int.random(in: 0...40, using: &rng)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                bytes.append(Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...0x7F, using: &rng))
            }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let bad = bytes.withUnsafeBufferPointer { findInvalidUTF8($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count) }
            #expect((bad == nil) == valid, "\(bytes)")
            if let bad {
                // Everything before the reported offset is valid.
                #expect(String(validating: bytes[..<bad], as: UTF8.self) != nil)
            }
        }
        // Long ASCII runs take the 32-byte path; a bad byte late in one is still found.
        var long = [UInt8](repeating: 0x61, count: 1000)
        long[777] = 0xFF
        #expect(long.withUnsafeBufferPointer { findInvalidUTF8($0.baseAddress!, count: $0.count) } == 777)
        let text = Array(String(repeating: "naïve façade 😀 ", count: 50).utf8)
        #expect(text.withUnsafeBufferPointer { findInvalidUTF8($0.baseAddress!, count: $0.count) } == nil)
    }
}
