import Crypto

/// SHA-256 computed over bytes fed in pieces (a file read in chunks), so a file's digest is known
/// after one pass without holding the file. `hex` is the lowercase hexadecimal digest, the same
/// text `sha256sum` prints.
public struct StreamingSHA256 {
    private var hasher = SHA256()

    public init() {}

    /// Adds the next bytes of the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    /// Adds the next bytes of the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    /// Lowercase hex digest of everything added so far (the hasher may go on being updated).
    public func hex() -> String {
        hexString(hasher.finalize())
    }
}

/// Lowercase hexadecimal text of bytes (two digits per byte).
public func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}
