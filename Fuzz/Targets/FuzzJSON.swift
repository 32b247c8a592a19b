import EvalKitData
import FuzzSupport

/// Fuzzes `JSONParser` (EvalKitData/JSON), the parser of schemes, manifests and baselines, on the
/// input bytes in memory. A parsed document is walked whole (every node's path and position).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzSupport.expectCleanRejection {
        let root = try JSONParser.parse(bytes, file: "input.json")
        var nodes = [root]
        while let node = nodes.popLast() {
            precondition(node.line >= 1 && node.column >= 1, "node at \(node.line):\(node.column)")
            if let items = node.arrayItems { nodes += items }
            if let members = node.objectMembers { nodes += members.map(\.value) }
        }
    }
    return 0
}
