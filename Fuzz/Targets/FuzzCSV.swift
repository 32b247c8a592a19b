@testable import EvalKitData
import FuzzSupport

/// Fuzzes `CSVReader` (EvalKitData/CSV) over a file holding the input after its first byte.
///
/// The first byte picks the delimiter (bits 0-1: `,` tab `;` `|`), the chunk size (bits 2-4) and
/// carry size (bits 5-6) of the read-ahead stream, so chunk boundaries fall inside quotes, CRLFs
/// and UTF-8 sequences, and the batch capacity (bit 7: 1 or 1000 rows). Columns `id` and `label`
/// are selected. Any error but an `InputError`, or a broken reader promise, stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let option = Int(data[0])
    let delimiters: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), UInt8(ascii: "|")]
    let path = FuzzSupport.write(UnsafeBufferPointer(start: data + 1, count: size - 1), to: "input.csv")
    FuzzSupport.expectCleanRejection {
        let reader = try CSVReader(path: path, displayPath: "input.csv",
                                   options: CSVOptions(delimiter: delimiters[option & 3]), columns: ["id", "label"],
                                   chunkSize: FuzzSupport.chunkSizes[(option >> 2) & 7],
                                   carrySize: FuzzSupport.carrySizes[(option >> 5) & 3])
        try FuzzSupport.drain(reader, capacity: option & 0x80 == 0 ? 1 : 1000)
    }
    return 0
}
