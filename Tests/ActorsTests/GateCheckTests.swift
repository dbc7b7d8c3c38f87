import Actors
import Kernel
import Messages
import Testing

/// Every gate limit on crafted intents: at the limit, just over it, and the projection.
@Suite struct GateCheckTests {
    /// Four symbols at 100.00 (one lot = 100 EUR), two sectors; 1 000 EUR cash, nothing held; σ_daily 0.1 %
    /// (so trade risk does not bind unless a test says so).
    func book() -> GateBook {
        let instruments = [("A", "tech"), ("B", "tech"), ("C", "energy"), ("D", "energy")].map {
            Instrument(symbol: $0.0, sector: $0.1, pricePrecision: 2, lotSize: 1)
        }
        var book = GateBook(instruments: instruments, cashMinorUnits: 100_000)
        book.marks = [10_000, 10_000, 10_000, 10_000]
        book.dailyVolatility = [0.001, 0.001, 0.001, 0.001]
        return book
    }

    func intent(_ symbol: SymbolID, _ quantity: Int64) -> Intent {
        Intent(symbol: symbol, targetQuantity: quantity, quantity: quantity, referencePrice: 10_000, kellyWeight: 0, cappedWeight: 0,
               drawdownScale: 1, cvarScale: 1, traceID: 7)
    }

    func judge(_ intent: Intent, _ book: GateBook, _ limits: GateLimits = GateLimits(), _ situation: GateCheck.Situation = .init()) -> GateDecision {
        GateCheck.evaluate(intent, book: book, limits: limits, situation: situation)
    }

    @Test func sectorLimitAtAndJustOverAndProjected() {
        // Sector ≤ 20 % of 1 000 EUR = 200 EUR = 2 lots.
        let atLimit = judge(intent(0, 2), book())
        #expect(atLimit.outcome == .approved && atLimit.approvedQuantity == 2 && atLimit.reasons.isEmpty)
        let over = judge(intent(0, 3), book())
        #expect(over.outcome == .projected && over.approvedQuantity == 2 && over.reasons == .sector)
        var held = book()
        held.positions[1] = 2
        held.committed[1] = 2
        held.cashMinorUnits -= 20_000
        let full = judge(intent(0, 1), held)
        #expect(full.outcome == .rejected && full.approvedQuantity == 0 && full.reasons.contains(.sector))
        #expect(judge(intent(2, 1), held).outcome == .approved, "the other sector still has room (net 3 lots = 30 %)")
    }

    @Test func grossAndNetLimits() {
        var limits = GateLimits()
        limits.maximumSector = 10
        // Net ≤ 30 % = 3 lots long; gross ≤ 50 % = 5 lots.
        #expect(judge(intent(0, 3), book(), limits).outcome == .approved)
        let net = judge(intent(0, 4), book(), limits)
        #expect(net.outcome == .projected && net.approvedQuantity == 3 && net.reasons == .net)
        var hedged = book()
        hedged.positions = [0, 0, -2, 0]
        hedged.committed = hedged.positions
        hedged.cashMinorUnits += 20_000
        // Long 4 against short 2: net 2 lots, gross 6 > 5: gross binds at 3.
        let gross = judge(intent(0, 4), hedged, limits)
        #expect(gross.outcome == .projected && gross.approvedQuantity == 3 && gross.reasons == .gross)
    }

    @Test func tradeRiskAndMaximumPosition() {
        var risky = book()
        risky.dailyVolatility[0] = 0.05
        // 1 % of 1 000 EUR = 10 EUR of 1σ move; one lot moves 5 EUR: 2 lots at the limit, 3 over.
        #expect(judge(intent(0, 2), risky).outcome == .approved)
        let over = judge(intent(0, 3), risky)
        #expect(over.approvedQuantity == 2 && over.reasons.contains(.tradeRisk))
        var limits = GateLimits()
        limits.maximumPositionLots = 1
        let capped = judge(intent(0, 2), book(), limits)
        #expect(capped.approvedQuantity == 1 && capped.reasons == .maxPosition)
    }

    @Test func staleBandThrottleAndCooldownReject() {
        for (flag, reason) in [(\GateCheck.Situation.stale, GateReasons.staleData), (\.outsideBand, .priceBand),
                               (\.throttled, .throttle), (\.coolingDown, .cooldown)] {
            var situation = GateCheck.Situation()
            situation[keyPath: flag] = true
            let decision = judge(intent(0, 1), book(), GateLimits(), situation)
            #expect(decision.outcome == .rejected && decision.reasons == reason)
        }
    }

    @Test func killSwitchBlocksNewRiskButLetsReductionsPass() {
        var situation = GateCheck.Situation()
        situation.killSwitchEngaged = true
        #expect(judge(intent(0, 1), book(), GateLimits(), situation).reasons == .killSwitch)
        var held = book()
        held.positions[0] = 2
        held.committed[0] = 2
        held.cashMinorUnits -= 20_000
        let reduce = judge(intent(0, -1), held, GateLimits(), situation)
        #expect(reduce.outcome == .approved && reduce.approvedQuantity == -1)
        // Selling 5 from long 2 would go short 3: only the 2 that flatten pass.
        let flip = judge(intent(0, -5), held, GateLimits(), situation)
        #expect(flip.outcome == .projected && flip.approvedQuantity == -2 && flip.reasons == .killSwitch)
    }

    @Test func badIntentsAreRejectedAsInvalid() {
        #expect(judge(intent(0, 0), book()).reasons == .invalid)
        #expect(judge(intent(9, 1), book()).reasons == .invalid)
        var lots = book()
        lots = GateBook(instruments: [Instrument(symbol: "A", sector: "s", pricePrecision: 2, lotSize: 10)], cashMinorUnits: 100_000)
        lots.marks = [100]
        #expect(judge(intent(0, 5), lots).reasons == .lotSize)
    }
}
