import CPNG
import Foundation

/// An 8-bit RGBA image written as PNG through libpng's simplified API (`png_image_write_to_file`),
/// which reports failure by status and message, never by `longjmp`, so no error can jump over
/// Swift frames. The canvas of the plots (`CurvePlot`).
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major RGBA bytes, 4 per pixel.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, fill: (r: UInt8, g: UInt8, b: UInt8) = (255, 255, 255)) {
        precondition(width > 0 && height > 0, "PNGImage: empty image")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 255, count: width * height * 4)
        for i in stride(from: 0, to: pixels.count, by: 4) {
            pixels[i] = fill.r
            pixels[i + 1] = fill.g
            pixels[i + 2] = fill.b
        }
    }

    public mutating func set(x: Int, y: Int, r: UInt8, g: UInt8, b: UInt8) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let i = (y * width + x) * 4
        pixels[i] = r
        pixels[i + 1] = g
        pixels[i + 2] = b
        pixels[i + 3] = 255
    }

    /// The image as PNG bytes (libpng's `png_image_write_to_memory`), 8-bit RGB (every pixel is
    /// opaque, so the alpha channel is left out); throws with libpng's message. Encoded once, into a
    /// buffer of a generous guess (plots compress well beyond 2:1); only when libpng reports the
    /// guess too small is it encoded again, into the size libpng asked for.
    public func encoded() throws -> Data {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeBufferPointer { from in
            rgb.withUnsafeMutableBufferPointer { to in
                for p in 0..<(width * height) {
                    to[3 * p] = from[4 * p]
                    to[3 * p + 1] = from[4 * p + 1]
                    to[3 * p + 2] = from[4 * p + 2]
                }
            }
        }
        var image = header()
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR)  // PNG_FORMAT_RGB
        var capacity = rgb.count / 2 + 65_536
        for _ in 0..<2 {
            var bytes = [UInt8](repeating: 0, count: capacity)
            var size = capacity
            let ok = rgb.withUnsafeBufferPointer { buffer in
                bytes.withUnsafeMutableBytes { out in
                    png_image_write_to_memory(&image, out.baseAddress, &size, 0, buffer.baseAddress, Int32(width * 3), nil)
                }
            }
            if ok != 0 { return Data(bytes.prefix(size)) }
            guard size > capacity else { break }
            // Too small: libpng gives the size it needs.
            capacity = size
            png_image_free(&image)
            image = header()
            image.format = UInt32(PNG_FORMAT_FLAG_COLOR)
        }
        let message = withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        png_image_free(&image)
        throw PNGWriteError(path: "(memory)", message: message.isEmpty ? "cannot encode the PNG" : message)
    }

    /// Decodes PNG bytes to RGBA through libpng's simplified reader (`png_image_begin_read_from_memory`);
    /// throws with libpng's message. Tests read plots back with it.
    public static func decode(_ data: Data) throws -> PNGImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        var decoded: PNGImage?
        // libpng reads from the memory during both calls: keep one pointer for both.
        let ok = [UInt8](data).withUnsafeBytes { input -> Bool in
            guard png_image_begin_read_from_memory(&image, input.baseAddress, input.count) != 0 else { return false }
            image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
            var result = PNGImage(width: Int(image.width), height: Int(image.height))
            let rowBytes = Int32(result.width * 4)
            let finished = result.pixels.withUnsafeMutableBytes { out in
                png_image_finish_read(&image, nil, out.baseAddress, rowBytes, nil)
            }
            decoded = result
            return finished != 0
        }
        guard ok, let decoded else {
            let message = withUnsafeBytes(of: image.message) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            png_image_free(&image)
            throw PNGWriteError(path: "(memory)", message: "cannot read PNG: " + message)
        }
        return decoded
    }

    /// The RGB colour at (x, y).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 4
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    func header() -> png_image {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)  // PNG_FORMAT_RGBA (a macro Swift cannot import)
        return image
    }

    /// Writes the image to `path`; throws with libpng's message on failure.
    public func write(to path: String) throws {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)  // PNG_FORMAT_RGBA (a macro Swift cannot import)
        let ok = pixels.withUnsafeBufferPointer { buffer in
            png_image_write_to_file(&image, path, 0, buffer.baseAddress, Int32(width * 4), nil)
        }
        if ok == 0 {
            let message = withUnsafeBytes(of: image.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            png_image_free(&image)
            throw PNGWriteError(path: path, message: message)
        }
    }
}

/// A PNG file could not be written.
public struct PNGWriteError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): cannot write PNG: \(message)" }
}
