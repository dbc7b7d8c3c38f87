import Foundation
import Actors
import Kernel
import Messages
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
        // σ² is the weighted mean of the prior 0.25 (one residual's worth, now 0.98 old) and the
        // squared residual 0.01: the prior gives way at once instead of fading 2 % a forecast.
        #expect(abs(tracker.sigma - ((0.98 * 0.25 + 0.01) / (0.98 + 1)).squareRoot()) < 1e-12)
        tracker.record(time: 10, feature: 1, mu: 0, logMid: 0.2)
        tracker.observe(time: 20, logMid: 0.1)
        // Second residual −0.1: ((0.98² · 0.25 + 0.98 · 0.01 + 0.01) / (0.98² + 0.98 + 1)).
        let expected = ((0.98 * 0.98 * 0.25 + 0.98 * 0.01 + 0.01) / (0.98 * 0.98 + 0.98 + 1)).squareRoot()
        #expect(abs(tracker.sigma - expected) < 1e-12)
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

    func quote(_ symbol: SymbolID, bid: Int64, ask: Int64, bidSize: Int64 = 5, askSize: Int64 = 5) -> Quote {
        Quote(symbol: symbol, bidPrice: bid, askPrice: ask, bidSize: bidSize, askSize: askSize, exchangeTime: 0)
    }

    @Test func flowReadsBookAndTradePressure() {
        var model = FlowModel(symbolCount: 1, smoothing: 1)
        for _ in 0..<19 { _ = model.absorb(quote: quote(0, bid: 100, ask: 101, bidSize: 30, askSize: 10), time: 0) }
        #expect(model.feature(of: 0) == nil, "warming up")
        let published = model.absorb(quote: quote(0, bid: 100, ask: 101, bidSize: 30, askSize: 10), time: 0)
        #expect(published == 0, "every tenth quote")
        _ = model.absorb(trade: Trade(symbol: 0, price: 101, size: 1, aggressor: .buy, exchangeTime: 0), time: 0)
        // smoothing 1 → weight 1: book (30 − 10) / 40 = 0.5, trades +1 → (0.5 + 1) / 2
        #expect(model.feature(of: 0) == 0.75)
    }

    @Test func topPerformersRanksLookbackReturns() {
        // Ranked every 50 over the last 100: samples at 0, 50, 100, …
        var model = TopPerformersModel(symbolCount: 3, lookbackNanoseconds: 100, rankIntervalNanoseconds: 50)
        for symbol in 0..<3 { _ = model.absorb(quote: quote(SymbolID(symbol), bid: 1_000, ask: 1_000), time: 0) }
        _ = model.absorb(quote: quote(0, bid: 1_100, ask: 1_100), time: 50)   // +10 %
        _ = model.absorb(quote: quote(1, bid: 900, ask: 900), time: 60)       // −10 %
        #expect(model.feature(of: 0) == nil, "no full lookback yet")
        let changed = model.absorb(quote: quote(2, bid: 1_000, ask: 1_000), time: 100)
        #expect(changed == AltDatum.marketWide)
        #expect(model.feature(of: 0) == 1)
        #expect(model.feature(of: 2) == 0)
        #expect(model.feature(of: 1) == -1)
        // One interval later the window has moved: over 50…150 (the sample at 50 came before
        // symbol 1's drop at 60), symbol 1 (1,000 → 1,200) leads and the others tie at 0.
        _ = model.absorb(quote: quote(1, bid: 1_200, ask: 1_200), time: 120)
        #expect(model.absorb(quote: quote(2, bid: 1_000, ask: 1_000), time: 150) == AltDatum.marketWide)
        #expect(model.feature(of: 1) == 1 && model.feature(of: 0) == -1 && model.feature(of: 2) == 0)
    }
}

@Suite struct CausalModelTests {
    /// B follows A one interval later (plus noise); C is independent. Causal must name A as B's
    /// leader with a strong positive correlation, and give B a feature of A's latest move.
    @Test func findsAPlantedLeadLag() {
        var random = RandomStream(seed: 8)
        var model = CausalModel(symbolCount: 3, sampleInterval: 60, halfLifeSamples: 500, minimumSamples: 30)
        var logPrices = [log(100.0), log(100.0), log(100.0)]
        var previousA = 0.0
        var lastFeatureOfB: Double?
        var lastMoveOfA = 0.0
        for step in 0..<400 {
            let a = 0.01 * random.nextGaussian()
            let b = previousA + 0.002 * random.nextGaussian()
            let c = 0.01 * random.nextGaussian()
            for (index, move) in [a, b, c].enumerated() { logPrices[index] += move }
            previousA = a
            lastMoveOfA = a
            for symbol in 0..<3 {
                let price = Int64((exp(logPrices[symbol]) * 10_000).rounded())
                let changed = model.absorb(quote: Quote(symbol: SymbolID(symbol), bidPrice: price, askPrice: price, bidSize: 1, askSize: 1,
                                                        exchangeTime: 0), time: UInt64(step) * 60)
                if changed != nil { lastFeatureOfB = model.feature(of: 1) }
            }
        }
        let leader = model.leader(of: 1)
        #expect(leader?.symbol == 0, "A leads B")
        #expect((leader?.correlation ?? 0) > 0.8)
        #expect(abs(model.leader(of: 2)?.correlation ?? 1) < 0.3, "nothing leads C")
        // B's feature is A's latest sampled move, scaled by the correlation.
        let feature = lastFeatureOfB ?? 0
        #expect(feature != 0 && (feature > 0) == (lastMoveOfA > 0))
    }
}

@Suite struct HedgingAndUndervaluedTests {
    /// Symbol 0 moves 2× the market factor, symbol 1 0.5×, symbol 2 is the market: β of 0 is the
    /// largest, and so is the size of its hedge.
    @Test func hedgingEstimatesBetas() {
        var random = RandomStream(seed: 6)
        var model = HedgingModel(symbolCount: 3, sampleInterval: 10)
        var logPrices = [log(100.0), log(100.0), log(100.0)]
        for step in 0..<300 {
            let market = 0.01 * random.nextGaussian() + 0.002
            let moves = [2 * market + 0.001 * random.nextGaussian(), 0.5 * market + 0.001 * random.nextGaussian(), market]
            for index in 0..<3 { logPrices[index] += moves[index] }
            for symbol in 0..<3 {
                let price = Int64((exp(logPrices[symbol]) * 10_000).rounded())
                _ = model.absorb(quote: Quote(symbol: SymbolID(symbol), bidPrice: price, askPrice: price, bidSize: 1, askSize: 1,
                                              exchangeTime: 0), time: UInt64(step) * 10)
            }
        }
        // The index is the mean of (2m, 0.5m, m) = 1.1667 m: β₀ = 2 / 1.1667 ≈ 1.71, β₁ ≈ 0.43.
        #expect(abs(model.beta(of: 0) - 1.714) < 0.1)
        #expect(abs(model.beta(of: 1) - 0.429) < 0.1)
        let features = (0..<3).map { model.feature(of: $0) ?? 0 }
        // −β × the index trend: same sign for all, largest in size for the high-β name.
        #expect(features[0] * features[1] > 0 && features[0] * features[2] > 0)
        #expect(abs(features[0]) > abs(features[2]) && abs(features[2]) > abs(features[1]))
        #expect(abs(features[0] / features[1] - model.beta(of: 0) / model.beta(of: 1)) < 1e-9)
    }

    @Test func undervaluedIsRelativeToTheSector() {
        var model = UndervaluedModel(sectors: [0, 0, 1])
        _ = model.absorb(AltDatum(kind: .earningsYield, symbol: 0, value: 0.07, exchangeTime: 0))
        #expect(model.feature(of: 0) == nil, "peers have not reported")
        _ = model.absorb(AltDatum(kind: .earningsYield, symbol: 1, value: 0.03, exchangeTime: 0))
        _ = model.absorb(AltDatum(kind: .earningsYield, symbol: 2, value: 0.09, exchangeTime: 0))
        #expect(abs((model.feature(of: 0) ?? 0) - 1) < 1e-12, "2 % above the sector mean of 5 %")
        #expect(abs((model.feature(of: 1) ?? 0) + 1) < 1e-12)
        #expect(model.feature(of: 2) == 0, "alone in its sector")
    }
}

@Suite struct LearningTests {
    @Test func recursiveLeastSquaresRecoversAPlane() {
        var model = RecursiveLeastSquares(dimension: 3, forgetting: 1, ridge: 1e-6)
        var random = RandomStream(seed: 9)
        for _ in 0..<200 {
            let x = [1, random.nextGaussian(), random.nextGaussian()]
            model.update(x: x, y: 0.5 + 2 * x[1] - 3 * x[2])
        }
        #expect(abs(model.weights[0] - 0.5) < 1e-4)
        #expect(abs(model.weights[1] - 2) < 1e-4)
        #expect(abs(model.weights[2] + 3) < 1e-4)
    }

    /// Returns that follow sentiment (r = 0.01 × the sentiment published one interval earlier):
    /// the learner's prediction takes the sentiment's sign.
    @Test func learnerFindsSentimentInItsFeatures() {
        var random = RandomStream(seed: 10)
        var model = LearningModel(symbolCount: 1, sampleInterval: 10)
        var logPrice = log(100.0)
        var sentiment = 0.0
        var lastPrediction: (prediction: Double, sentiment: Double)?
        for step in 0..<400 {
            logPrice += 0.01 * sentiment + 0.0005 * random.nextGaussian()
            sentiment = random.nextGaussian()
            _ = model.absorb(AltDatum(kind: .sentiment, symbol: 0, value: sentiment, exchangeTime: 0))
            let price = Int64((exp(logPrice) * 10_000).rounded())
            if model.absorb(quote: Quote(symbol: 0, bidPrice: price, askPrice: price, bidSize: 1, askSize: 1, exchangeTime: 0),
                            time: UInt64(step) * 10) != nil, let prediction = model.feature(of: 0) {
                lastPrediction = (prediction, sentiment)
            }
        }
        guard let last = lastPrediction else {
            Issue.record("the learner never made a prediction")
            return
        }
        // The planted relationship: the next interval's return ≈ 0.01 × sentiment.
        #expect(abs(last.prediction - 0.01 * last.sentiment) < 0.001, "\(last)")
    }
}
