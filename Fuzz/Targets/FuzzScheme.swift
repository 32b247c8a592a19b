import EvalKit
import FuzzSupport

/// Fuzzes `SchemeLoader.load` (EvalKit/Scheme): the input is written as `scheme.json` next to a
/// small classification dataset (`dataset.json`, `ground_truth.csv`, `predictions.csv`) that seeds
/// can name, so manifests and prediction specs are followed too. Any error but an `InputError`
/// stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = companions
    let path = FuzzSupport.write(UnsafeBufferPointer(start: data, count: size), to: "scheme.json")
    FuzzSupport.expectCleanRejection {
        let scheme = try SchemeLoader.load(path: path)
        precondition(!scheme.evaluations.isEmpty, "a loaded scheme has no evaluation")
    }
    return 0
}

/// The files a scheme may name, written once.
private let companions: Void = {
    FuzzSupport.write("""
        {"evalkit_dataset": 1, "name": "tiny",
         "files": [{"path": "ground_truth.csv", "role": "ground_truth", "rows": 4},
                   {"path": "predictions.csv", "role": "predictions"}],
         "columns": {"id": "id", "label": "label", "attributes": ["group"]}}
        """, to: "dataset.json")
    FuzzSupport.write("id,label,group\n1,1,a\n2,0,a\n3,1,b\n4,0,b\n", to: "ground_truth.csv")
    FuzzSupport.write("id,pred,score\n1,1,0.9\n2,0,0.2\n3,0,0.4\n4,1,0.6\n", to: "predictions.csv")
}()
