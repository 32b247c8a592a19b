import Foundation

/// How a reference and a predicted string are normalised before they are compared: the options
/// of the `text` task (docs/schemes.md, "Task `text`"), applied identically to both sides.
///
/// The steps, always in this order:
/// 1. **unicode**: `none` (default), or Unicode normalisation form `nfc` or `nfkc` (Python's
///    `unicodedata.normalize`, here Foundation's `precomposedStringWith…Mapping`).
/// 2. **case**: `sensitive` (default), or `insensitive`: the text is lowercased as Python's
///    `str.lower()` does it (jiwer's `ToLowerCase`): each scalar's full lowercase mapping (so
///    `İ` becomes `i̇`, two scalars) and the Greek final-sigma rule (`ΟΔΟΣ` becomes `οδος`).
/// 3. **confusables**: each scalar that is a key of the map is replaced by its value (one scalar,
///    or nothing when the value is ""), in one pass, as `str.translate` does (a value is never
///    mapped again). Under `insensitive`, the map's keys and values are lowercased first, so
///    `{"O": "0"}` also maps `o`; the keys and values also go through the unicode step.
/// 4. **spaces**: `keep` (default); `strip` (remove leading and trailing whitespace, jiwer's
///    `Strip`); `collapse` (every run of whitespace becomes one U+0020 space, then strip);
///    `remove` (delete every whitespace scalar). Whitespace is Python's `str.isspace()`: the
///    Unicode White_Space scalars plus U+001C–U+001F, which is what `str.strip()` and the `\s`
///    of Python's `re` use.
///
/// Texts are compared as sequences of Unicode scalars (Python's characters): `é` written as
/// `e` + U+0301 is two characters unless `unicode` is `nfc` or `nfkc`.
public struct TextNormalization: Sendable, Equatable {
    public enum LetterCase: String, Sendable, CaseIterable {
        case sensitive, insensitive
    }

    public enum Spaces: String, Sendable, CaseIterable {
        case keep, strip, collapse, remove
    }

    public enum UnicodeForm: String, Sendable, CaseIterable {
        case none, nfc, nfkc
    }

    /// Why a confusables map cannot be used (the options reader reports it with its JSON path).
    public enum InvalidConfusable: Error, Sendable, Equatable, CustomStringConvertible {
        /// A key that is not exactly one character (after the unicode and case steps).
        case keyNotOneCharacter(key: String)
        /// A value that is neither one character nor "" (after the unicode and case steps).
        case valueNotOneCharacter(key: String, value: String)
        /// Two keys that become the same character (e.g. `O` and `o` under `insensitive`) with
        /// different values.
        case conflictingKeys(String, String)

        public var description: String {
            switch self {
            case .keyNotOneCharacter(let key):
                "confusable \(Self.quote(key)) is not a single character (one Unicode scalar)"
            case .valueNotOneCharacter(let key, let value):
                "the replacement of \(Self.quote(key)), \(Self.quote(value)), is neither one character nor \"\""
            case .conflictingKeys(let a, let b):
                "confusables \(Self.quote(a)) and \(Self.quote(b)) are the same character after normalisation "
                    + "but have different replacements"
            }
        }

        static func quote(_ s: String) -> String {
            "\"" + s.unicodeScalars.map { $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() + "\""
        }
    }

    public let letterCase: LetterCase
    public let spaces: Spaces
    public let unicode: UnicodeForm
    /// The confusables as applied (after the unicode and case steps): key → replacement, `nil`
    /// for "delete".
    public let confusables: [Unicode.Scalar: Unicode.Scalar?]

    /// `asciiMap[b]`: the replacement of ASCII byte `b` after the case step (a scalar value, or
    /// `deleted`); identity when the map does not name it.
    @usableFromInline internal let asciiMap: [UInt32]
    /// Replacements of non-ASCII scalars (`deleted` for "delete").
    @usableFromInline internal let otherMap: [UInt32: UInt32]
    @usableFromInline internal static let deleted: UInt32 = .max

    /// No normalisation: texts are compared exactly as written.
    public static let exact = TextNormalization()

    /// Options as in the scheme (defaults: case sensitive, spaces kept, no unicode normalisation,
    /// no confusables). `confusables` maps single characters to their canonical character or "".
    public init(letterCase: LetterCase = .sensitive, spaces: Spaces = .keep, unicode: UnicodeForm = .none,
                confusables: [String: String] = [:]) throws(InvalidConfusable) {
        self.letterCase = letterCase
        self.spaces = spaces
        self.unicode = unicode
        var map: [Unicode.Scalar: Unicode.Scalar?] = [:]
        var origin: [Unicode.Scalar: String] = [:]
        // Sorted, so that which of two conflicting keys is named first does not depend on hashing.
        for (key, value) in confusables.sorted(by: { Array($0.key.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.key.unicodeScalars.map(\.value)) }) {
            let k = Self.prepare(key, unicode: unicode, letterCase: letterCase)
            guard k.count == 1 else { throw .keyNotOneCharacter(key: key) }
            let v = Self.prepare(value, unicode: unicode, letterCase: letterCase)
            guard v.count <= 1 else { throw .valueNotOneCharacter(key: key, value: value) }
            let replacement: Unicode.Scalar? = v.first
            if let existing = map[k[0]] {
                if existing != replacement { throw .conflictingKeys(origin[k[0]]!, key) }
                continue
            }
            map[k[0]] = replacement
            origin[k[0]] = key
        }
        self.confusables = map
        var ascii = (0..<128).map { UInt32($0) }
        var other: [UInt32: UInt32] = [:]
        for (key, value) in map {
            let target = value.map(\.value) ?? Self.deleted
            if key.value < 128 { ascii[Int(key.value)] = target } else { other[key.value] = target }
        }
        asciiMap = ascii
        otherMap = other
    }

    /// A confusable key or value through the unicode and case steps.
    static func prepare(_ text: String, unicode: UnicodeForm, letterCase: LetterCase) -> [Unicode.Scalar] {
        var scalars = Array(normalizedForm(text, unicode).unicodeScalars)
        if letterCase == .insensitive { scalars = pythonLowercased(scalars) }
        return scalars
    }

    static func normalizedForm(_ text: String, _ form: UnicodeForm) -> String {
        switch form {
        case .none: text
        case .nfc: text.precomposedStringWithCanonicalMapping
        case .nfkc: text.precomposedStringWithCompatibilityMapping
        }
    }

    /// The normalised text as Unicode scalars.
    public func apply(_ text: String) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        apply(text, into: &output)
        return output
    }

    /// Appends the normalised text to `output` (which keeps its capacity between calls).
    public func apply(_ text: String, into output: inout [Unicode.Scalar]) {
        var text = text
        text.withUTF8 { apply(utf8: $0, into: &output) }
    }

    /// Appends the normalised form of UTF-8 bytes (which must be valid UTF-8) to `output`.
    /// ASCII text takes a fast path without creating a `String` (the unicode forms leave ASCII
    /// unchanged).
    public func apply(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [Unicode.Scalar]) {
        let start = output.count
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            let lower = letterCase == .insensitive
            asciiMap.withUnsafeBufferPointer { map in
                for b in bytes {
                    var c = UInt32(b)
                    if lower && c >= 0x41 && c <= 0x5A { c |= 0x20 }
                    let r = map[Int(c)]
                    if r != Self.deleted { output.append(Unicode.Scalar(r)!) }
                }
            }
        } else {
            var scalars = Array(Self.normalizedForm(String(decoding: bytes, as: UTF8.self), unicode).unicodeScalars)
            if letterCase == .insensitive { scalars = Self.pythonLowercased(scalars) }
            for s in scalars {
                let r = s.value < 128 ? asciiMap[Int(s.value)] : (otherMap[s.value] ?? s.value)
                if r != Self.deleted { output.append(Unicode.Scalar(r)!) }
            }
        }
        applySpaces(&output, from: start)
    }

    /// The spaces step on `output[start...]`, in place.
    func applySpaces(_ output: inout [Unicode.Scalar], from start: Int) {
        switch spaces {
        case .keep:
            return
        case .strip:
            var end = output.count
            while end > start && Self.isSpace(output[end - 1]) { end -= 1 }
            var first = start
            while first < end && Self.isSpace(output[first]) { first += 1 }
            output.removeSubrange(end..<output.count)
            output.removeSubrange(start..<first)
        case .collapse, .remove:
            var write = start
            var pendingSpace = false
            for read in start..<output.count {
                let s = output[read]
                if Self.isSpace(s) {
                    pendingSpace = spaces == .collapse && write > start
                    continue
                }
                if pendingSpace {
                    output[write] = " "
                    write += 1
                    pendingSpace = false
                }
                output[write] = s
                write += 1
            }
            output.removeSubrange(write..<output.count)
        }
    }

    /// Python's `str.isspace()` for one character: Unicode White_Space plus U+001C–U+001F.
    @inlinable
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) || (v >= 0x1C && v <= 0x1F) }
        return s.properties.isWhitespace
    }

    /// Python's `str.lower()`: the full lowercase mapping of every scalar, and U+03A3 (capital
    /// sigma) becomes final sigma U+03C2 when it ends a word (CPython's `handle_capital_sigma`:
    /// preceded by a cased letter and not followed by one, case-ignorable scalars skipped).
    static func pythonLowercased(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for (i, s) in scalars.enumerated() {
            let v = s.value
            if v < 0x80 {
                result.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v | 0x20)! : s)
            } else if v == 0x3A3 {
                result.append(finalSigma(scalars, at: i) ? "\u{3C2}" : "\u{3C3}")
            } else {
                result.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return result
    }

    static func finalSigma(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i - 1
        while j >= 0 && scalars[j].properties.isCaseIgnorable { j -= 1 }
        guard j >= 0 && scalars[j].properties.isCased else { return false }
        j = i + 1
        while j < scalars.count && scalars[j].properties.isCaseIgnorable { j += 1 }
        return j == scalars.count || !scalars[j].properties.isCased
    }
}

extension TextNormalization {
    /// `try!` for the option-free default (it cannot throw).
    public init() {
        try! self.init(letterCase: .sensitive, spaces: .keep, unicode: .none, confusables: [:])
    }
}
