/// The metrics of one task kind: exact keys, and patterns for keys that carry a parameter
/// (`f1_macro`, `recall@fpr=0.01`, `AP_tiny`, an attribute's `plate.cer`). Gates, comparisons,
/// reports, disparities and Wilson intervals read a metric's direction and kind from here.
///
/// Lookup: an exact key first, then each pattern in order; a pattern matches when the key has its
/// shape and its `resolve` returns an entry for the key's variable part.
public struct MetricCatalog: Sendable {
    /// A family of keys of one shape.
    public struct Pattern: Sendable {
        public enum Shape: Sendable {
            /// `<prefix><part>`, e.g. `AR` + `100`.
            case prefix(String)
            /// `<part><suffix>`, e.g. `f1` + `_macro`.
            case suffix(String)
            /// `<part><separator>…`: the part before the first separator (`recall` of `recall@fpr=0.01`).
            case beforeFirst(Character)
            /// `…<separator><part>`: the part after the last separator (`cer` of `plate.cer`).
            case afterLast(Character)
        }

        public var shape: Shape
        /// The entry of a key with variable part `part`; `catalog` is the catalog being searched
        /// (to derive from an exact entry). Nil: the key is not of this family.
        public var resolve: @Sendable (_ part: String, _ catalog: MetricCatalog) -> MetricInfo?

        public init(_ shape: Shape, resolve: @escaping @Sendable (_ part: String, _ catalog: MetricCatalog) -> MetricInfo?) {
            self.shape = shape
            self.resolve = resolve
        }

        /// The key's variable part, when it has this shape.
        func part(of key: String) -> String? {
            switch shape {
            case .prefix(let p):
                return key.hasPrefix(p) && key.count > p.count ? String(key.dropFirst(p.count)) : nil
            case .suffix(let s):
                return key.hasSuffix(s) && key.count > s.count ? String(key.dropLast(s.count)) : nil
            case .beforeFirst(let c):
                return key.firstIndex(of: c).map { String(key[..<$0]) }
            case .afterLast(let c):
                return key.lastIndex(of: c).map { String(key[key.index(after: $0)...]) }
            }
        }
    }

    /// The exact keys, in declaration order.
    public private(set) var names: [String] = []
    private var exact: [String: MetricInfo] = [:]
    public private(set) var patterns: [Pattern]

    public init(_ entries: [(String, MetricInfo)], patterns: [Pattern] = []) {
        for (name, info) in entries {
            precondition(exact[name] == nil, "MetricCatalog: \(name) declared twice")
            names.append(name)
            exact[name] = info
        }
        self.patterns = patterns
    }

    /// A catalog with no metrics (an unknown task).
    public static let empty = MetricCatalog([])

    /// The entry of `key`; nil when the kind does not declare it.
    public func info(_ key: String) -> MetricInfo? {
        if let info = exact[key] { return info }
        for pattern in patterns {
            if let part = pattern.part(of: key), !part.isEmpty, let info = pattern.resolve(part, self) { return info }
        }
        return nil
    }

    /// Which way `key` improves; nil when it has no direction or is not declared.
    public func direction(_ key: String) -> MetricDirection? { info(key)?.direction }

    /// Whether `key` is a count (printed as an integer; no interval, no disparity).
    public func isCount(_ key: String) -> Bool { info(key)?.isCount ?? false }

    /// The exact entries of `self` and `other` (self's first) and both pattern lists.
    public func merged(with other: MetricCatalog) -> MetricCatalog {
        var result = self
        for name in other.names where result.exact[name] == nil {
            result.names.append(name)
            result.exact[name] = other.exact[name]
        }
        result.patterns += other.patterns
        return result
    }
}
