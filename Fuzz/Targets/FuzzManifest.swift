import EvalKitData
import FuzzSupport

/// Fuzzes `DatasetManifest.load` (EvalKitData/Manifest): the input is written as `dataset.json`
/// and loaded the way a scheme's `dataset` path is. Any error but an `InputError` stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzSupport.write(UnsafeBufferPointer(start: data, count: size), to: "dataset.json")
    FuzzSupport.expectCleanRejection {
        let manifest = try DatasetManifest.load(path: path, display: "dataset.json")
        precondition(manifest.groundTruth != nil, "a loaded manifest has no ground truth")
    }
    return 0
}
