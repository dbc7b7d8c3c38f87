/// The `budgets:` section: per stage, the latency each percentile may reach, separately in
/// simulated time (what the latency models and the pipeline's own waits produce) and in wall time
/// (what the handlers cost on this machine). Budgets only observe: they never change a run, and
/// only `metronome bench FILE --check-budgets` fails on them.
public struct LatencyBudgets: Sendable, Equatable {
    /// By ``LatencyStage`` raw value; nil where the stage has no simulated budget.
    public var simulated: [PercentileBudget?]
    /// By ``LatencyStage`` raw value; nil where the stage has no wall budget.
    public var wall: [PercentileBudget?]

    public init() {
        simulated = Array(repeating: nil, count: LatencyStage.allCases.count)
        wall = Array(repeating: nil, count: LatencyStage.allCases.count)
    }

    public func simulated(_ stage: LatencyStage) -> PercentileBudget? { simulated[stage.rawValue] }
    public func wall(_ stage: LatencyStage) -> PercentileBudget? { wall[stage.rawValue] }

    public var isEmpty: Bool { simulated.allSatisfy { $0 == nil } && wall.allSatisfy { $0 == nil } }
}
