import EvalKit
import FuzzSupport

/// Fuzzes the scheme loader (EvalKit/Scheme/SchemeLoader.swift) as `evalkit validate` runs it,
/// through `Engine.plan`: load, then each task kind's options, columns and metric names. The input
/// is written as `scheme.json` next to two small datasets that seeds can name, so manifests,
/// prediction specs and table headers are followed too: `dataset.json` (classification or text:
/// `ground_truth.csv`, `predictions.csv`) and `coco.json` (detection: `coco_gt.json`,
/// `coco_pred.json`). Any error but an `InputError` stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = companions
    let path = FuzzSupport.write(UnsafeBufferPointer(start: data, count: size), to: "scheme.json")
    FuzzSupport.expectCleanRejection {
        let planned = try Engine.plan(schemePath: path)
        precondition(!planned.evaluations.isEmpty, "a planned scheme has no evaluation")
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
    FuzzSupport.write("""
        id,pred,score,text,score_0,score_1
        1,1,0.9,1,0.1,0.9
        2,0,0.2,O,0.8,0.2
        3,0,0.4,0,0.6,0.4
        4,1,0.6,I,0.4,0.6

        """, to: "predictions.csv")
    FuzzSupport.write("""
        {"evalkit_dataset": 1, "name": "boxes",
         "files": [{"path": "coco_gt.json", "role": "ground_truth"}, {"path": "coco_pred.json", "role": "predictions"}],
         "columns": {"attributes": ["camera"], "object_attributes": ["colour"]}}
        """, to: "coco.json")
    FuzzSupport.write("""
        {"images": [{"id": 1, "camera": "a"}, {"id": 2, "camera": "b"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "attributes": {"colour": "red"}}],
         "categories": [{"id": 1, "name": "car"}]}
        """, to: "coco_gt.json")
    FuzzSupport.write("""
        [{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.5, "attributes": {"colour": "red"}}]
        """, to: "coco_pred.json")
}()
