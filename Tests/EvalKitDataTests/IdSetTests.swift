import Testing
@testable import EvalKitData

/// `IdSet` answers as a `Set<String>` of the ids does, for ids in order, shuffled, with gaps,
/// with duplicates, and with ids that are not dense integers (the spill to strings).
@Suite struct IdSetTests {
    static func insert(_ set: inout IdSet, _ id: String) -> Bool {
        Array(id.utf8).withUnsafeBufferPointer { set.insert($0) }
    }

    @Test(arguments: ["in order", "shuffled", "gaps", "with text ids", "leading zeros"])
    func agreesWithASetOfStrings(_ pattern: String) {
        var generator = SystemRandomNumberGenerator()
        var ids: [String] = (0..<20_000).map(String.init)
        switch pattern {
        case "shuffled": ids.shuffle(using: &generator)
        case "gaps": ids = ids.enumerated().filter { $0.offset % 7 != 3 }.map { String(Int($0.element)! * 3) }
        case "with text ids": ids.insert("item-7", at: 15_000)
        case "leading zeros": ids.insert("007", at: 9_000)
        default: break
        }
        // Every 500th id again, later in the list.
        for i in stride(from: 0, to: ids.count, by: 500) { ids.insert(ids[i], at: min(ids.count, i + 700)) }
        var set = IdSet()
        var reference = Set<String>()
        for id in ids {
            #expect(Self.insert(&set, id) == reference.insert(id).inserted, "\(pattern): \(id)")
        }
        #expect(set.count == reference.count)
    }

    @Test func idsInOrderKeepAShortWindow() {
        var set = IdSet()
        var new = 0
        for i in 0..<1_000_000 where Self.insert(&set, String(i)) { new += 1 }
        #expect(new == 1_000_000)
        #expect(set.windowWords < 2_100, "\(set.windowWords) words for ids met in order")
        #expect(!Self.insert(&set, "0") && !Self.insert(&set, "999999") && Self.insert(&set, "1000000"))
    }
}
