import Foundation
import Testing
import EvalKitData
import EvalKitMetrics

/// Properties slicing and the bootstrap rely on: cells merge to the whole in any order, and a
/// replicate that draws every image once is the data itself.
@Suite struct DetectionInvarianceTests {
    static func fixture(_ name: String) throws -> COCOTestCase {
        let directory = DetectionFixtureTests.directory + "/cases/" + name
        return try COCOTestCase(groundTruth: directory + "/gt.json", detections: directory + "/dt.json")
    }

    func config(_ coco: COCOTestCase, _ parameters: DetectionParameters) -> DetectionConfig {
        DetectionConfig(parameters: parameters, categoryNames: coco.categoryNames, operatingThreshold: 0, operatingIoU: 0.5,
                        scoreThreshold: 0.3, zeroDivision: .nan)
    }

    @Test(arguments: ["04_ties", "10_large_random", "01_crowd"])
    func cellsMergeToTheWhole(_ name: String) throws {
        let coco = try Self.fixture(name)
        let parameters = DetectionParameters()
        let matcher = DetectionMatcher(parameters: parameters, operatingIoU: 0.5)
        var one = [DetectionState(areaCount: 4)]
        _ = matcher.match(truth: coco.truth, detections: coco.detections, imageCount: coco.imageCount,
                          categoryCount: coco.categoryNames.count, cellOfImage: Array(repeating: 0, count: coco.imageCount), states: &one)
        // Three cells, images spread by a hash of their index; merged in reverse order.
        var three = Array(repeating: DetectionState(areaCount: 4), count: 3)
        _ = matcher.match(truth: coco.truth, detections: coco.detections, imageCount: coco.imageCount,
                          categoryCount: coco.categoryNames.count,
                          cellOfImage: (0..<coco.imageCount).map { Int32(($0 * 7 + 3) % 3) }, states: &three)
        var merged = DetectionState(areaCount: 4)
        for cell in three.reversed() { merged.merge(cell) }
        let whole = DetectionMetrics.compute(one[0], config(coco, parameters)).metrics
        let fromCells = DetectionMetrics.compute(merged, config(coco, parameters)).metrics
        #expect(whole.keys == fromCells.keys)
        for key in whole.keys {
            #expect(whole[key]! == fromCells[key]! || (whole[key]!.isNaN && fromCells[key]!.isNaN), "\(key)")
        }
    }

    /// Matching consecutive ranges of the images (one per thread), concatenating each cell's
    /// records in range order and merging the matches gives the whole matching exactly; parts
    /// sorted before they are joined sort to the whole's order.
    @Test(arguments: ["04_ties", "10_large_random", "01_crowd"])
    func imageRangesJoinToTheWhole(_ name: String) throws {
        let coco = try Self.fixture(name)
        let matcher = DetectionMatcher(parameters: DetectionParameters(), operatingIoU: 0.5, voc: true)
        let groups = DetectionGroups(truth: coco.truth, detections: coco.detections, imageCount: coco.imageCount,
                                     categoryCount: coco.categoryNames.count)
        // Images in two cells, boxes in three (slices by an attribute of the boxes).
        let cellOfImage = (0..<coco.imageCount).map { Int32($0 % 2) }
        let cellOfTruth = (0..<coco.truth.count).map { Int32($0 % 3) }
        func match(_ images: Range<Int>) -> (states: [DetectionState], matches: DetectionMatcher.Matches) {
            var states = Array(repeating: DetectionState(areaCount: 4), count: 3)
            let matches = matcher.match(groups, images: images, truth: coco.truth, detections: coco.detections,
                                        cellOfImage: cellOfImage, cellOfTruth: cellOfTruth, states: &states)
            return (states, matches)
        }
        func bytes(_ states: [DetectionState]) -> [UInt8] {
            var writer = StateWriter()
            writer.write(states)
            return writer.bytes
        }
        let whole = match(0..<coco.imageCount)
        for parts in 1...5 {
            let ranges = groups.ranges(parts)
            #expect(ranges.count == parts && ranges.first!.lowerBound == 0 && ranges.last!.upperBound == coco.imageCount)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            var joined = Array(repeating: DetectionState(areaCount: 4), count: 3)
            var sortedParts = joined
            var matches = match(0..<0).matches
            for range in ranges {
                let part = match(range)
                for c in joined.indices {
                    joined[c].merge(part.states[c])
                    var sorted = part.states[c]
                    sorted.sortDetections()
                    sortedParts[c].merge(sorted)
                }
                matches.merge(part.matches)
            }
            #expect(bytes(joined) == bytes(whole.states), "\(name): \(parts) ranges")
            #expect(matches.rank == whole.matches.rank && matches.operatingMatch == whole.matches.operatingMatch)
            var sortedWhole = whole.states
            for c in sortedWhole.indices {
                sortedWhole[c].sortDetections()
                sortedParts[c].canonicalize()
            }
            #expect(bytes(sortedParts) == bytes(sortedWhole), "\(name): \(parts) sorted ranges")
        }
    }

    /// Detections in any order sort to the same records, whether the categories are sorted in
    /// one run or cut into several runs done at once.
    @Test func detectionsInAnyOrderSortToOneOrder() throws {
        let coco = try Self.fixture("10_large_random")
        var sorted = coco.state(DetectionParameters())
        sorted.sortDetections()
        func bytes(_ state: DetectionState) -> [UInt8] {
            var writer = StateWriter()
            writer.write(state)
            return writer.bytes
        }
        var generator = Xoshiro256StarStar(seed: 5)
        for parts in [1, 2, 3, 7] {
            let order = (0..<sorted.detectionCount).shuffled(using: &generator)
            var shuffled = sorted
            shuffled.detectionCategory = order.map { sorted.detectionCategory[$0] }
            shuffled.detectionScore = order.map { sorted.detectionScore[$0] }
            shuffled.detectionImage = order.map { sorted.detectionImage[$0] }
            shuffled.detectionRank = order.map { sorted.detectionRank[$0] }
            shuffled.matched = order.flatMap { sorted.matched[$0 * 4..<($0 + 1) * 4] }
            shuffled.ignored = order.flatMap { sorted.ignored[$0 * 4..<($0 + 1) * 4] }
            #expect(bytes(shuffled) != bytes(sorted))
            shuffled.sortDetections(parts: parts) { n, body in _ = Threads(parts).map(n, body) }
            #expect(bytes(shuffled) == bytes(sorted), "\(parts) runs")
        }
    }

    @Test func replicateOfEveryImageOnceIsTheData() throws {
        let coco = try Self.fixture("10_large_random")
        let parameters = DetectionParameters()
        let state = coco.state(parameters)
        let same = state.reweighted { _ in 1 }
        let doubled = state.reweighted { _ in 2 }
        let base = DetectionMetrics.compute(state, config(coco, parameters)).metrics
        let once = DetectionMetrics.compute(same, config(coco, parameters)).metrics
        let twice = DetectionMetrics.compute(doubled, config(coco, parameters)).metrics
        for key in base.keys where !["tp", "fp", "fn", "images"].contains(key) {
            #expect(base[key]! == once[key]!, "\(key)")
            // Every image twice: the same curves, so the same AP and rates.
            #expect(abs(base[key]! - twice[key]!) < 1e-12, "\(key) doubled")
        }
        #expect(twice["tp"]! == 2 * base["tp"]!)
        #expect(twice["images"]! == 2 * base["images"]!)
    }

    @Test func operatingPointCountsAddUp() throws {
        let coco = try Self.fixture("02_empty_images")
        let metrics = coco.evaluate(DetectionParameters(), operatingIoU: 0.5, scoreThreshold: 0).metrics
        let truthBoxes = Double(coco.truth.crowd.filter { !$0 }.count)
        #expect(metrics["tp"]! + metrics["fn"]! == truthBoxes)
        #expect(metrics["recall"]! == metrics["tp"]! / truthBoxes)
        #expect(abs(metrics["miss_rate"]! - (1 - metrics["recall"]!)) < 1e-15)
        #expect(metrics["false_alarms_per_image"]! == metrics["fp"]! / Double(coco.imageCount))
        // Recall at score ≥ 0 and IoU 0.5 with up to 100 detections is pycocotools' recall at IoU 0.5.
        let strict = coco.evaluate(DetectionParameters(), operatingIoU: 0.5, scoreThreshold: 2).metrics
        #expect(strict["tp"]! == 0 && strict["fp"]! == 0 && strict["precision"]!.isNaN)
    }

    /// Recall from the boxes alone (what a slice by a box attribute has) equals pycocotools'
    /// recall from the detections, on every fixture case.
    @Test(arguments: DetectionFixtureTests.caseIds)
    func recallFromTheBoxesEqualsRecallFromTheDetections(_ id: String) throws {
        let fixture = DetectionFixtureTests.cases.first { $0["id"]?.stringValue == id }!
        let inputs = fixture["inputs"]!
        let coco = try COCOTestCase(groundTruth: DetectionFixtureTests.directory + "/" + inputs["gt"]!.stringValue!,
                                    detections: DetectionFixtureTests.directory + "/" + inputs["dt"]!.stringValue!)
        let parameters = DetectionFixtureTests.parameters(fixture["params"]!)
        let state = coco.state(parameters)
        var boxesOnly = DetectionState(areaCount: parameters.areaRanges.count)
        for g in 0..<state.truthCount {
            boxesOnly.appendTruth(category: state.truthCategory[g], image: state.truthImage[g], counted: state.truthCounted[g],
                                  crowd: state.truthCrowd[g],
                                  matchRanks: state.truthMatchRank[g * state.truthStride..<(g + 1) * state.truthStride],
                                  operatingScore: state.truthMatchScore[g])
        }
        #expect(boxesOnly.isBoxSlice)
        let categories = parameters.useCategories ? coco.categoryNames : ["all"]
        let operating = DetectionMatcher(parameters: parameters, operatingIoU: 0.5).operatingThreshold!
        let config = DetectionConfig(parameters: parameters, categoryNames: categories, operatingThreshold: operating, operatingIoU: 0.5,
                                     scoreThreshold: 0.4, zeroDivision: .nan)
        let whole = DetectionMetrics.compute(state, config).metrics
        let boxes = DetectionMetrics.compute(boxesOnly, config).metrics
        for key in whole.keys where key.hasPrefix("AR") || ["recall", "miss_rate", "tp", "fn"].contains(key) {
            #expect(whole[key] == boxes[key] || (whole[key]!.isNaN && boxes[key]!.isNaN), "\(id) \(key): \(whole[key]!) vs \(boxes[key]!)")
        }
        #expect(boxes["AP"]!.isNaN && boxes["precision"]!.isNaN)
    }
}
