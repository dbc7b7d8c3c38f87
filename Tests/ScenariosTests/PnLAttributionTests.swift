import Actors
import Kernel
import Messages
import Scenarios
import Testing

/// The PnL attribution on a hand-computed book: two positions in AAA opened and closed on
/// different forecasts, one BBB fill with no decision behind it.
@Suite struct PnLAttributionTests {
    static let instruments = [Instrument(symbol: "AAA", sector: "s", pricePrecision: 2, lotSize: 1),
                              Instrument(symbol: "BBB", sector: "s", pricePrecision: 2, lotSize: 1)]

    @Test func marksAndFillsSplitAmongTheAgentsBehindThePosition() {
        // Forecast for AAA, trace 7: agents 1 and 2 at 20 % / 80 % (51 and 204 of 255: exact).
        // Forecast for AAA, trace 8: agent 3 alone. A later one, trace 9 (agent 4), was not filled.
        let decisions = [
            DecisionShares(time: 40, symbol: 0, traceID: 8, shares: AgentShares([(3, 1)])),
            DecisionShares(time: 10, symbol: 0, traceID: 7, shares: AgentShares([(1, 0.2), (2, 0.8)])),
            DecisionShares(time: 45, symbol: 0, traceID: 9, shares: AgentShares([(4, 1)])),
        ]
        let fills = [
            // Buy 10 AAA at 100.00, fee 0.05: V = −0.05 (to the new position's agents: −1, −4).
            FillPoint(time: 20, symbol: 0, side: .buy, price: 10_000, quantity: 10, feeMinorUnits: 5, traceID: 7),
            // Buy 1 BBB at 50.00 with no decision recorded for BBB: unattributed.
            FillPoint(time: 20, symbol: 1, side: .buy, price: 5_000, quantity: 1, feeMinorUnits: 0, traceID: 99),
            // Sell 10 AAA at 102.00, fee 0.05 (trace 8, not the latest record, trace 9): the move
            // from the mark 101.00 to 102.00 (+10.00) goes to agents 1 and 2, the fee to agent 3.
            FillPoint(time: 50, symbol: 0, side: .sell, price: 10_200, quantity: 10, feeMinorUnits: 5, traceID: 8),
        ]
        // Marks at 30 (AAA 101.00: +10.00 to agents 1 and 2; BBB 51.00: +1.00 unattributed) and 60.
        let attribution = PnLAttribution.measure(instruments: Self.instruments, fills: fills, sampleTimes: [30, 60],
                                                 marks: [[10_100, 5_100], [10_300, 5_050]], decisions: decisions)
        let agents = attribution.byAgentMinorUnits
        #expect(abs(agents[0] - (-1 + 200 + 200)) < 1e-9)
        #expect(abs(agents[1] - (-4 + 800 + 800)) < 1e-9)
        #expect(agents[2] == -5 && agents[3] == 0, "the fee of the close; nothing for the forecast never traded")
        // BBB: +1.00 at the first mark, −0.50 at the second.
        #expect(attribution.unattributedMinorUnits == 50)
        // The book: AAA 102.00 − 100.00 on 10 lots, fees 0.10; BBB 50.00 → 50.50 on 1 lot.
        #expect(attribution.totalMinorUnits == 2_000 - 10 + 50)
        let (byAgent, rest) = attribution.rounded(agentIDs: [1, 2, 3])
        #expect(byAgent == [399, 1_596, -5] && rest == 50)
        #expect(byAgent.reduce(0, +) + rest == attribution.totalMinorUnits)
    }

    @Test func noFillsNoPnL() {
        let attribution = PnLAttribution.measure(instruments: Self.instruments, fills: [], sampleTimes: [1], marks: [[10_000, 5_000]], decisions: [])
        #expect(attribution.totalMinorUnits == 0 && attribution.unattributedMinorUnits == 0)
        #expect(attribution.rounded(agentIDs: [1, 2]) == ([0, 0], 0))
    }

    /// A busy book — three symbols, same-instant fills, samples and decisions, trace ids that
    /// repeat — fed to the attributor in pieces cut at arbitrary times gives exactly, bit for bit,
    /// what the whole run at once gives: the run's history can take its records as it goes.
    @Test func piecesCutAnywhereGiveTheSameResultAsTheWholeRun() {
        let instruments = Self.instruments + [Instrument(symbol: "CCC", sector: "t", pricePrecision: 3, lotSize: 1)]
        var random = SplitMix64(seed: 77)
        func draw(_ bound: UInt64) -> UInt64 { random.next() % bound }
        var decisions: [DecisionShares] = []
        var fills: [FillPoint] = []
        var sampleTimes: [Timestamp] = []
        var marks: [[Int64]] = []
        for time in Timestamp(1)...2_000 where draw(3) == 0 {
            // Times advance by 1–3 and the three streams share many instants.
            for _ in 0..<draw(3) {
                decisions.append(DecisionShares(time: time, symbol: SymbolID(draw(3)), traceID: draw(40),
                                                shares: AgentShares([(UInt16(1 + draw(4)), 0.3), (UInt16(5 + draw(4)), 0.7)])))
            }
            for _ in 0..<draw(3) {
                fills.append(FillPoint(time: time, symbol: SymbolID(draw(3)), side: draw(2) == 0 ? .buy : .sell,
                                       price: Int64(9_000 + draw(2_000)), quantity: Int64(1 + draw(5)), feeMinorUnits: Int64(draw(4)),
                                       traceID: draw(40)))
            }
            if draw(4) == 0 {
                sampleTimes.append(time)
                marks.append((0..<3).map { _ in Int64(9_000 + draw(2_000)) })
            }
        }
        let whole = PnLAttribution.measure(instruments: instruments, fills: fills, sampleTimes: sampleTimes, marks: marks, decisions: decisions)
        #expect(whole.totalMinorUnits != 0 && whole.byAgentMinorUnits.filter { $0 != 0 }.count >= 6, "a book with something to split")
        for cuts in [[Timestamp.max], [500, 501, 1_000, Timestamp.max], Array(stride(from: 7, through: 2_000, by: 7)) + [Timestamp.max]] {
            var attributor = PnLAttributor(instruments: instruments)
            var from: Timestamp = 0
            var mostWaiting = 0
            for cutoff in cuts {
                attributor.add(decisions: decisions.filter { $0.time >= from && $0.time < cutoff })
                let samples = sampleTimes.indices.filter { sampleTimes[$0] >= from && sampleTimes[$0] < cutoff }
                attributor.advance(fills: fills.filter { $0.time >= from && $0.time < cutoff },
                                   sampleTimes: samples.map { sampleTimes[$0] }, marks: samples.map { marks[$0] })
                from = cutoff
                mostWaiting = max(mostWaiting, attributor.decisionsWaiting)
            }
            #expect(attributor.result == whole, "cut at \(cuts.count) places")
            #expect(mostWaiting == 0, "no decision waits from one piece to the next")
        }
    }

    /// The trace ids a fill can find are the last decisions' (a bounded window): a fill whose own
    /// decision has left it goes to the symbol's latest decision instead.
    @Test func aFillWhoseDecisionLeftTheTraceWindowGoesToTheSymbolsLatestDecision() {
        let decisions = [DecisionShares(time: 10, symbol: 0, traceID: 7, shares: AgentShares([(1, 1)])),
                         DecisionShares(time: 20, symbol: 0, traceID: 8, shares: AgentShares([(2, 1)]))]
        // Buy 1 AAA at 100.00 (fee 0.05) on trace 7, marked at 101.00.
        let fills = [FillPoint(time: 30, symbol: 0, side: .buy, price: 10_000, quantity: 1, feeMinorUnits: 5, traceID: 7)]
        for (capacity, agent) in [(2, 0), (1, 1)] {
            var attributor = PnLAttributor(instruments: Self.instruments, traceCapacity: capacity)
            attributor.add(decisions: decisions)
            attributor.advance(fills: fills, sampleTimes: [40], marks: [[10_100, 0]])
            #expect(attributor.result.byAgentMinorUnits[agent] == 95, "window \(capacity): −0.05 fee, +1.00 mark to agent \(agent + 1)")
            #expect(attributor.result.byAgentMinorUnits.reduce(0, +) == 95)
        }
    }

    /// An agent whose μ is 0 at a decision (a feature agent before its regression has scored ten
    /// forecasts) carries a precision share of the forecast but none of its μ: it gets nothing,
    /// and the agents that spoke share the PnL; once its μ turns non-zero it shares again.
    @Test func anAgentWhoseMuIsZeroGetsNoShare() {
        // Agent 1 is silent on AAA until 25; agent 2 speaks from the start. Both forecasts split
        // 40 % / 60 % by precision (102 and 153 of 255: exact).
        let shares = AgentShares([(1, 0.4), (2, 0.6)])
        let decisions = [DecisionShares(time: 10, symbol: 0, traceID: 7, shares: shares),
                         DecisionShares(time: 30, symbol: 0, traceID: 8, shares: shares)]
        let silence = [SilenceChange(time: 5, symbol: 0, agentID: 1, speaking: false),
                       SilenceChange(time: 5, symbol: 0, agentID: 2, speaking: true),
                       SilenceChange(time: 25, symbol: 0, agentID: 1, speaking: true)]
        let fills = [
            // Buy 10 AAA at 100.00 (no fee) on trace 7: agent 1 silent then.
            FillPoint(time: 20, symbol: 0, side: .buy, price: 10_000, quantity: 10, feeMinorUnits: 0, traceID: 7),
            // Buy 10 more at 101.00 on trace 8: both agents spoke by then.
            FillPoint(time: 40, symbol: 0, side: .buy, price: 10_100, quantity: 10, feeMinorUnits: 0, traceID: 8),
        ]
        // Marks: at 35 AAA 101.00 (+10.00, the first position's: all agent 2's); at 50 103.00
        // (+40.00 on 20 lots, the second forecast's: 16.00 to agent 1, 24.00 to agent 2).
        let attribution = PnLAttribution.measure(instruments: Self.instruments, fills: fills, sampleTimes: [35, 50],
                                                 marks: [[10_100, 5_000], [10_300, 5_000]], decisions: decisions, silenceChanges: silence)
        #expect(abs(attribution.byAgentMinorUnits[0] - 1_600) < 1e-9, "agent 1 shares only after its μ turned non-zero")
        #expect(abs(attribution.byAgentMinorUnits[1] - (1_000 + 2_400)) < 1e-9)
        #expect(attribution.totalMinorUnits == 5_000 && attribution.unattributedMinorUnits == 0)
        // Without the records, both agents share the first position's PnL too (the old rule).
        let unaware = PnLAttribution.measure(instruments: Self.instruments, fills: fills, sampleTimes: [35, 50],
                                             marks: [[10_100, 5_000], [10_300, 5_000]], decisions: decisions)
        #expect(abs(unaware.byAgentMinorUnits[0] - (400 + 1_600)) < 1e-9)
        // A forecast made only of silent agents stands behind nothing: unattributed.
        let allSilent = silence.prefix(1) + [SilenceChange(time: 6, symbol: 0, agentID: 2, speaking: false)]
        let nobody = PnLAttribution.measure(instruments: Self.instruments, fills: Array(fills.prefix(1)), sampleTimes: [35],
                                            marks: [[10_100, 5_000]], decisions: Array(decisions.prefix(1)), silenceChanges: Array(allSilent))
        #expect(nobody.unattributedMinorUnits == 1_000 && nobody.byAgentMinorUnits.allSatisfy { $0 == 0 })
    }
}
