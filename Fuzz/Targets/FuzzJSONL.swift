@testable import EvalKitData
import FuzzSupport

/// Fuzzes `JSONLReader` (EvalKitData/JSONL) over a file holding the input after its first byte.
///
/// The first byte picks the chunk size (bits 0-2) and carry size (bits 3-4) of the read-ahead
/// stream and the batch capacity (bit 7: 1 or 1000 rows). Keys `id`, `label` and `score` are
/// selected. Any error but an `InputError`, or a broken reader promise, stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let option = Int(data[0])
    let path = FuzzSupport.write(UnsafeBufferPointer(start: data + 1, count: size - 1), to: "input.jsonl")
    FuzzSupport.expectCleanRejection {
        let reader = try JSONLReader(path: path, displayPath: "input.jsonl", columns: ["id", "label", "score"],
                                     chunkSize: FuzzSupport.chunkSizes[option & 7],
                                     carrySize: FuzzSupport.carrySizes[(option >> 3) & 3])
        try FuzzSupport.drain(reader, capacity: option & 0x80 == 0 ? 1 : 1000)
    }
    return 0
}
