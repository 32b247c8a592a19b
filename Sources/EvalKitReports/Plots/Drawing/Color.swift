/// An opaque sRGB colour of a plot.
public struct Color: Sendable, Equatable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    static let black = Color(0, 0, 0)
    static let white = Color(255, 255, 255)
    static let text = Color(33, 33, 33)
    static let axis = Color(70, 70, 70)
    static let grid = Color(225, 225, 225)
    static let muted = Color(150, 150, 150)

    /// Matplotlib's `tab10`: ten distinguishable colours, the default of most plotting tools.
    static let series: [Color] = [
        Color(31, 119, 180), Color(255, 127, 14), Color(44, 160, 44), Color(214, 39, 40), Color(148, 103, 189),
        Color(140, 86, 75), Color(227, 119, 194), Color(127, 127, 127), Color(188, 189, 34), Color(23, 190, 207),
    ]

    /// The `i`-th series colour (cycling).
    static func series(_ i: Int) -> Color { series[i % series.count] }

    /// Linear interpolation from `self` (t = 0) to `other` (t = 1).
    func mixed(with other: Color, _ t: Double) -> Color {
        let t = min(1, max(0, t))
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return Color(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    /// Relative luminance (ITU-R BT.709 weights on sRGB values), 0 black to 1 white: picks text
    /// colour on a filled cell.
    var luminance: Double { (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255 }

    /// A sequential scale from white to dark blue, as a heatmap colours 0 ... 1.
    static func sequential(_ t: Double) -> Color {
        let stops = [Color(247, 251, 255), Color(198, 219, 239), Color(107, 174, 214), Color(33, 113, 181), Color(8, 48, 107)]
        let t = min(1, max(0, t.isNaN ? 0 : t)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(t))
        return stops[i].mixed(with: stops[i + 1], t - Double(i))
    }
}
