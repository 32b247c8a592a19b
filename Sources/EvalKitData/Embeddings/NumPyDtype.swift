/// NumPy's text for the one dtype the embedding readers accept: little-endian float32.
let float32Descr = "<f4"

/// What a NumPy array-protocol type string means, for error messages: `'<f8'` → `float64`,
/// `'>f4'` → `big-endian float32`, `'|u1'` → `uint8`, `'<U10'` → `Unicode strings`.
///
/// A descr is a byte-order character (`<` little-endian, `>` big-endian, `|` not applicable,
/// `=` native), a kind character and a size in bytes (NumPy's `dtype.str`). The byte order is
/// named only when it is big-endian or native, the others being what a little-endian
/// machine writes. Returns nil for text that is not a descr.
func describeNumPyDescr(_ descr: String) -> String? {
    var text = Substring(descr)
    var order = ""
    if let first = text.first, "<>|=".contains(first) {
        order = first == ">" ? "big-endian " : first == "=" ? "native-byte-order " : ""
        text = text.dropFirst()
    }
    guard let kind = text.first else { return nil }
    let sizeText = text.dropFirst().prefix { $0.isNumber }
    let size = Int(sizeText)
    let rest = text.dropFirst(1 + sizeText.count)
    let bits = size.map { String($0 * 8) } ?? ""
    let name: String
    switch kind {
    case "f": name = size == 16 ? "long double (float128)" : "float" + bits
    case "i": name = "int" + bits
    case "u": name = "uint" + bits
    case "c": name = "complex" + bits
    case "b": name = "bool"
    case "U": name = "Unicode strings"
    case "S", "a": name = "byte strings"
    case "O": name = "Python objects"
    case "V": name = "raw bytes (void)"
    case "M": name = "datetime64"
    case "m": name = "timedelta64"
    default: return nil
    }
    guard (size != nil || "OMm".contains(kind)), rest.isEmpty || rest.first == "[" else { return nil }
    return (size == 1 ? "" : order) + name
}
