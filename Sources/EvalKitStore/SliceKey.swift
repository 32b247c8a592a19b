import Foundation

/// The canonical text key of a slice, as the history stores it and `--slice` names it:
/// `attribute=value` pairs sorted by attribute and joined by commas (`race=Black,sex=Female`),
/// whatever the grouping's order. `%`, `,` and `=` inside names and values are percent-escaped
/// (`%25`, `%2C`, `%3D`) so every key parses back.
public enum SliceKey {
    /// The key of a slice given its grouping's attributes and values (same order).
    public static func canonical(attributes: [String], values: [String]) -> String {
        canonical(Array(zip(attributes, values)))
    }

    /// The key of a slice given as `{attribute: value}`.
    public static func canonical(_ by: [String: String]) -> String {
        canonical(by.map { ($0.key, $0.value) })
    }

    static func canonical(_ pairs: [(String, String)]) -> String {
        pairs.sorted { $0.0 < $1.0 }.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: ",")
    }

    /// Parses a key or a user's `--slice` text (`sex=Female, race=Black`: any order, spaces
    /// around pairs ignored) into `{attribute: value}`; nil when it is not `a=v` pairs or names an
    /// attribute twice.
    public static func parse(_ text: String) -> [String: String]? {
        parse(text, trimming: true)
    }

    /// Parses `a=v` pairs; `trimming` drops spaces around names and values (user input only:
    /// stored keys are parsed exactly).
    static func parse(_ text: String, trimming: Bool) -> [String: String]? {
        var by: [String: String] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = trimming ? part.trimmingCharacters(in: .whitespaces) : String(part)
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            var name = String(pair[..<equals])
            var value = String(pair[pair.index(after: equals)...])
            if trimming {
                name = name.trimmingCharacters(in: .whitespaces)
                value = value.trimmingCharacters(in: .whitespaces)
            }
            name = unescape(name)
            value = unescape(value)
            guard !name.isEmpty, by[name] == nil else { return nil }
            by[name] = value
        }
        return by.isEmpty ? nil : by
    }

    /// Normalises a user's `--slice` text to the canonical key; nil when it does not parse.
    public static func normalized(_ text: String) -> String? {
        parse(text).map(canonical)
    }

    /// The grouping column: attributes in the scheme's order, escaped, joined by commas.
    static func grouping(_ attributes: [String]) -> String {
        attributes.map(escape).joined(separator: ",")
    }

    static func attributes(ofGrouping grouping: String) -> [String] {
        grouping.isEmpty ? [] : grouping.split(separator: ",", omittingEmptySubsequences: false).map { unescape(String($0)) }
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "%" || $0 == "," || $0 == "=" }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "%": out += "%25"
            case ",": out += "%2C"
            case "=": out += "%3D"
            default: out.append(c)
            }
        }
        return out
    }

    /// Decodes `%25`, `%2C` and `%3D` in one pass (other text is kept as it is).
    static func unescape(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var out = ""
        var rest = Substring(text)
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent]
            let code = rest[percent...].prefix(3).uppercased()
            switch code {
            case "%25": out += "%"
            case "%2C": out += ","
            case "%3D": out += "="
            default:
                out += "%"
                rest = rest[rest.index(after: percent)...]
                continue
            }
            rest = rest[rest.index(percent, offsetBy: 3)...]
        }
        return out + rest
    }
}
