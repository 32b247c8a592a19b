import CFreeType
import Foundation

/// A TrueType/OpenType font rasterised by FreeType: antialiased 8-bit glyph coverage, hinted
/// lightly (`FT_LOAD_TARGET_LIGHT`), with the font's kerning. Glyphs are cached per pixel size.
/// Not thread-safe (a FreeType face is not): one instance per drawing thread.
final class FontFace {
    let path: String
    private var library: FT_Library?
    private var face: FT_Face?
    private var currentSize = -1
    private var cache: [GlyphKey: GlyphBitmap] = [:]
    private var metricsCache: [Int: (ascent: Double, descent: Double)] = [:]

    /// Opens the font file at `path`; throws `FontError` when FreeType cannot read it.
    init(path: String) throws {
        self.path = path
        guard FT_Init_FreeType(&library) == 0 else { throw FontError(message: "FreeType failed to start") }
        let status = FT_New_Face(library, path, 0, &face)
        guard status == 0, face != nil else {
            FT_Done_FreeType(library)
            throw FontError(message: "\(path): FreeType cannot read this font (error \(status))")
        }
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    /// Lays `text` out at `pixelSize` (device pixels): each glyph's pen position and bitmap, the
    /// advance width, and the line's ascent and descent (both positive).
    func layout(_ text: String, pixelSize: Double) -> GlyphRun {
        let size = Int((pixelSize * 64).rounded())
        select(size)
        let metrics = lineMetrics(size)
        var glyphs: [(x: Double, bitmap: GlyphBitmap)] = []
        glyphs.reserveCapacity(text.unicodeScalars.count)
        var pen = 0.0
        var previous: FT_UInt = 0
        let kerning = evalkit_ft_has_kerning(face) != 0
        for scalar in text.unicodeScalars {
            let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
            if kerning, previous != 0, index != 0 {
                var delta = FT_Vector()
                if FT_Get_Kerning(face, previous, index, FT_KERNING_DEFAULT.rawValue, &delta) == 0 { pen += Double(delta.x) / 64 }
            }
            let bitmap = glyph(index, size: size)
            glyphs.append((pen, bitmap))
            pen += bitmap.advance
            previous = index
        }
        return GlyphRun(glyphs: glyphs, width: pen, ascent: metrics.ascent, descent: metrics.descent)
    }

    private func select(_ size: Int) {
        guard size != currentSize else { return }
        FT_Set_Char_Size(face, 0, FT_F26Dot6(size), 72, 72)
        currentSize = size
    }

    private func lineMetrics(_ size: Int) -> (ascent: Double, descent: Double) {
        if let m = metricsCache[size] { return m }
        let metrics = face!.pointee.size.pointee.metrics
        let m = (Double(metrics.ascender) / 64, -Double(metrics.descender) / 64)
        metricsCache[size] = m
        return m
    }

    private func glyph(_ index: FT_UInt, size: Int) -> GlyphBitmap {
        let key = GlyphKey(index: index, size: size)
        if let cached = cache[key] { return cached }
        var result = GlyphBitmap(width: 0, rows: 0, left: 0, top: 0, advance: 0, alpha: [])
        if FT_Load_Glyph(face, index, evalkit_ft_load_render()) == 0, let slot = face?.pointee.glyph {
            let bitmap = slot.pointee.bitmap
            let width = Int(bitmap.width), rows = Int(bitmap.rows), pitch = Int(bitmap.pitch)
            var alpha = [UInt8](repeating: 0, count: width * rows)
            if let buffer = bitmap.buffer, width > 0 {
                for row in 0..<rows {
                    for column in 0..<width { alpha[row * width + column] = buffer[row * pitch + column] }
                }
            }
            result = GlyphBitmap(width: width, rows: rows, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                                 advance: Double(slot.pointee.advance.x) / 64, alpha: alpha)
        }
        cache[key] = result
        return result
    }
}

private struct GlyphKey: Hashable {
    var index: FT_UInt
    var size: Int
}

/// One rendered glyph: its coverage bitmap, where it sits against the pen position and baseline
/// (`left`, `top` upwards), and how far it moves the pen.
struct GlyphBitmap {
    var width: Int
    var rows: Int
    var left: Int
    var top: Int
    var advance: Double
    var alpha: [UInt8]
}

/// A laid-out line of text in device pixels.
struct GlyphRun {
    var glyphs: [(x: Double, bitmap: GlyphBitmap)]
    var width: Double
    var ascent: Double
    var descent: Double
}

/// A font could not be found or read.
public struct FontError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
