/// A column buffer to allocate for a read: its length and the value of absent elements.
enum ColumnBufferSpec {
    case integers(count: Int, absent: Int64)
    case doubles(count: Int, absent: Double)
    case flags(count: Int)
}

/// A column buffer after the read.
enum ColumnBuffer {
    case integers([Int64])
    case doubles([Double])
    case flags([Bool])
}

/// Allocates one array per spec, filled with its absent value, calls `body` with the arrays'
/// base addresses (nil for an empty array), and returns the arrays: a reader writes straight into
/// their storage, with no copy.
func withColumnBuffers(_ specs: ArraySlice<ColumnBufferSpec>, addresses: [UnsafeMutableRawPointer?] = [],
                       _ body: ([UnsafeMutableRawPointer?]) throws -> Void) throws -> [ColumnBuffer] {
    guard let spec = specs.first else {
        try body(addresses)
        return []
    }
    var rest: [ColumnBuffer] = []
    func allocate<T>(_ count: Int, _ absent: T) throws -> [T] {
        try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.initialize(repeating: absent)
            initialized = count
            rest = try withColumnBuffers(specs.dropFirst(), addresses: addresses + [UnsafeMutableRawPointer(buffer.baseAddress)], body)
        }
    }
    let column: ColumnBuffer
    switch spec {
    case .integers(let count, let absent): column = .integers(try allocate(count, absent))
    case .doubles(let count, let absent): column = .doubles(try allocate(count, absent))
    case .flags(let count): column = .flags(try allocate(count, false))
    }
    return [column] + rest
}
