import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition

/// A scenario's `feeds:` as input sources, in the order they are declared (on equal times the
/// first declared goes first). Simulation admits them; `metronome feed serve` streams them.
public enum ScenarioFeeds {
    /// - Parameters:
    ///   - kernel: resolves the raw topics (created if needed).
    ///   - end: no input after this time.
    ///   - forRun: false when the sources are only made to check the data (`validate`): data files
    ///     then keep no copy of their checked records for a run that will not come.
    public static func sources(of scenario: Scenario, kernel: Kernel, seed: UInt64, end: Timestamp,
                               forRun: Bool = true) throws -> [any InputSource<Message>] {
        let universe = scenario.universe
        let rawQuotes = kernel.topic(named: Topics.rawQuotes)
        var sources: [any InputSource<Message>] = []
            for feed in scenario.feeds {
                switch feed.kind {
                case .gbm(let parameters):
                    sources.append(GBMQuoteFeed(name: feed.name, parameters: parameters, topic: rawQuotes, seed: seed,
                                                     startTime: scenario.startTime, endTime: end))
                case .tickCSV(let path, let latency):
                    sources.append(try TickCSV(path: path, instruments: instruments(of: universe), quoteTopic: rawQuotes,
                                               tradeTopic: kernel.topic(named: Topics.rawTrades), latencyNanoseconds: latency,
                                               tradeQuotes: feed.tradeQuotes, spilling: forRun))
                case .layoutCSV(let path, let layout, let latency, _):
                    // Only the run's span: a vendor file of a whole day or year may start before it.
                    sources.append(try LayoutCSV(path: path, layout: layout, instruments: instruments(of: universe), quoteTopic: rawQuotes,
                                                 tradeTopic: kernel.topic(named: Topics.rawTrades), latencyNanoseconds: latency,
                                                 from: scenario.startTime, to: end, tradeQuotes: feed.tradeQuotes, spilling: forRun))
                case .dailyBars(let path, let symbol, let window):
                    // Bars from 60 days before the start feed the volatility window; quotes start at the start.
                    let history = scenario.startTime > 60 * TimeUnits.nanosecondsPerDay ? scenario.startTime - 60 * TimeUnits.nanosecondsPerDay : 0
                    let bars = try DailyBarsCache.bars(path: path, symbol: symbol, pricePrecision: universe[Int(symbol)].pricePrecision,
                                                       topic: rawQuotes, from: history, to: end)
                    sources.append(DailyBarQuotes(bars: bars, quoteTopic: rawQuotes, altTopic: kernel.topic(named: Topics.rawAlternativeData),
                                                       volatilityWindow: window, from: scenario.startTime, to: end))
                case .dailySeries(let path, let kind, let column, let minus):
                    let text = try DataFileText.read(path: path)
                    // A monthly series' latest value before the start is admitted at the start.
                    var series = try DailySeriesCSV(text: text, file: path, kind: kind, column: column, minus: minus,
                                                    topic: kernel.topic(named: Topics.rawAlternativeData), to: end)
                    var records: [InputRecord] = []
                    var latestBefore: InputRecord?
                    while let record = series.next() {
                        if record.time < scenario.startTime { latestBefore = record } else { records.append(record) }
                    }
                    if var first = latestBefore {
                        first.time = scenario.startTime
                        records.insert(first, at: 0)
                    }
                    sources.append(ArrayInputSource(records))
                case .registered(let type, let parameters):
                    guard let registered = ComponentRegistry.current.feedType(named: type) else {
                        throw FeedTypeMissing(type: type)
                    }
                    let request = FeedRequest(universe: universe, seed: seed, start: scenario.startTime, end: end,
                                              scenarioFolder: parameters.folder)
                    sources.append(FeedEventInputs(source: try registered.make(parameters, request), quoteTopic: rawQuotes,
                                                   tradeTopic: kernel.topic(named: Topics.rawTrades),
                                                   alternativeTopic: kernel.topic(named: Topics.rawAlternativeData)))
                case .synthetic(let parameters):
                    sources.append(try SyntheticMarketFeed(name: feed.name, parameters: parameters, quoteTopic: rawQuotes,
                                                            tradeTopic: kernel.topic(named: Topics.rawTrades),
                                                            altTopic: kernel.topic(named: Topics.rawAlternativeData), seed: seed,
                                                            startTime: scenario.startTime, endTime: end))
                }
            }
        return sources
    }

    /// Symbol name → (id, price precision), as the file readers look symbols up.
    private static func instruments(of universe: [Instrument]) -> [String: (id: SymbolID, precision: Int)] {
        var instruments: [String: (id: SymbolID, precision: Int)] = [:]
        for (index, instrument) in universe.enumerated() { instruments[instrument.symbol] = (SymbolID(index), instrument.pricePrecision) }
        return instruments
    }
}
