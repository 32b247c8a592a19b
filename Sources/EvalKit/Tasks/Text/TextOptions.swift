import EvalKitData

/// The `options` of a text evaluation (docs/schemes.md, "Task `text`"): how reference and
/// predicted strings are normalised before they are compared. A task that compares strings of
/// its own (plates read in detected boxes) reads the same object with `read`.
enum TextOptions {
    static let keys = ["case", "spaces", "confusables", "unicode"]

    /// Reads and checks the normalisation options; every fault is collected in `reader` with its
    /// JSON path (the caller calls `reader.check()`). On a fault the affected option keeps its
    /// default, so the caller can go on checking. A nil `node` gives the defaults.
    static func read(_ node: JSONNode?, reader: inout NodeReader) -> TextNormalization {
        guard let node else { return TextNormalization() }
        reader.object(node, allowed: keys, what: "text options")
        guard node.objectMembers != nil else { return TextNormalization() }
        typealias N = TextNormalization
        let letterCase = reader.choice(node["case"], "case", in: node, N.LetterCase.allCases.map(\.rawValue))
            .flatMap(N.LetterCase.init(rawValue:)) ?? .sensitive
        let spaces = reader.choice(node["spaces"], "spaces", in: node, N.Spaces.allCases.map(\.rawValue))
            .flatMap(N.Spaces.init(rawValue:)) ?? .keep
        let unicode = reader.choice(node["unicode"], "unicode", in: node, N.UnicodeForm.allCases.map(\.rawValue))
            .flatMap(N.UnicodeForm.init(rawValue:)) ?? .none

        var confusables: [String: String] = [:]
        var nodes: [String: JSONNode] = [:]
        if let map = node["confusables"] {
            if let members = map.objectMembers {
                for (key, value) in members {
                    guard let replacement = value.stringValue else {
                        reader.fail(value, expected: "the canonical character (a string of one character, or \"\" to delete it)",
                                    found: value.foundDescription)
                        continue
                    }
                    // Each entry alone, so that every bad entry is reported.
                    do throws(N.InvalidConfusable) {
                        _ = try N(letterCase: letterCase, spaces: spaces, unicode: unicode, confusables: [key: replacement])
                        confusables[key] = replacement
                        nodes[key] = value
                    } catch {
                        reader.fail(value, error.description, hint: "e.g. \"confusables\": {\"O\": \"0\", \"I\": \"1\", \"B\": \"8\"}")
                    }
                }
            } else {
                reader.fail(map, expected: "an object mapping single characters to their canonical character, e.g. {\"O\": \"0\"}",
                            found: map.foundDescription)
            }
        }
        do throws(N.InvalidConfusable) {
            return try N(letterCase: letterCase, spaces: spaces, unicode: unicode, confusables: confusables)
        } catch {
            if case .conflictingKeys(_, let second) = error, let at = nodes[second] {
                reader.fail(at, error.description,
                            hint: letterCase == .insensitive ? "under \"case\": \"insensitive\" the keys are compared lowercased" : nil)
            } else {
                reader.fail(node["confusables"] ?? node, error.description)
            }
            return try! N(letterCase: letterCase, spaces: spaces, unicode: unicode)
        }
    }
}
