import Actors
import Kernel
import Messages
import Testing

/// Sizing on known values: Kelly, the caps, the governors, CVaR.
@Suite struct SizerTests {
    /// 500 EUR of equity, one lot worth 100 EUR.
    let equity: Int64 = 50_000
    let lot: Int64 = 10_000

    @Test func fractionalKellyOnKnownValues() {
        // μ = 0.4 %, σ = 2 %: full Kelly 10× equity; a quarter of it is 2.5×. The volatility cap
        // (2 % / σ = 1×) binds, then the per-trade risk cap (1 % / σ = 0.5×) binds: 250 EUR = 2 lots.
        let sizing = KellySizing()
        let result = sizing.size(mu: 0.004, sigma: 0.02, equityMinorUnits: equity, drawdown: 0, cvar: nil,
                                 lotNotionalMinorUnits: lot, currentQuantity: 0)
        #expect(abs(result.kellyWeight - 2.5) < 1e-12)
        #expect(abs(result.cappedWeight - 0.5) < 1e-12)
        #expect(result.targetQuantity == 2)
        #expect(result.drawdownScale == 1 && result.cvarScale == 1)
        // Without caps, Kelly alone: 0.25 × 0.0001 / 0.0004 = 0.0625 of equity → 3125 cents → 0 lots of 100 EUR, 3 of 10 EUR.
        let loose = KellySizing(maximumVolatility: 1, maximumTradeRisk: 1, minimumNotionalMinorUnits: 0)
        let small = loose.size(mu: 0.0001, sigma: 0.02, equityMinorUnits: equity, drawdown: 0, cvar: nil,
                               lotNotionalMinorUnits: 1_000, currentQuantity: 0)
        #expect(abs(small.kellyWeight - 0.0625) < 1e-12)
        #expect(small.targetQuantity == 3)
        let short = loose.size(mu: -0.0001, sigma: 0.02, equityMinorUnits: equity, drawdown: 0, cvar: nil,
                               lotNotionalMinorUnits: 1_000, currentQuantity: 0)
        #expect(short.targetQuantity == -3, "rounded toward zero, both ways")
    }

    @Test func drawdownGovernorShrinksLinearlyToZeroAtTheLimit() {
        let sizing = KellySizing(maximumVolatility: 1, maximumTradeRisk: 1, minimumNotionalMinorUnits: 0)
        let half = sizing.size(mu: 0.0004, sigma: 0.02, equityMinorUnits: equity, drawdown: 0.025, cvar: nil,
                               lotNotionalMinorUnits: 1_000, currentQuantity: 0)
        #expect(half.drawdownScale == 0.5)
        #expect(abs(half.cappedWeight - 0.125) < 1e-12, "0.25 Kelly weight, halved")
        let stopped = sizing.size(mu: 0.0004, sigma: 0.02, equityMinorUnits: equity, drawdown: 0.06, cvar: nil,
                                  lotNotionalMinorUnits: 1_000, currentQuantity: 0)
        #expect(stopped.drawdownScale == 0 && stopped.targetQuantity == 0)
    }

    @Test func cvarScalesTheSizeToItsBudget() {
        let sizing = KellySizing(maximumVolatility: 1, cvarBudget: 0.01, maximumTradeRisk: 1, minimumNotionalMinorUnits: 0)
        let result = sizing.size(mu: 0.0004, sigma: 0.02, equityMinorUnits: equity, drawdown: 0, cvar: 0.04,
                                 lotNotionalMinorUnits: 1_000, currentQuantity: 0)
        #expect(result.cvarScale == 0.25)
        #expect(abs(result.cappedWeight - 0.0625) < 1e-12)
    }

    @Test func perTradeRiskLimitsTheStepNotThePosition() {
        // Holding 2 lots (0.4×), wanting 1× with σ 2 %: one trade may move 1 % / 2 % = 0.5× → 0.9× = 4 lots.
        let sizing = KellySizing(maximumVolatility: 1, maximumTradeRisk: 0.01, minimumNotionalMinorUnits: 0)
        let result = sizing.size(mu: 0.0016, sigma: 0.02, equityMinorUnits: equity, drawdown: 0, cvar: nil,
                                 lotNotionalMinorUnits: lot, currentQuantity: 2)
        #expect(abs(result.cappedWeight - 0.9) < 1e-12)
        #expect(result.targetQuantity == 4)
    }

    @Test func tinyTradesBelowTheMinimumNotionalAreDropped() {
        let sizing = KellySizing(maximumVolatility: 1, maximumTradeRisk: 1, minimumNotionalMinorUnits: 5_000)
        let result = sizing.size(mu: 0.0001, sigma: 0.02, equityMinorUnits: equity, drawdown: 0, cvar: nil,
                                 lotNotionalMinorUnits: 1_000, currentQuantity: 0)
        #expect(result.targetQuantity == 0, "3 lots of 10 EUR = 30 EUR < 50 EUR minimum")
        #expect(sizing.size(mu: .nan, sigma: 0.02, equityMinorUnits: equity, drawdown: 0, cvar: nil,
                            lotNotionalMinorUnits: lot, currentQuantity: 0).targetQuantity == 0, "NaN never reaches an order")
    }

    @Test func conditionalValueAtRiskIsTheMeanOfTheWorstTail() {
        var tail = TailRisk(capacity: 100)
        for _ in 0..<19 { tail.add(0.001) }
        #expect(tail.conditionalValueAtRisk() == nil, "needs 20 returns")
        // 100 returns: 95 of +0.1 %, and −1 %, −2 %, −3 %, −4 %, −5 %: the worst 5 average −3 %.
        tail = TailRisk(capacity: 100)
        for _ in 0..<95 { tail.add(0.001) }
        for loss in [-0.01, -0.02, -0.03, -0.04, -0.05] { tail.add(loss) }
        #expect(abs((tail.conditionalValueAtRisk() ?? 0) - 0.03) < 1e-12)
        // The window rolls: 100 more gains push the losses out.
        for _ in 0..<100 { tail.add(0.001) }
        #expect(tail.conditionalValueAtRisk() == 0)
    }
}
