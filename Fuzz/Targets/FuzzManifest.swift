import EvalKitData
import FuzzSupport

/// Fuzzes `DatasetManifest.load` (EvalKitData/Manifest): the input is written as `dataset.json`
/// and loaded the way a scheme's `dataset` path is. Any error but an `InputError` stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzSupport.write(UnsafeBufferPointer(start: data, count: size), to: "dataset.json")
    FuzzSupport.expectCleanRejection {
        // Every kind's own `columns` keys (classification's and detection's).
        let surface = ManifestSurface(kind: nil, columnKeys: ["labels", "object_attributes"])
        let manifest = try DatasetManifest.load(path: path, display: "dataset.json", surface: surface)
        precondition(manifest.groundTruth != nil, "a loaded manifest has no ground truth")
    }
    return 0
}
