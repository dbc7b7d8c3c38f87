import Actors
import Foundation
import Kernel
import Messages
import Testing

/// Moments of the synthetic market on fixed seeds, against the parameters they were drawn with.
@Suite struct SyntheticMarketFeedTests {
    static let minute: UInt64 = 60_000_000_000
    static let tradingDay: UInt64 = 23_400_000_000_000  // 6.5 h: one step = 1/252 trading year

    /// Log returns of each symbol's mid, from `steps` intervals.
    func returns(_ parameters: SyntheticMarketFeed.Parameters, steps: Int, seed: UInt64 = 7) throws -> [[Double]] {
        let end = UInt64(steps) * parameters.intervalNanoseconds
        var feed = try SyntheticMarketFeed(name: "test", parameters: parameters, quoteTopic: TopicID(rawValue: 0),
                                           tradeTopic: TopicID(rawValue: 1), seed: seed, startTime: 0, endTime: end)
        let count = parameters.initialPrices.count
        var last = parameters.initialPrices.map { log(Double($0)) }
        var series = Array(repeating: [Double](), count: count)
        while let record = feed.next() {
            guard case .quote(let quote) = record.message else { continue }
            let mid = log(Double(quote.bidPrice + quote.askPrice) / 2)
            series[Int(quote.symbol)].append(mid - last[Int(quote.symbol)])
            last[Int(quote.symbol)] = mid
        }
        return series
    }

    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
    func variance(_ values: [Double]) -> Double {
        let m = mean(values)
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
    }
    func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let (ma, mb) = (mean(a), mean(b))
        var (sab, saa, sbb) = (0.0, 0.0, 0.0)
        for (x, y) in zip(a, b) {
            sab += (x - ma) * (y - mb)
            saa += (x - ma) * (x - ma)
            sbb += (y - mb) * (y - mb)
        }
        return sab / (saa * sbb).squareRoot()
    }

    @Test func gbmDriftAndVolatilityAreRecovered() throws {
        let parameters = SyntheticMarketFeed.Parameters(intervalNanoseconds: Self.tradingDay, drift: 0.10, volatility: 0.20,
                                                        initialPrices: [1_000_000], sectors: [0])
        let series = try returns(parameters, steps: 20_000)[0]
        let stepYears = 1.0 / 252
        let volatility = (variance(series) / stepYears).squareRoot()
        let logDrift = mean(series) / stepYears   // μ − σ²/2 = 0.08
        #expect(abs(volatility - 0.20) < 0.004, "σ ≈ 0.20, got \(volatility)")
        #expect(abs(logDrift - 0.08) < 0.07, "μ − σ²/2 ≈ 0.08 (±3 standard errors), got \(logDrift)")
    }

    @Test func sectorCorrelationMatrixIsRecovered() throws {
        let parameters = SyntheticMarketFeed.Parameters(intervalNanoseconds: Self.minute, volatility: 0.3,
                                                        initialPrices: [1_000_000, 2_000_000, 1_500_000, 3_000_000],
                                                        sectors: [0, 0, 1, 1], sectorCorrelation: 0.6, marketCorrelation: 0.2)
        let series = try returns(parameters, steps: 20_000)
        let expected = parameters.correlationMatrix
        for row in 0..<4 {
            for column in 0..<4 where column > row {
                let estimate = correlation(series[row], series[column])
                #expect(abs(estimate - expected[row * 4 + column]) < 0.03, "ρ[\(row),\(column)] ≈ \(expected[row * 4 + column]), got \(estimate)")
            }
        }
    }

    @Test func jumpFrequencyMatchesTheIntensity() throws {
        let parameters = SyntheticMarketFeed.Parameters(intervalNanoseconds: Self.tradingDay, volatility: 0.05, initialPrices: [1_000_000],
                                                        sectors: [0], jumpIntensity: 50, jumpMean: 0, jumpVolatility: 0.10)
        let series = try returns(parameters, steps: 5_000)[0]
        let large = Double(series.filter { abs($0) > 0.02 }.count) / Double(series.count)
        // P(jump on a day) = 1 − e^(−50/252) ≈ 0.180; P(|J| > 0.02 | jump) ≈ 0.84 → ≈ 0.151.
        #expect(abs(large - 0.151) < 0.02, "fraction of days with a jump-sized move ≈ 0.151, got \(large)")
    }

    @Test func stressedRegimeRaisesTheVariance() throws {
        let calm = SyntheticMarketFeed.Parameters(intervalNanoseconds: Self.minute, volatility: 0.2, initialPrices: [1_000_000], sectors: [0])
        var regime = calm
        regime.stressedVolatilityMultiplier = 3
        regime.stressProbability = 0.01
        regime.recoveryProbability = 0.05
        let base = variance(try returns(calm, steps: 50_000)[0])
        let switching = variance(try returns(regime, steps: 50_000)[0])
        // Stressed 1/6 of the time with 9× the variance: 5/6 + 9/6 = 2.33×.
        #expect(abs(switching / base - 2.333) < 0.35, "variance ratio ≈ 2.33, got \(switching / base)")
    }

    @Test func invalidCorrelationsAreRefused() {
        let parameters = SyntheticMarketFeed.Parameters(intervalNanoseconds: Self.minute, initialPrices: [100, 100, 100], sectors: [0, 1, 2],
                                                        sectorCorrelation: 0.5, marketCorrelation: -0.9)
        #expect(throws: SyntheticMarketFeed.InvalidParameters.self) {
            _ = try SyntheticMarketFeed(name: "bad", parameters: parameters, quoteTopic: TopicID(rawValue: 0),
                                        tradeTopic: TopicID(rawValue: 1), seed: 1, startTime: 0, endTime: 1)
        }
    }

    @Test func sameSeedSameStream() throws {
        let parameters = SyntheticMarketFeed.Parameters(intervalNanoseconds: Self.minute, initialPrices: [1_000_000, 500_000], sectors: [0, 1],
                                                        jumpIntensity: 20, tradeProbability: 0.3)
        func drain(_ seed: UInt64) throws -> [InputRecord] {
            var feed = try SyntheticMarketFeed(name: "s", parameters: parameters, quoteTopic: TopicID(rawValue: 0), tradeTopic: TopicID(rawValue: 1),
                                               seed: seed, startTime: 0, endTime: 500 * Self.minute)
            var records: [InputRecord] = []
            while let record = feed.next() { records.append(record) }
            return records
        }
        let first = try drain(3)
        #expect(first == (try drain(3)))
        #expect(first != (try drain(4)))
        #expect(first.contains { if case .trade = $0.message { true } else { false } })
        #expect(first.map(\.time) == first.map(\.time).sorted())
    }
}

/// The alternative data carry a weak, real relationship to future returns.
@Suite struct AlternativeDataTests {
    @Test func sentimentFlowsAndInsidersPredictReturnsWeakly() throws {
        let symbols = 10
        var alt = SyntheticMarketFeed.Parameters.AlternativeData(publishIntervalNanoseconds: SyntheticMarketFeedTests.minute, alphaStrength: 5)
        alt.insiderProbability = 0.05
        let parameters = SyntheticMarketFeed.Parameters(intervalNanoseconds: SyntheticMarketFeedTests.minute, volatility: 0.2,
                                                        initialPrices: Array(repeating: 1_000_000, count: symbols), sectors: Array(0..<symbols),
                                                        sectorCorrelation: 0, marketCorrelation: 0, alternativeData: alt)
        var feed = try SyntheticMarketFeed(name: "alt", parameters: parameters, quoteTopic: TopicID(rawValue: 0), tradeTopic: TopicID(rawValue: 1),
                                           altTopic: TopicID(rawValue: 2), seed: 5, startTime: 0, endTime: 3_000 * SyntheticMarketFeedTests.minute)
        var mids = Array(repeating: [Double](), count: symbols)
        var sentiment = Array(repeating: [Double](), count: symbols)
        var flows = Array(repeating: [Double](), count: symbols)
        var insiders: [(symbol: Int, step: Int, sign: Double)] = []
        var kinds = Set<UInt8>()
        while let record = feed.next() {
            switch record.message {
            case .quote(let quote): mids[Int(quote.symbol)].append(log(Double(quote.bidPrice + quote.askPrice) / 2))
            case .alt(let datum):
                kinds.insert(datum.kind.rawValue)
                guard datum.symbol != AltDatum.marketWide else { continue }
                let symbol = Int(datum.symbol)
                switch datum.kind {
                case .sentiment: sentiment[symbol].append(datum.value)
                case .fundFlow: flows[symbol].append(datum.value)
                case .insiderFiling: insiders.append((symbol, mids[symbol].count - 1, datum.value))
                default: break
                }
            default: break
            }
        }
        #expect(kinds.count == AltDatum.Kind.allCases.count, "every kind is published")
        // Information coefficient: correlation of the signal at t with the return over the next 30 minutes.
        func ic(_ signal: [[Double]]) -> Double {
            var pairs: [(Double, Double)] = []
            for symbol in 0..<symbols {
                for step in 0..<(signal[symbol].count - 31) {
                    pairs.append((signal[symbol][step], mids[symbol][step + 30] - mids[symbol][step]))
                }
            }
            let (mx, my) = (pairs.map(\.0).reduce(0, +) / Double(pairs.count), pairs.map(\.1).reduce(0, +) / Double(pairs.count))
            var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
            for (x, y) in pairs {
                sxy += (x - mx) * (y - my)
                sxx += (x - mx) * (x - mx)
                syy += (y - my) * (y - my)
            }
            return sxy / (sxx * syy).squareRoot()
        }
        let sentimentIC = ic(sentiment)
        let flowIC = ic(flows)
        #expect(sentimentIC > 0.03 && sentimentIC < 0.3, "sentiment IC is positive and weak, got \(sentimentIC)")
        #expect(flowIC > 0.03 && flowIC < 0.4, "fund-flow IC is positive and weak, got \(flowIC)")
        let agreeing = insiders.filter { filing in
            filing.step + 30 < mids[filing.symbol].count
                && (mids[filing.symbol][filing.step + 30] - mids[filing.symbol][filing.step]) * filing.sign > 0
        }.count
        #expect(insiders.count > 300)
        #expect(Double(agreeing) / Double(insiders.count) > 0.52, "insider filings lean the right way")
    }
}
