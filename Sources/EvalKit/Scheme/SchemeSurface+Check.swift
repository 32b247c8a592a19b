import EvalKitData

extension SchemeSurface {
    /// Checks the kind's own keys of an evaluation's `predictions` and `options`. A key of another
    /// kind's predictions is named as such; any other unknown key gets a "did you mean".
    func check(predictions: JSONNode?, options: JSONNode?, kind: String, reader: inout NodeReader) {
        if let members = predictions?.objectMembers {
            let allowed = allowedPredictionKeys
            for (key, value) in members where !allowed.contains(key) {
                let owners = TaskRegistry.kinds.filter { $0.name != kind && $0.surface.predictionKeys.contains(key) }.map { $0.name }
                if owners.isEmpty {
                    reader.failKey(key, value, of: predictions!, message: "unknown key \(quoted(key)) in \(kind) predictions",
                                  hint: didYouMean(key, allowed) ?? "\(kind) predictions take " + allowed.map { quoted($0) }.joined(separator: ", "))
                } else {
                    reader.failKey(key, value, of: predictions!,
                                  message: "\(quoted(key)) is for \(owners.joined(separator: " and ")) predictions, not \(kind) ones",
                                  hint: predictionsHint ?? "\(kind) predictions take " + allowed.map { quoted($0) }.joined(separator: ", "))
                }
            }
        }
        if let options, options.objectMembers != nil {
            reader.object(options, allowed: optionKeys, what: "\(kind) options")
        }
    }
}

extension NodeReader {
    /// An error at member `key` of `parent` (placed at the member's value).
    mutating func failKey(_ key: String, _ value: JSONNode, of parent: JSONNode, message: String, hint: String?) {
        append(InputError(file: file, line: value.line, column: value.column, path: parent.childPath(key), message: message, hint: hint))
    }
}
