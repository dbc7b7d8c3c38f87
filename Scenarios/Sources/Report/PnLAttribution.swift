import Actors
import Kernel

/// The run's PnL split among the agents, from what the run kept anyway (fills, the equity
/// samples' marks) and the decision records (``DecisionShares``) — computed after the run, so
/// it cannot change one.
///
/// Method (docs/scenarios.md, "PnL attribution"). Each symbol's mark-to-market value is
/// `V = position × mark + Σ its fills' cash flows (notional and fee)`, in exact minor units; the
/// run's PnL is `Σ_symbols V_end`. V is re-marked at every equity sample (the marks) and at every
/// fill, where the position changes (marked at the fill's price): every change of V between two
/// such points goes to the agents by the shares of the forecast behind the position held in that
/// symbol over the interval — normalized to sum to 1 (shares travel quantized to 1/255). At a fill,
/// the jump of V itself (the fee, and the sub-cent rounding of a notional) goes to the forecast
/// behind the new position. The forecast behind a fill is the decision record with the fill's
/// symbol and trace id, else the symbol's latest decision before it. A change of V while no
/// forecast stands behind the position (no record found) is `unattributed`.
public struct PnLAttribution: Sendable, Equatable {
    /// Per agent slot (agent id − 1, ``AgentShares/slots`` of them), in minor units; fractional,
    /// since shares split cents.
    public private(set) var byAgentMinorUnits: [Double]
    /// The PnL made while no recorded forecast stood behind the position.
    public private(set) var unattributedMinorUnits: Double
    /// Σ over symbols of their value at the end: the run's PnL, exactly, from the fills and marks alone.
    public private(set) var totalMinorUnits: Int64

    private struct TraceKey: Hashable {
        var symbol: SymbolID
        var traceID: UInt64
    }

    /// - Parameters:
    ///   - fills: every applied fill, in the order the portfolio applied them.
    ///   - sampleTimes, marks: the equity samples and every symbol's mark at each; the last sample
    ///     must be the run's end state (``Portfolio/recordFinalSample()``).
    ///   - decisions: every decision record of the run, in any order (sorted here, stably, by time).
    /// - Complexity: O((fills + samples × symbols) × slots + decisions log decisions).
    public static func measure(instruments: [Instrument], fills: [FillPoint], sampleTimes: [Timestamp], marks: [[Int64]],
                               decisions: [DecisionShares]) -> PnLAttribution {
        precondition(sampleTimes.count == marks.count, "one mark row per sample")
        var result = PnLAttribution(byAgentMinorUnits: Array(repeating: 0, count: AgentShares.slots), unattributedMinorUnits: 0,
                                    totalMinorUnits: 0)
        let count = instruments.count
        var positions = [Int64](repeating: 0, count: count)
        var cashFlows = [Int64](repeating: 0, count: count)
        var values = [Int64](repeating: 0, count: count)
        var held = [[Double]?](repeating: nil, count: count)
        let records = decisions.enumerated().sorted { $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset }
            .map(\.element)
        var nextRecord = 0
        var latestByTrace: [TraceKey: AgentShares] = [:]
        var latestBySymbol = [AgentShares?](repeating: nil, count: count)

        func value(_ symbol: Int, at price: Int64) -> Int64 {
            (positions[symbol] == 0 ? 0 : instruments[symbol].notionalMinorUnits(quantity: positions[symbol], price: price)) + cashFlows[symbol]
        }

        var nextFill = 0
        func applyFills(through time: Timestamp) {
            while nextFill < fills.count, fills[nextFill].time <= time {
                let fill = fills[nextFill]
                nextFill += 1
                let symbol = Int(fill.symbol)
                guard symbol < count else { continue }
                while nextRecord < records.count, records[nextRecord].time <= fill.time {
                    let record = records[nextRecord]
                    nextRecord += 1
                    guard Int(record.symbol) < count else { continue }
                    latestByTrace[TraceKey(symbol: record.symbol, traceID: record.traceID)] = record.shares
                    latestBySymbol[Int(record.symbol)] = record.shares
                }
                let before = value(symbol, at: fill.price)
                result.attribute(before - values[symbol], to: held[symbol])
                let signed = fill.side == .buy ? fill.quantity : -fill.quantity
                cashFlows[symbol] -= instruments[symbol].notionalMinorUnits(quantity: signed, price: fill.price) + fill.feeMinorUnits
                positions[symbol] += signed
                let shares = latestByTrace[TraceKey(symbol: fill.symbol, traceID: fill.traceID)] ?? latestBySymbol[symbol]
                held[symbol] = shares.flatMap(normalized)
                let after = value(symbol, at: fill.price)
                result.attribute(after - before, to: held[symbol])
                values[symbol] = after
            }
        }

        for (sample, time) in sampleTimes.enumerated() {
            applyFills(through: time)
            for symbol in 0..<min(count, marks[sample].count) where positions[symbol] != 0 {
                let marked = value(symbol, at: marks[sample][symbol])
                result.attribute(marked - values[symbol], to: held[symbol])
                values[symbol] = marked
            }
        }
        applyFills(through: .max)
        return result
    }

    /// Shares as fractions summing to 1, or nil when there are none.
    private static func normalized(_ shares: AgentShares) -> [Double]? {
        var fractions = (1...UInt16(AgentShares.slots)).map { shares[$0] }
        let total = fractions.reduce(0, +)
        guard total > 0 else { return nil }
        for slot in fractions.indices { fractions[slot] /= total }
        return fractions
    }

    private mutating func attribute(_ change: Int64, to shares: [Double]?) {
        guard change != 0 else { return }
        totalMinorUnits += change
        guard let shares else {
            unattributedMinorUnits += Double(change)
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
