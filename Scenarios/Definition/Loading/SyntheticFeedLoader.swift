import Actors
import Foundation
import Kernel
import Messages
import Yams

/// `type: synthetic` feeds: the generated keys every feed shares, then the market model's own
/// (correlations, jumps, regimes, mean reversion, lead-lag, events) and its alternative data.
enum SyntheticFeedLoader {
    static let keys = ["name", "type", "interval", "drift", "volatility", "initial_price", "spread_ticks", "max_size",
                       "latency", "sector_correlation", "market_correlation", "jump_intensity", "jump_mean",
                       "jump_volatility", "stressed_volatility_multiplier", "stress_probability",
                       "recovery_probability", "trade_probability", "alternative_data", "mean_reversion_half_life", "events",
                       "guard", "lead_lag", "lead_lag_delay"]

    static func feed(_ map: inout StrictMapping, _ generated: GeneratedQuoteSettings, name: String, typeNode: Node, item: Node,
                     universe: [Instrument], start: Timestamp, path: String, file: String) throws(ScenarioError) -> FeedSettings {
        guard universe.count <= ScenarioLimits.maximumSyntheticSymbols else {
            throw StrictMapping.error(file, typeNode, "\(path): a synthetic feed quotes at most \(DecimalText.grouped(UInt64(ScenarioLimits.maximumSyntheticSymbols))) symbols, the universe has \(universe.count)",
                                      hint: "its correlated shocks cost symbols² per step: use type: gbm for a wider universe, or fewer symbols")
        }
        let alternativeData = try map.value("alternative_data").map { node throws(ScenarioError) in
            try self.alternativeData(node, interval: generated.interval, path: path, file: file)
        }
        let (sectorNames, sectors) = sectorsInOrder(universe)
        var parameters = try modelParameters(&map, generated, sectors: sectors, alternativeData: alternativeData, path: path, file: file)
        try readDynamics(&map, into: &parameters, interval: generated.interval, path: path, file: file)
        if let node = map.value("events") {
            parameters.events = try MarketEventLoader.events(node, start: start, sectorNames: sectorNames, path: path, file: file)
            if alternativeData == nil, parameters.events.contains(where: { if case .sentiment = $0 { true } else { false } }) {
                throw StrictMapping.error(file, node, "\(path): a sentiment event needs alternative_data", hint: "add an alternative_data: section")
            }
        }
        try map.finish(allowed: keys)
        try checkCorrelations(parameters, sectorCount: sectorNames.count, item: item, path: path, file: file)
        return FeedSettings(name: name, kind: .synthetic(parameters), spikeFilter: generated.filter)
    }

    /// Sectors in order of first appearance, each found by a dictionary: linear in the universe.
    /// Returns the sectors' names and each instrument's sector index.
    static func sectorsInOrder(_ universe: [Instrument]) -> (names: [String], indexOfInstrument: [Int]) {
        var sectorNames: [String] = []
        var sectorIndex: [String: Int] = [:]
        for instrument in universe where sectorIndex[instrument.sector] == nil {
            sectorIndex[instrument.sector] = sectorNames.count
            sectorNames.append(instrument.sector)
        }
        return (sectorNames, universe.map { instrument in sectorIndex[instrument.sector]! })
    }

    /// The model's numeric keys with their ranges and defaults.
    private static func modelParameters(_ map: inout StrictMapping, _ generated: GeneratedQuoteSettings, sectors: [Int],
                                        alternativeData: SyntheticMarketFeed.Parameters.AlternativeData?, path: String,
                                        file: String) throws(ScenarioError) -> SyntheticMarketFeed.Parameters {
        let scalars = ScalarReader(file: file)
        func number(_ key: String, _ range: ClosedRange<Double>, _ fallback: Double) throws(ScenarioError) -> Double {
            try map.value(key).map { node throws(ScenarioError) in try scalars.decimal(node, "\(path).\(key)", range: range) } ?? fallback
        }
        return SyntheticMarketFeed.Parameters(
            intervalNanoseconds: generated.interval, drift: generated.drift, volatility: generated.volatility, initialPrices: generated.prices,
            sectors: sectors,
            sectorCorrelation: try number("sector_correlation", -0.99...0.99, 0.5),
            marketCorrelation: try number("market_correlation", -0.99...0.99, 0.2),
            jumpIntensity: try number("jump_intensity", 0...ScenarioLimits.maximumJumpIntensity, 0), jumpMean: try number("jump_mean", -1...1, 0),
            jumpVolatility: try number("jump_volatility", 0...5, 0.02),
            stressedVolatilityMultiplier: try number("stressed_volatility_multiplier", 1...100, 1),
            stressProbability: try number("stress_probability", 0...1, 0),
            recoveryProbability: try number("recovery_probability", 0...1, 1), spreadTicks: generated.spread, maximumSize: generated.maximumSize,
            tradeProbability: try number("trade_probability", 0...1, 0), latencyNanoseconds: generated.latency,
            alternativeData: alternativeData)
    }

    /// Mean reversion and the sector leaders' lead-lag.
    private static func readDynamics(_ map: inout StrictMapping, into parameters: inout SyntheticMarketFeed.Parameters,
                                     interval: DurationNanoseconds, path: String, file: String) throws(ScenarioError) {
        let scalars = ScalarReader(file: file)
        if let node = map.value("mean_reversion_half_life") {
            let halfLife = try scalars.duration(node, "\(path).mean_reversion_half_life")
            guard halfLife > 0 else {
                throw StrictMapping.error(file, node, "\(path).mean_reversion_half_life must be positive",
                                          hint: "e.g. mean_reversion_half_life: 20m; leave it out for no mean reversion")
            }
            parameters.meanReversionHalfLifeNanoseconds = halfLife
        }
        parameters.leadLag = try map.value("lead_lag").map { node throws(ScenarioError) in
            try scalars.decimal(node, "\(path).lead_lag", range: 0...0.9)
        } ?? 0
        if let node = map.value("lead_lag_delay") {
            let delay = try scalars.duration(node, "\(path).lead_lag_delay")
            guard delay >= interval, delay <= 3_600_000_000_000 else {
                throw StrictMapping.error(file, node, "\(path).lead_lag_delay must be from the feed's interval (\(DurationText.format(interval))) to 1h",
                                          hint: "how much later the followers repeat their sector leader's moves, e.g. lead_lag_delay: 1m")
            }
            parameters.leadLagDelayNanoseconds = delay
        }
    }

    private static func checkCorrelations(_ parameters: SyntheticMarketFeed.Parameters, sectorCount: Int, item: Node, path: String,
                                          file: String) throws(ScenarioError) {
        var sectorSizes = Array(repeating: 0, count: sectorCount)
        for sector in parameters.sectors { sectorSizes[sector] += 1 }
        guard SectorCorrelation.isPositiveDefinite(sectorSizes: sectorSizes, sector: parameters.sectorCorrelation,
                                                   market: parameters.marketCorrelation) else {
            throw StrictMapping.error(file, item, "\(path): sector_correlation and market_correlation do not form a valid correlation matrix",
                                      hint: "keep market_correlation ≤ sector_correlation < 1 and both ≥ 0")
        }
    }

    /// `alternative_data:`: the synthetic features the feature agents read, published no faster
    /// than the feed quotes.
    private static func alternativeData(_ altNode: Node, interval: DurationNanoseconds, path: String,
                                        file: String) throws(ScenarioError) -> SyntheticMarketFeed.Parameters.AlternativeData {
        let scalars = ScalarReader(file: file)
        var altMap = try StrictMapping(altNode, file: file, path: "\(path).alternative_data")
        var settings = SyntheticMarketFeed.Parameters.AlternativeData()
        let altPath = "\(path).alternative_data"
        if let node = altMap.value("publish_interval") { settings.publishIntervalNanoseconds = try scalars.duration(node, "\(altPath).publish_interval") }
        if let node = altMap.value("alpha_half_life") { settings.alphaHalfLifeNanoseconds = try scalars.duration(node, "\(altPath).alpha_half_life") }
        if let node = altMap.value("alpha_strength") { settings.alphaStrength = try scalars.decimal(node, "\(altPath).alpha_strength", range: 0...100) }
        if let node = altMap.value("value_strength") { settings.valueStrength = try scalars.decimal(node, "\(altPath).value_strength", range: 0...10) }
        if let node = altMap.value("sentiment_noise") { settings.sentimentNoise = try scalars.decimal(node, "\(altPath).sentiment_noise", range: 0...100) }
        if let node = altMap.value("flow_noise") { settings.flowNoise = try scalars.decimal(node, "\(altPath).flow_noise", range: 0...100) }
        if let node = altMap.value("insider_probability") { settings.insiderProbability = try scalars.decimal(node, "\(altPath).insider_probability", range: 0...1) }
        if let node = altMap.value("macro_strength") { settings.macroStrength = try scalars.decimal(node, "\(altPath).macro_strength", range: 0...100) }
        if let node = altMap.value("order_flow_tilt") { settings.orderFlowTilt = try scalars.decimal(node, "\(altPath).order_flow_tilt", range: 0...0.9) }
        if let node = altMap.value("value_half_life") {
            let halfLife = try scalars.duration(node, "\(altPath).value_half_life")
            guard halfLife > 0 else {
                throw StrictMapping.error(file, node, "\(altPath).value_half_life must be positive", hint: "e.g. value_half_life: 2h; leave it out for a fixed value factor")
            }
            settings.valueHalfLifeNanoseconds = halfLife
        }
        try altMap.finish(allowed: ["publish_interval", "alpha_half_life", "alpha_strength", "value_strength", "sentiment_noise",
                                    "flow_noise", "insider_probability", "macro_strength", "order_flow_tilt", "value_half_life"])
        guard settings.publishIntervalNanoseconds >= interval else {
            throw StrictMapping.error(file, altNode, "\(altPath).publish_interval must be at least the feed's interval",
                                      hint: "the feed's interval is \(DurationText.format(interval)): publish alternative data at that pace or slower")
        }
        return settings
    }
}
