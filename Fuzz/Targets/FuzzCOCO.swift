@testable import EvalKit
@testable import EvalKitData
import FuzzSupport

/// Fuzzes the COCO readers (EvalKit/Tasks/Detection/COCO*.swift) and through them
/// `FastJSONDocument` and the simdjson shim (Sources/CSimdjson), over a file holding the input
/// after its first byte.
///
/// First byte, bit 0 clear: the input is a ground-truth file (images, annotations, categories;
/// image attribute `camera`, object attribute `colour`). Bit 0 set: the input is a results file,
/// read against a small fixed ground truth with attribute `colour`, under `extra: ignore`
/// (bit 1 set) or `extra: error`. Any error but an `InputError` stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCOCO(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let option = data[0]
    let path = FuzzSupport.write(UnsafeBufferPointer(start: data + 1, count: size - 1), to: "input.json")
    FuzzSupport.expectCleanRejection {
        if option & 1 == 0 {
            _ = try COCOGroundTruth.read(cocoFile(path), imageAttributes: ["camera"], objectAttributes: ["colour"],
                                        progress: .off, threads: .one)
        } else {
            let file = try COCOResults.readFile(path: path, display: "input.json", attributes: ["colour"], progress: .off, threads: .one)
            _ = try COCOResults(file, truth: fixedTruth, attributes: ["colour"], extra: option & 2 == 0 ? .error : .ignore)
        }
    }
    return 0
}

/// A manifest file entry for a COCO file at `path`.
private func cocoFile(_ path: String) -> DatasetManifest.File {
    DatasetManifest.File(path: path, resolvedPath: path, displayPath: "input.json", role: "ground_truth",
                         format: .coco, csv: CSVOptions(), rows: nil, sha256: nil)
}

/// Two images, two categories, three annotations: what results are checked against.
private let fixedTruth: COCOGroundTruth = {
    let text = """
        {"images": [{"id": 1, "camera": "a"}, {"id": 7, "camera": "b"}],
         "annotations": [
          {"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 10, 20, 20], "area": 400, "iscrowd": 0,
           "attributes": {"colour": "red"}},
          {"id": 2, "image_id": 7, "category_id": 2, "bbox": [0, 0, 5.5, 3], "iscrowd": 1},
          {"id": 3, "image_id": 7, "category_id": 1, "bbox": [1, 2, 3, 4], "area": 12}],
         "categories": [{"id": 1, "name": "plate"}, {"id": 2, "name": "car"}]}
        """
    let path = FuzzSupport.write(text, to: "truth.json")
    do {
        return try COCOGroundTruth.read(cocoFile(path), imageAttributes: [], objectAttributes: ["colour"], progress: .off, threads: .one)
    } catch {
        fatalError("fuzz: the fixed ground truth does not load: \(error)")
    }
}()
