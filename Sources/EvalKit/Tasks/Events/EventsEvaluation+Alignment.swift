import EvalKitData

/// `event_alignment-<n>.csv`: the reference and system events of every video with their outcome
/// under the event-based criterion (docs/schemes.md, "Task `events`"), the data of a timeline of
/// reference against system events for a chosen video.
extension EventsEvaluation {
    static let alignmentColumns = ["video", "source", "id", "label", "onset", "offset", "outcome", "partner"]

    /// One row per reference event (`r<j>`) and per system event (`s<i>`) of each video of the
    /// state, videos by name, each side in file order: `outcome` matched, substituted, missed or
    /// false_alarm, `partner` the id of the event it is matched to or substituted by (empty for
    /// none). Nil when no video of the state holds an alignment (a slice of event attributes).
    func alignmentTable(_ state: EventsState) -> ItemTable? {
        let videos = state.videos.filter { !$0.isPart && $0.alignment != nil }
        guard !videos.isEmpty else { return nil }
        var table = ItemTable(name: "event_alignment", columns: Self.alignmentColumns, itemLevel: true)
        for video in videos {
            let alignment = video.alignment!
            for (source, side, own, other) in [("reference", alignment.reference, "r", "s"), ("system", alignment.system, "s", "r")] {
                for i in 0..<side.count {
                    let partner = side.partner[i]
                    table.rows.append([video.name, source, own + String(i), state.labels[Int(side.label[i])],
                                       JSONOutput.format(side.onset[i]), JSONOutput.format(side.offset[i]),
                                       side.outcome(i).name, partner < 0 ? "" : other + String(partner)])
                }
            }
        }
        return table
    }
}
