/// A value that can leave the process: written to bytes and read back exactly
/// (`T(from: write(x)) == x`, field for field). States implement it so that shards written by
/// other processes or machines merge like states of this one (docs/scale.md, "State files").
///
/// The encoding is little-endian and positional (no field names): its layout is versioned by the
/// state file's `format` as a whole, not per value.
public protocol PortableValue {
    func write(to writer: inout StateWriter)
    init(from reader: inout StateReader) throws
}

/// Appends values to a byte buffer: fixed-width integers and doubles (little-endian), strings
/// (length + UTF-8), and arrays of plain values as one block (length + raw bytes).
public struct StateWriter {
    public private(set) var bytes: [UInt8] = []
    public init() {}

    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func write(_ value: Int) { write(Int64(value)) }
    public mutating func write(_ value: Double) { write(value.bitPattern) }
    public mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }
    public mutating func write(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            write(Int64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
    public mutating func write(_ values: [String]) {
        write(Int64(values.count))
        for value in values { write(value) }
    }
    /// An array of plain values (integers, doubles, booleans) as one block.
    public mutating func write<T: BitwiseCopyable>(plain values: [T]) {
        write(Int64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
    public mutating func write<T: BitwiseCopyable>(plain values: [[T]]) {
        write(Int64(values.count))
        for value in values { write(plain: value) }
    }
    public mutating func write<T: PortableValue>(_ value: T) { value.write(to: &self) }
    public mutating func write<T: PortableValue>(_ value: T?) {
        write(value != nil)
        value?.write(to: &self)
    }
    public mutating func write<T: PortableValue>(_ values: [T]) {
        write(Int64(values.count))
        for value in values { value.write(to: &self) }
    }
    public mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }
}

/// Why bytes could not be read back as a state.
public struct StateDecodingError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads what `StateWriter` wrote, in the same order; every read checks the remaining length,
/// so truncated or corrupt bytes throw instead of trapping.
public struct StateReader {
    private let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var isAtEnd: Bool { offset == bytes.count }
    public var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= remaining else {
            throw StateDecodingError("truncated: \(count) more bytes expected at offset \(offset), \(remaining) left")
        }
        defer { offset += count }
        return offset..<(offset + count)
    }

    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let range = try take(MemoryLayout<T>.size)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { target in
            bytes.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[range])) }
        }
        return T(littleEndian: value)
    }
    public mutating func readInt() throws -> Int { Int(try read(Int64.self)) }
    public mutating func readDouble() throws -> Double { Double(bitPattern: try read(UInt64.self)) }
    public mutating func readBool() throws -> Bool {
        let byte = try read(UInt8.self)
        guard byte <= 1 else { throw StateDecodingError("a boolean byte is \(byte) at offset \(offset - 1)") }
        return byte == 1
    }
    /// A count of elements of `size` bytes each, checked against what is left.
    public mutating func readCount(elementSize: Int = 1) throws -> Int {
        let count = try read(Int64.self)
        guard count >= 0, count <= Int64(remaining / Swift.max(elementSize, 1)) else {
            throw StateDecodingError("a length of \(count) at offset \(offset - 8) exceeds the \(remaining) bytes left")
        }
        return Int(count)
    }
    public mutating func readString() throws -> String {
        let range = try take(try readCount())
        return String(decoding: bytes[range], as: UTF8.self)
    }
    public mutating func readStrings() throws -> [String] {
        let count = try readCount(elementSize: 8)
        return try (0..<count).map { _ in try readString() }
    }
    public mutating func readPlain<T: BitwiseCopyable>(_: [T].Type = [T].self) throws -> [T] {
        let size = MemoryLayout<T>.stride
        let count = try readCount(elementSize: size)
        let range = try take(count * size)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[range]))
            }
            initialized = count
        }
    }
    public mutating func readPlainArrays<T: BitwiseCopyable>(_: [[T]].Type = [[T]].self) throws -> [[T]] {
        let count = try readCount(elementSize: 8)
        return try (0..<count).map { _ in try readPlain([T].self) }
    }
    public mutating func read<T: PortableValue>(_: T.Type = T.self) throws -> T { try T(from: &self) }
    public mutating func readOptional<T: PortableValue>(_: T.Type = T.self) throws -> T? {
        try readBool() ? try T(from: &self) : nil
    }
    public mutating func readArray<T: PortableValue>(_: T.Type = T.self) throws -> [T] {
        let count = try readCount()
        return try (0..<count).map { _ in try T(from: &self) }
    }
    /// Bytes `range` of the input (for checksums of sections).
    public func slice(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }
    public var allBytes: [UInt8] { bytes }

    /// Fails unless `condition` holds: the check that keeps a corrupt state from trapping later.
    public func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw StateDecodingError(message()) }
    }
}

extension PortableValue {
    /// The value's bytes.
    public var encoded: [UInt8] {
        var writer = StateWriter()
        write(to: &writer)
        return writer.bytes
    }

    /// Reads a value from `bytes`, which must hold exactly one.
    public init(decoding bytes: [UInt8]) throws {
        var reader = StateReader(bytes)
        self = try Self(from: &reader)
        try reader.require(reader.isAtEnd, "\(reader.remaining) unexpected bytes after the value")
    }
}
