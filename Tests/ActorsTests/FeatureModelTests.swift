import Actors
import Kernel
import Testing

@Suite struct FeatureModelTests {
    func datum(_ kind: AltDatum.Kind, _ symbol: SymbolID, _ value: Double) -> AltDatum {
        AltDatum(kind: kind, symbol: symbol, value: value, exchangeTime: 0)
    }

    @Test func onlineRegressionRecoversALine() {
        var regression = OnlineRegression(forgetting: 1)
        for x in stride(from: -5.0, through: 5.0, by: 0.5) { regression.add(x: x, y: 0.3 + 2 * x) }
        #expect(abs(regression.slope - 2) < 1e-9)
        #expect(abs(regression.intercept - 0.3) < 1e-9)
        #expect(abs(regression.predict(10) - 20.3) < 1e-9)
        var flat = OnlineRegression()
        flat.add(x: 1, y: 5)
        #expect(flat.slope == 0, "no slope from one point")
    }

    @Test func forecastTrackerScoresForecastsAfterTheHorizon() {
        var tracker = ForecastTracker(horizonNanoseconds: 10, priorSigma: 0.5)
        tracker.record(time: 0, feature: 1, mu: 0.1, logMid: 0)
        tracker.observe(time: 5, logMid: 0.3)
        #expect(tracker.resolved == 0, "not yet a horizon old")
        tracker.observe(time: 10, logMid: 0.2)
        #expect(tracker.resolved == 1)
        #expect(tracker.hits == 1, "μ > 0 and the price rose")
        // σ² moves 2 % of the way from 0.25 toward the squared residual 0.01.
        #expect(abs(tracker.sigma - (0.25 + 0.02 * (0.01 - 0.25)).squareRoot()) < 1e-12)
    }

    @Test func sentimentIsSmoothed() {
        var model = SentimentModel(symbolCount: 2, smoothing: 3)
        #expect(model.feature(of: 0) == nil, "no data, no feature")
        _ = model.absorb(datum(.sentiment, 0, 1))
        _ = model.absorb(datum(.sentiment, 0, 0))
        #expect(model.feature(of: 0) == 0.5, "weight 2/(3+1)")
        #expect(model.absorb(datum(.fundFlow, 0, 9)) == nil, "other kinds are ignored")
    }

    @Test func insiderNetsFilingsAndDecays() {
        var model = InsiderModel(symbolCount: 1, decayPerUpdate: 0.5)
        _ = model.absorb(datum(.insiderFiling, 0, 1))
        _ = model.absorb(datum(.insiderFiling, 0, 1))
        _ = model.absorb(datum(.insiderFiling, 0, -1))
        #expect(model.feature(of: 0) == 1)
        _ = model.absorb(datum(.sentiment, 0, 0))
        #expect(model.feature(of: 0) == 0.5)
    }

    @Test func moneyFlowsAreStandardized() {
        var model = MoneyFlowsModel(symbolCount: 1)
        for value in [1.0, 2, 3, 4] { _ = model.absorb(datum(.fundFlow, 0, value)) }
        #expect(model.feature(of: 0) == nil, "needs five readings")
        _ = model.absorb(datum(.fundFlow, 0, 5))
        // mean 3, sample deviation √2.5: (5 − 3) / 1.5811
        #expect(abs((model.feature(of: 0) ?? 0) - 2 / 2.5.squareRoot()) < 1e-12)
    }

    @Test func valueAndMacroFeatures() {
        var value = ValueModel(symbolCount: 1)
        _ = value.absorb(datum(.earningsYield, 0, 0.07))
        #expect(value.feature(of: 0) == nil, "needs both fundamentals")
        _ = value.absorb(datum(.bookToPrice, 0, 0.7))
        #expect(abs((value.feature(of: 0) ?? 0) - 1) < 1e-12, "one deviation cheap on both")
        var macro = MacroModel()
        #expect(macro.absorb(datum(.volatilityIndex, AltDatum.marketWide, 15)) == AltDatum.marketWide)
        #expect(macro.feature(of: 3) == 0)
        _ = macro.absorb(datum(.volatilityIndex, AltDatum.marketWide, 40))
        #expect((macro.feature(of: 0) ?? 0) < 0, "a volatility spike is risk-off")
        #expect(macro.regime == 2)
    }
}
