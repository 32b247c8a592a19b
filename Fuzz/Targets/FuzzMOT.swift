@testable import EvalKit
@testable import EvalKitData
import FuzzSupport

/// Fuzzes the MOTChallenge text reader of the tracking task (EvalKit/Tasks/Tracking/TrackingFiles.swift):
/// `parseMOT` (fields split on commas or blanks, numbers, frames within the sequence), the check of
/// ids given twice in a frame and the row count of unparsed files. The first byte is the sequence's
/// length in frames (0 to 255); the rest is the file. Any error but an `InputError` stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMOT(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let length = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    _ = TrackingFiles.rowCount(bytes)
    FuzzSupport.expectCleanRejection {
        let rows = try TrackingFiles.parseMOT(bytes, display: "input.txt", length: length, isTruth: true)
        try TrackingFiles.checkUniqueIds(rows)
        precondition(rows.frame.allSatisfy { $0 >= 0 && Int($0) < length }, "a frame outside the sequence was accepted")
        precondition(rows.box.count == rows.count * 4 && rows.line.count == rows.count, "row arrays of different lengths")
    }
    return 0
}
