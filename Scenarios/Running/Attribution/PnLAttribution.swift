import Actors
import Kernel
import Messages

/// The run's PnL split among the agents, from the fills, the equity samples' marks and the
/// decision records (``DecisionShares``) — computed beside the run (``PnLAttributor``, fed by the
/// run's history as it goes), never inside it, so it cannot change one.
///
/// Method (docs/scenarios.md, "PnL attribution"). Each symbol's mark-to-market value is
/// `V = position × mark + Σ its fills' cash flows (notional and fee)`, in exact minor units; the
/// run's PnL is `Σ_symbols V_end`. V is re-marked at every equity sample (the marks) and at every
/// fill, where the position changes (marked at the fill's price): every change of V between two
/// such points goes to the agents by the shares of the forecast behind the position held in that
/// symbol over the interval — normalized to sum to 1 (shares travel quantized to 1/255). At a fill,
/// the jump of V itself (the fee, and the sub-cent rounding of a notional) goes to the forecast
/// behind the new position. The forecast behind a fill is the decision record with the fill's
/// symbol and trace id (among the last 8,192 decisions, ``RecentTraceShares``), else the symbol's
/// latest decision before it. A change of V while no forecast stands behind the position (no
/// record found) is `unattributed`. An agent whose μ for the symbol was 0 at the decision (a
/// feature agent before its first ten scored forecasts: ``SilenceChange``) gets no share of it —
/// its precision share weighted a μ of 0 — and the other agents' shares are renormalized.
public struct PnLAttribution: Sendable, Equatable {
    /// Per agent slot (agent id − 1, ``AgentShares/slots`` of them), in minor units; fractional,
    /// since shares split cents.
    public private(set) var byAgentMinorUnits: [Double]
    /// The PnL made while no recorded forecast stood behind the position.
    public private(set) var unattributedMinorUnits: Double
    /// The part of ``unattributedMinorUnits`` made while the decision behind the position had only
    /// silent agents (μ 0): a decision stood behind it, but no agent's view.
    public private(set) var silentMinorUnits: Double
    /// Σ over symbols of their value at the end: the run's PnL, exactly, from the fills and marks alone.
    public private(set) var totalMinorUnits: Int64

    /// Nothing attributed yet.
    init() {
        byAgentMinorUnits = Array(repeating: 0, count: AgentShares.slots)
        unattributedMinorUnits = 0
        silentMinorUnits = 0
        totalMinorUnits = 0
    }

    /// The whole run at once (``PnLAttributor`` does it piece by piece as the run goes, with the
    /// same result).
    /// - Parameters:
    ///   - fills: every applied fill, in the order the portfolio applied them.
    ///   - sampleTimes, marks: the equity samples and every symbol's mark at each; the last sample
    ///     must be the run's end state (``Portfolio/recordFinalSample()``).
    ///   - decisions: every decision record of the run, in any order (sorted here, stably, by time).
    ///   - silenceChanges: the agents' μ turning 0 or non-zero, in time order.
    /// - Complexity: O((fills + samples × symbols) × slots + decisions log decisions).
    public static func measure(instruments: [Instrument], fills: [FillPoint], sampleTimes: [Timestamp], marks: [[Int64]],
                               decisions: [DecisionShares], silenceChanges: [SilenceChange] = []) -> PnLAttribution {
        var attributor = PnLAttributor(instruments: instruments)
        attributor.add(decisions: inTimeOrder(decisions))
        attributor.add(silenceChanges: silenceChanges)
        attributor.advance(fills: fills, sampleTimes: sampleTimes, marks: marks)
        return attributor.result
    }

    /// Decision records sorted by time, ties kept in the order given.
    public static func inTimeOrder(_ decisions: [DecisionShares]) -> [DecisionShares] {
        decisions.enumerated().sorted { $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset }
            .map(\.element)
    }

    mutating func attribute(_ change: Int64, to shares: [Double]?, silent: Bool = false) {
        guard change != 0 else { return }
        totalMinorUnits += change
        guard let shares else {
            unattributedMinorUnits += Double(change)
            if silent { silentMinorUnits += Double(change) }
            return
        }
        for slot in shares.indices where shares[slot] > 0 { byAgentMinorUnits[slot] += Double(change) * shares[slot] }
    }

    /// Whole minor units per listed agent (by agent id; an id without a slot gets 0), and the
    /// rest: `total − Σ agents`, so the two always add up to the run's PnL exactly. The rest is
    /// the unattributed PnL, the agents not listed, and the rounding of each agent to the cent.
    public func rounded(agentIDs: [Int]) -> (byAgentMinorUnits: [Int64], unattributedMinorUnits: Int64) {
        let agents = agentIDs.map { id in id >= 1 && id <= byAgentMinorUnits.count ? Int64(byAgentMinorUnits[id - 1].rounded()) : 0 }
        return (agents, totalMinorUnits - agents.reduce(0, +))
    }
}
