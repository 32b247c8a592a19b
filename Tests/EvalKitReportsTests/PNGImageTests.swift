import Foundation
import Testing
@testable import EvalKitReports

/// The libpng wiring: a written file is a PNG of the right size.
@Suite struct PNGImageTests {
    @Test func writesAValidPNG() throws {
        var image = PNGImage(width: 8, height: 5)
        image.set(x: 2, y: 3, r: 200, g: 10, b: 10)
        let path = NSTemporaryDirectory() + "evalkit-png-\(UUID().uuidString).png"
        try image.write(to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at bytes 16..<24.
        #expect(Array(bytes[16..<24]) == [0, 0, 0, 8, 0, 0, 0, 5])
    }

    @Test func unwritablePathThrowsWithAMessage() {
        let image = PNGImage(width: 2, height: 2)
        #expect(throws: PNGWriteError.self) { try image.write(to: "/nonexistent-dir/x.png") }
    }
}
