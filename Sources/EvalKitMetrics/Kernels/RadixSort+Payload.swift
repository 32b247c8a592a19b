/// `RadixSort` of `UInt64` keys that carry an `Int32` payload (a row index): the same stable LSD
/// sort (11-bit digits, constant digits skipped), moving each payload with its key.
extension RadixSort {
    /// Sorts `keys` ascending and permutes `payload` the same way (stable: equal keys keep their
    /// order). Both must have the same count.
    /// - Complexity: O(n) time, O(n) extra memory.
    public static func sort(_ keys: inout [UInt64], payload: inout [Int32]) {
        let n = keys.count
        precondition(payload.count == n, "RadixSort: keys and payload differ in count")
        if n < smallCount {
            let order = keys.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
            keys = order.map { keys[$0] }
            payload = order.map { payload[$0] }
            return
        }
        var keyScratch = [UInt64](repeating: 0, count: n)
        var payloadScratch = [Int32](repeating: 0, count: n)
        let mask = UInt64(radix - 1)
        var histograms = [Int](repeating: 0, count: passCount * radix)
        let inScratch: Bool = keys.withUnsafeMutableBufferPointer { k in
            payload.withUnsafeMutableBufferPointer { p in
                keyScratch.withUnsafeMutableBufferPointer { ks in
                    payloadScratch.withUnsafeMutableBufferPointer { ps in
                        histograms.withUnsafeMutableBufferPointer { h in
                            for i in 0..<n {
                                let key = k[i]
                                for pass in 0..<passCount {
                                    h[pass &* radix &+ Int(truncatingIfNeeded: (key >> UInt64(pass &* digitBits)) & mask)] &+= 1
                                }
                            }
                            var sourceKeys = k.baseAddress!, targetKeys = ks.baseAddress!
                            var sourceRows = p.baseAddress!, targetRows = ps.baseAddress!
                            var swapped = false
                            for pass in 0..<passCount {
                                let shift = UInt64(pass * digitBits)
                                let counts = h.baseAddress! + pass * radix
                                if counts[Int(truncatingIfNeeded: (sourceKeys.pointee >> shift) & mask)] == n { continue }
                                startOffsets(counts, radix: radix)
                                for i in 0..<n {
                                    let key = sourceKeys[i]
                                    let digit = Int(truncatingIfNeeded: (key >> shift) & mask)
                                    let slot = counts[digit]
                                    targetKeys[slot] = key
                                    targetRows[slot] = sourceRows[i]
                                    counts[digit] = slot &+ 1
                                }
                                swap(&sourceKeys, &targetKeys)
                                swap(&sourceRows, &targetRows)
                                swapped.toggle()
                            }
                            return swapped
                        }
                    }
                }
            }
        }
        if inScratch {
            swap(&keys, &keyScratch)
            swap(&payload, &payloadScratch)
        }
    }
}
