import ScenarioDefinition

/// One stage on one clock against its budget: every budgeted percentile compared with what was
/// measured. A stage with a budget but no samples is reported, not failed: nothing exceeded it.
public struct BudgetVerdict: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Every budgeted percentile is within its limit.
        case ok
        /// At least one percentile is above its limit.
        case exceeded
        /// A budget, but nothing was measured (e.g. no orders in the window).
        case noSamples = "no_samples"
        /// No budget for this stage on this clock.
        case unbudgeted
    }

    public var status: Status
    /// The percentiles above their limits, with the measured value and the limit.
    public var exceeded: [(percentile: LatencyPercentile, measuredNanoseconds: UInt64, budgetNanoseconds: UInt64)]

    public init(distribution: StageDistribution, budget: PercentileBudget?) {
        exceeded = []
        guard let budget else {
            status = .unbudgeted
            return
        }
        guard distribution.count > 0 else {
            status = .noSamples
            return
        }
        for (percentile, limit) in budget.limits {
            guard let limit else { continue }
            let measured = distribution.value(percentile)
            if measured > limit { exceeded.append((percentile, measured, limit)) }
        }
        status = exceeded.isEmpty ? .ok : .exceeded
    }

    public static func == (lhs: BudgetVerdict, rhs: BudgetVerdict) -> Bool {
        lhs.status == rhs.status && lhs.exceeded.map(\.percentile) == rhs.exceeded.map(\.percentile)
    }
}
