/// Per ground-truth track (or part of a track with one box-attribute value) of one sequence: its
/// boxes, matches, identity matches, switches and fragmentations, and the events where they
/// happened. A ground-truth row belongs to the slot of its track and part.
struct TrackTally {
    let sequence: String
    let className: String
    let boxes: SequenceBoxes
    /// Slot of each ground-truth row.
    var rowSlot: [Int32]
    var slotTrack: [Int32] = []
    var slotPart: [Int32] = []
    var count: [Int] = []
    var matched: [Int] = []
    var identity: [Int] = []
    var switches: [Int] = []
    var fragments: [Int] = []
    var first: [Int32] = []
    var last: [Int32] = []
    var events: [TrackEvent] = []

    init(_ boxes: SequenceBoxes, sequence: String, className: String) {
        self.sequence = sequence
        self.className = className
        self.boxes = boxes
        if let parts = boxes.gtPart {
            var slotOf: [Int64: Int32] = [:]
            rowSlot = [Int32](repeating: 0, count: boxes.gtDets)
            for row in 0..<boxes.gtDets {
                let key = Int64(boxes.gtId[row]) << 32 | Int64(UInt32(bitPattern: parts[row]))
                if let slot = slotOf[key] { rowSlot[row] = slot; continue }
                let slot = Int32(slotTrack.count)
                slotOf[key] = slot
                slotTrack.append(boxes.gtId[row])
                slotPart.append(parts[row])
                rowSlot[row] = slot
            }
        } else {
            rowSlot = boxes.gtId
            slotTrack = (0..<Int32(boxes.gtIdCount)).map { $0 }
            slotPart = [Int32](repeating: 0, count: boxes.gtIdCount)
        }
        let slots = slotTrack.count
        count = [Int](repeating: 0, count: slots)
        matched = count
        identity = count
        switches = count
        fragments = count
        first = [Int32](repeating: .max, count: slots)
        last = [Int32](repeating: 0, count: slots)
        for t in 0..<boxes.frames {
            for row in boxes.gtRange(t) {
                let slot = Int(rowSlot[row])
                count[slot] += 1
                first[slot] = min(first[slot], Int32(t + 1))
                last[slot] = max(last[slot], Int32(t + 1))
            }
        }
    }

    @inline(__always) mutating func matched(row: Int) { matched[Int(rowSlot[row])] += 1 }
    @inline(__always) mutating func identityMatched(row: Int) { identity[Int(rowSlot[row])] += 1 }

    /// Records an identity switch or fragmentation on the object of `row` at frame `frame` (0-based);
    /// tracker ids are relabelled ones (-1: none).
    mutating func event(_ kind: TrackEvent.Kind, row: Int, frame: Int, before: Int32, after: Int32) {
        let slot = Int(rowSlot[row])
        switch kind {
        case .idSwitch: switches[slot] += 1
        case .fragmentation: fragments[slot] += 1
        }
        events.append(TrackEvent(kind: kind, sequence: sequence, className: className, frame: Int32(frame + 1),
                                 gtId: boxes.gtOriginalId[Int(boxes.gtId[row])],
                                 trackerBefore: before >= 0 ? boxes.trackerOriginalId[Int(before)] : nil,
                                 trackerAfter: boxes.trackerOriginalId[Int(after)], part: slotPart[slot]))
    }

    func tracks() -> [TrackStatistics] {
        (0..<slotTrack.count).map { slot in
            var track = TrackStatistics(sequence: sequence, className: className, gtId: boxes.gtOriginalId[Int(slotTrack[slot])],
                                        part: slotPart[slot])
            track.boxes = count[slot]
            track.matched = matched[slot]
            track.idtp = identity[slot]
            track.idSwitches = switches[slot]
            track.fragmentations = fragments[slot]
            track.firstFrame = first[slot]
            track.lastFrame = last[slot]
            return track
        }
    }
}
