import Actors

/// What a live feed delivered: lines read, admitted, and quarantined by reason.
public struct LiveFeedStatistics: Sendable, Equatable {
    public var lines: UInt64 = 0
    public var bytes: UInt64 = 0
    /// Lines handed to the kernel's inbox.
    public var submitted: UInt64 = 0
    /// By ``LiveLineProblem/Reason`` raw value, in the reasons' declared order.
    public var quarantined: [(reason: String, count: UInt64)] = LiveLineProblem.Reason.allCases.map { ($0.rawValue, 0) }
    /// The first few problems, for the summary (the quarantine file has them all).
    public var firstProblems: [String] = []

    public init() {}

    public var quarantinedTotal: UInt64 { quarantined.reduce(0) { $0 + $1.count } }

    public static func == (lhs: LiveFeedStatistics, rhs: LiveFeedStatistics) -> Bool {
        lhs.lines == rhs.lines && lhs.bytes == rhs.bytes && lhs.submitted == rhs.submitted && lhs.firstProblems == rhs.firstProblems
            && lhs.quarantined.map(\.count) == rhs.quarantined.map(\.count)
    }
}
