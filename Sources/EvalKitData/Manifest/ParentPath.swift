/// The path without its last component, as `NSString.deletingLastPathComponent` defines it
/// (`a/b` → `a`, `/a` → `/`, `a` → ``, `a/b/` → `a`), written here because this toolchain's
/// Foundation traps on one-character paths (`"m"`: `evalkit run --out m` crashed).
public func parentPath(_ path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    while scalars.count > 1 && scalars.last == "/" { scalars.removeLast() }
    guard let slash = scalars.lastIndex(of: "/") else { return "" }
    if slash == 0 { return "/" }
    var end = slash
    while end > 1 && scalars[end - 1] == "/" { end -= 1 }
    var result = ""
    result.unicodeScalars.append(contentsOf: scalars[0..<end])
    return result
}

/// The last component of a path (`a/b` → `b`, `b` → `b`), for the same reason as `parentPath`.
public func lastPathComponent(_ path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    while scalars.count > 1 && scalars.last == "/" { scalars.removeLast() }
    guard let slash = scalars.lastIndex(of: "/"), scalars.count > 1 else { var s = ""; s.unicodeScalars.append(contentsOf: scalars); return s }
    var result = ""
    result.unicodeScalars.append(contentsOf: scalars[(slash + 1)...])
    return result
}
