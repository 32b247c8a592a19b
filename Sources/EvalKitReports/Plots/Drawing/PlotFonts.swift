import Foundation

/// The fonts plots are drawn with: a sans-serif regular and bold face found on this machine.
/// `EVALKIT_FONT` (and optionally `EVALKIT_FONT_BOLD`) name font files; otherwise the first of
/// the usual locations of DejaVu Sans (Debian's `fonts-dejavu-core`, which `scripts/setup.sh`
/// installs), Liberation Sans, Noto Sans, or the macOS system fonts.
final class PlotFonts {
    let regular: FontFace
    let bold: FontFace

    static let candidates: [(regular: String, bold: String)] = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
        ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ]

    init(regular: FontFace, bold: FontFace) {
        self.regular = regular
        self.bold = bold
    }

    /// Finds and opens the fonts; throws `FontError` saying what to install when none is found.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PlotFonts {
        let files = FileManager.default
        if let path = environment["EVALKIT_FONT"], !path.isEmpty {
            guard files.fileExists(atPath: path) else { throw FontError(message: "EVALKIT_FONT: no such file: \(path)") }
            let regular = try FontFace(path: path)
            let boldPath = environment["EVALKIT_FONT_BOLD"].flatMap { files.fileExists(atPath: $0) ? $0 : nil }
            return PlotFonts(regular: regular, bold: try boldPath.map(FontFace.init(path:)) ?? regular)
        }
        for candidate in candidates where files.fileExists(atPath: candidate.regular) {
            let regular = try FontFace(path: candidate.regular)
            let bold = files.fileExists(atPath: candidate.bold) ? try FontFace(path: candidate.bold) : regular
            return PlotFonts(regular: regular, bold: bold)
        }
        throw FontError(message: "no font to draw plots with: install DejaVu Sans (Debian: apt-get install fonts-dejavu-core; "
                                 + "scripts/setup.sh does it) or set EVALKIT_FONT to a .ttf file")
    }
}
