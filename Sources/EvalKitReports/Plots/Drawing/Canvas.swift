import Foundation

/// An antialiased drawing surface. Coordinates are display units (CSS pixels, y down); the pixels
/// are `scale` times denser, so a plot drawn at scale 2 stays sharp on high-density screens.
/// Shapes are antialiased by coverage: each pixel blends the colour by the fraction of it the shape
/// covers (distance to a line's centre for strokes, overlap for rectangles).
struct Canvas {
    let width: Int
    let height: Int
    let scale: Int
    private(set) var image: PNGImage

    init(width: Int, height: Int, scale: Int, background: Color = .white) {
        self.width = width
        self.height = height
        self.scale = scale
        image = PNGImage(width: width * scale, height: height * scale, fill: (background.r, background.g, background.b))
    }

    /// Blends `color` into pixel (px, py) with opacity `coverage` (0 ... 1).
    mutating func blend(px: Int, py: Int, _ color: Color, _ coverage: Double) {
        guard px >= 0, py >= 0, px < image.width, py < image.height, coverage > 0 else { return }
        let a = min(1, coverage)
        let i = (py * image.width + px) * 4
        image.pixels.withUnsafeMutableBufferPointer { p in
            p[i] = UInt8((Double(p[i]) * (1 - a) + Double(color.r) * a).rounded())
            p[i + 1] = UInt8((Double(p[i + 1]) * (1 - a) + Double(color.g) * a).rounded())
            p[i + 2] = UInt8((Double(p[i + 2]) * (1 - a) + Double(color.b) * a).rounded())
            p[i + 3] = 255
        }
    }

    /// Fills the rectangle (x, y, width, height), antialiasing fractional edges.
    mutating func fillRect(x: Double, y: Double, width w: Double, height h: Double, _ color: Color, opacity: Double = 1) {
        guard w > 0, h > 0 else { return }
        let s = Double(scale)
        let x0 = x * s, y0 = y * s, x1 = (x + w) * s, y1 = (y + h) * s
        for py in max(0, Int(y0.rounded(.down)))..<min(image.height, Int(y1.rounded(.up))) {
            let cy = min(y1, Double(py + 1)) - max(y0, Double(py))
            guard cy > 0 else { continue }
            for px in max(0, Int(x0.rounded(.down)))..<min(image.width, Int(x1.rounded(.up))) {
                let cx = min(x1, Double(px + 1)) - max(x0, Double(px))
                if cx > 0 { blend(px: px, py: py, color, cx * cy * opacity) }
            }
        }
    }

    /// Strokes the rectangle's outline, `lineWidth` wide, inside its bounds.
    mutating func strokeRect(x: Double, y: Double, width w: Double, height h: Double, _ color: Color, lineWidth: Double = 1) {
        fillRect(x: x, y: y, width: w, height: lineWidth, color)
        fillRect(x: x, y: y + h - lineWidth, width: w, height: lineWidth, color)
        fillRect(x: x, y: y + lineWidth, width: lineWidth, height: h - 2 * lineWidth, color)
        fillRect(x: x + w - lineWidth, y: y + lineWidth, width: lineWidth, height: h - 2 * lineWidth, color)
    }

    /// A straight line, `lineWidth` wide, with round ends; `dash` (on, off lengths) makes it dashed.
    mutating func line(_ a: (Double, Double), _ b: (Double, Double), _ color: Color, lineWidth: Double = 1,
                       dash: (Double, Double)? = nil) {
        guard let dash else { return polyline([a, b], color, lineWidth: lineWidth) }
        let length = hypot(b.0 - a.0, b.1 - a.1)
        guard length > 0 else { return }
        var t = 0.0
        while t < length {
            let end = min(length, t + dash.0)
            polyline([(a.0 + (b.0 - a.0) * t / length, a.1 + (b.1 - a.1) * t / length),
                      (a.0 + (b.0 - a.0) * end / length, a.1 + (b.1 - a.1) * end / length)], color, lineWidth: lineWidth)
            t = end + dash.1
        }
    }

    /// Connected line segments through `points`, `lineWidth` wide. Each pixel takes the largest
    /// coverage of any segment, so joints are not blended twice.
    mutating func polyline(_ points: [(Double, Double)], _ color: Color, lineWidth: Double = 1, clip: Rect? = nil) {
        guard !points.isEmpty else { return }
        let s = Double(scale)
        let half = lineWidth * s / 2
        let pts = points.map { ($0.0 * s, $0.1 * s) }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in pts {
            minX = min(minX, p.0); maxX = max(maxX, p.0); minY = min(minY, p.1); maxY = max(maxY, p.1)
        }
        var left = max(0, Int((minX - half - 1).rounded(.down))), top = max(0, Int((minY - half - 1).rounded(.down)))
        var right = min(image.width, Int((maxX + half + 1).rounded(.up))), bottom = min(image.height, Int((maxY + half + 1).rounded(.up)))
        if let clip {
            left = max(left, Int((clip.x * s).rounded(.down))); top = max(top, Int((clip.y * s).rounded(.down)))
            right = min(right, Int(((clip.x + clip.width) * s).rounded(.up))); bottom = min(bottom, Int(((clip.y + clip.height) * s).rounded(.up)))
        }
        guard left < right, top < bottom else { return }
        let maskWidth = right - left
        var mask = [Float](repeating: 0, count: maskWidth * (bottom - top))
        let segments = pts.count == 1 ? [(pts[0], pts[0])] : (1..<pts.count).map { (pts[$0 - 1], pts[$0]) }
        for (p, q) in segments {
            let x0 = max(left, Int((min(p.0, q.0) - half - 1).rounded(.down))), x1 = min(right, Int((max(p.0, q.0) + half + 1).rounded(.up)))
            let y0 = max(top, Int((min(p.1, q.1) - half - 1).rounded(.down))), y1 = min(bottom, Int((max(p.1, q.1) + half + 1).rounded(.up)))
            guard x0 < x1, y0 < y1 else { continue }
            let dx = q.0 - p.0, dy = q.1 - p.1
            let lengthSquared = dx * dx + dy * dy
            for py in y0..<y1 {
                let cy = Double(py) + 0.5
                for px in x0..<x1 {
                    let cx = Double(px) + 0.5
                    var t = lengthSquared > 0 ? ((cx - p.0) * dx + (cy - p.1) * dy) / lengthSquared : 0
                    t = min(1, max(0, t))
                    let distance = hypot(cx - (p.0 + t * dx), cy - (p.1 + t * dy))
                    let coverage = Float(min(1, max(0, half + 0.5 - distance)))
                    let m = (py - top) * maskWidth + (px - left)
                    if coverage > mask[m] { mask[m] = coverage }
                }
            }
        }
        for py in top..<bottom {
            for px in left..<right {
                let c = mask[(py - top) * maskWidth + (px - left)]
                if c > 0 { blend(px: px, py: py, color, Double(c)) }
            }
        }
    }

    /// A filled disc (a marker).
    mutating func fillCircle(center: (Double, Double), radius: Double, _ color: Color) {
        let s = Double(scale)
        let cx = center.0 * s, cy = center.1 * s, r = radius * s
        for py in max(0, Int((cy - r - 1).rounded(.down)))..<min(image.height, Int((cy + r + 1).rounded(.up))) {
            for px in max(0, Int((cx - r - 1).rounded(.down)))..<min(image.width, Int((cx + r + 1).rounded(.up))) {
                let d = hypot(Double(px) + 0.5 - cx, Double(py) + 0.5 - cy)
                blend(px: px, py: py, color, min(1, max(0, r + 0.5 - d)))
            }
        }
    }

    /// Draws `text` with `font` at `size` (display units). `x` is the start, centre or end of the
    /// text as `align` says; `y` is the baseline, or the top / centre of the line's box.
    mutating func text(_ text: String, x: Double, y: Double, font: FontFace, size: Double, _ color: Color,
                       align: TextAlign = .start, vertical: TextBaseline = .baseline) {
        let run = font.layout(text, pixelSize: size * Double(scale))
        let s = Double(scale)
        var originX = x * s
        switch align {
        case .start: break
        case .middle: originX -= run.width / 2
        case .end: originX -= run.width
        }
        let baseline = y * s + vertical.offset(ascent: run.ascent, descent: run.descent)
        for glyph in run.glyphs {
            let gx = Int((originX + glyph.x).rounded()) + glyph.bitmap.left
            let gy = Int(baseline.rounded()) - glyph.bitmap.top
            for row in 0..<glyph.bitmap.rows {
                for column in 0..<glyph.bitmap.width {
                    let a = glyph.bitmap.alpha[row * glyph.bitmap.width + column]
                    if a > 0 { blend(px: gx + column, py: gy + row, color, Double(a) / 255) }
                }
            }
        }
    }

    /// Draws `text` turned 90° anticlockwise (reading bottom to top), centred on (x, y): a y-axis label.
    mutating func verticalText(_ text: String, x: Double, y: Double, font: FontFace, size: Double, _ color: Color) {
        let run = font.layout(text, pixelSize: size * Double(scale))
        let s = Double(scale)
        let lineHeight = run.ascent + run.descent
        // Text box: width along the text (becomes height), lineHeight across (becomes width).
        let left = Int((x * s - lineHeight / 2).rounded()), bottom = Int((y * s + run.width / 2).rounded())
        for glyph in run.glyphs {
            let along = Int(glyph.x.rounded()) + glyph.bitmap.left
            let above = Int(run.ascent.rounded()) - glyph.bitmap.top  // rows below the line's top
            for row in 0..<glyph.bitmap.rows {
                for column in 0..<glyph.bitmap.width {
                    let a = glyph.bitmap.alpha[row * glyph.bitmap.width + column]
                    if a > 0 { blend(px: left + above + row, py: bottom - along - column, color, Double(a) / 255) }
                }
            }
        }
    }

    /// The width of `text` in display units.
    func textWidth(_ text: String, font: FontFace, size: Double) -> Double {
        font.layout(text, pixelSize: size * Double(scale)).width / Double(scale)
    }
}

/// A rectangle in display units.
struct Rect: Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
}

enum TextAlign { case start, middle, end }

/// Where a text's `y` lies: on its baseline, or at the top or the middle of its line box.
enum TextBaseline {
    case baseline, top, middle

    func offset(ascent: Double, descent: Double) -> Double {
        switch self {
        case .baseline: 0
        case .top: ascent
        case .middle: (ascent - descent) / 2
        }
    }
}
