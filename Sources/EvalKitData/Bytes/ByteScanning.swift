#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Word-at-a-time (SWAR) byte matching used by the readers' hot loops.
///
/// `matchMask(w, pattern)` has bit 7 of each byte set where that byte of `w` equals the byte that
/// `pattern` repeats (`repeatedByte(b)`), exactly (no false positives from borrows across bytes).
/// `gatherHighBits` packs those eight bit-7 flags into the low 8 bits, byte 0 first.

@inline(__always)
func repeatedByte(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

@inline(__always)
func matchMask(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
    let x = word ^ pattern
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((x & low7) &+ low7) | x) & 0x8080_8080_8080_8080
}

@inline(__always)
func gatherHighBits(_ mask: UInt64) -> UInt64 {
    ((mask >> 7) &* 0x0102_0408_1020_4080) >> 56
}

/// Offset of the first `byte` in `p[from..<to]`, or `to` when there is none.
@inline(__always)
func findByte(_ byte: UInt8, in p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    guard from < to else { return to }
    guard let hit = memchr(p + from, Int32(byte), to - from) else { return to }
    return p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
}

/// Number of newline bytes in `p[from..<to]`.
func countNewlines(in p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    var n = 0
    var i = findByte(0x0A, in: p, from: from, to: to)
    while i < to {
        n += 1
        i = findByte(0x0A, in: p, from: i + 1, to: to)
    }
    return n
}
