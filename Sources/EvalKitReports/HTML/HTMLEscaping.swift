/// Escaping of every string that comes from data (labels, slice values, notes, names, paths)
/// before it enters the HTML report, in text and in quoted attribute values alike.
enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, so it can
    /// neither open a tag nor close an attribute, and with C0 control characters other than tab,
    /// line feed and carriage return (a terminal colour code in a note) replaced by U+FFFD, which
    /// keeps the document well-formed XML too. Text without any of them is returned as it is.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x7F: true
        default: byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
        }
    }
}
