/// Every reference and system event of one video with its outcome under the event-based criterion
/// (`EventMatcher`: sed_eval's collars and matching), and its partner on the other side: the data of
/// `event_alignment-<n>.csv` (docs/schemes.md, "Task `events`"), a timeline of reference against
/// system events. Built from the matching that counts the video, so its outcomes add up to the
/// video's `EventCounts`: matched = tp, substituted = substitutions on each side, missed =
/// reference − tp − substitutions (deletions), false alarm = system − tp − substitutions (insertions).
public struct EventAlignment: Sendable, Equatable {
    /// An event's outcome.
    public enum Outcome: UInt8, Sendable, CaseIterable {
        /// A reference event and a system event of the same label that fit (a true positive each).
        case matched = 0
        /// An unmatched reference event and an unmatched system event of another label that fit
        /// (one substitution: neither a deletion nor an insertion).
        case substituted = 1
        /// A reference event with no partner (a deletion).
        case missed = 2
        /// A system event with no partner (an insertion).
        case falseAlarm = 3

        /// The name written in the table.
        public var name: String {
            switch self {
            case .matched: "matched"
            case .substituted: "substituted"
            case .missed: "missed"
            case .falseAlarm: "false_alarm"
            }
        }
    }

    /// One side's events, in file order (as the matching read them).
    public struct Side: Sendable, Equatable {
        public internal(set) var onset: [Double] = []
        public internal(set) var offset: [Double] = []
        /// Class indices into the state's labels.
        public internal(set) var label: [Int32] = []
        @usableFromInline internal var outcomes: [UInt8] = []
        /// The index of the partner on the other side (matched or substituted), -1 for none.
        public internal(set) var partner: [Int32] = []

        public init() {}

        init(_ events: [TimedEvent], partners: [Int], outcomes: [Outcome]) {
            onset = events.map(\.onset)
            offset = events.map(\.offset)
            label = events.map(\.label)
            partner = partners.map(Int32.init)
            self.outcomes = outcomes.map(\.rawValue)
        }

        public var count: Int { onset.count }
        public func outcome(_ i: Int) -> Outcome { Outcome(rawValue: outcomes[i])! }

        /// How many events have `outcome`.
        public func count(_ outcome: Outcome) -> Int { outcomes.lazy.filter { $0 == outcome.rawValue }.count }
    }

    public var reference = Side()
    public var system = Side()

    public init() {}

    /// From the matching's pairs: `matchOfReference[j]` the system event matched to reference j
    /// and `substituteOfReference[j]` the one substituting it (-1: none).
    init(reference: [TimedEvent], system: [TimedEvent], matchOfReference: [Int], substituteOfReference: [Int]) {
        var systemPartner = [Int](repeating: -1, count: system.count)
        var systemOutcome = [Outcome](repeating: .falseAlarm, count: system.count)
        var referencePartner = [Int](repeating: -1, count: reference.count)
        var referenceOutcome = [Outcome](repeating: .missed, count: reference.count)
        for j in reference.indices {
            if matchOfReference[j] >= 0 {
                let i = matchOfReference[j]
                (referencePartner[j], referenceOutcome[j]) = (i, .matched)
                (systemPartner[i], systemOutcome[i]) = (j, .matched)
            } else if substituteOfReference[j] >= 0 {
                let i = substituteOfReference[j]
                (referencePartner[j], referenceOutcome[j]) = (i, .substituted)
                (systemPartner[i], systemOutcome[i]) = (j, .substituted)
            }
        }
        self.reference = Side(reference, partners: referencePartner, outcomes: referenceOutcome)
        self.system = Side(system, partners: systemPartner, outcomes: systemOutcome)
    }

    /// The same alignment with class k renamed `map[k]` (states merged under other labels).
    func remapped(_ map: [Int]) -> EventAlignment {
        var copy = self
        copy.reference.label = reference.label.map { Int32(map[Int($0)]) }
        copy.system.label = system.label.map { Int32(map[Int($0)]) }
        return copy
    }
}
