import Actors
import Foundation
import Kernel
import Messages
import Yams

/// The `feeds:` section: each feed's type, then the reader for that type (daily files, a tick CSV,
/// or a generated feed: geometric Brownian motion or the synthetic market).
enum FeedLoader {
    static let types = ["gbm", "synthetic", "csv", "daily-bars", "daily-series"]

    /// Every feed of the section, in order; at least one.
    static func feeds(_ node: Node, universe: [Instrument], start: Timestamp, requireDataFiles: Bool,
                      file: String) throws(ScenarioError) -> [FeedSettings] {
        let items = try ScalarReader(file: file).list(node, "feeds")
        guard !items.isEmpty else {
            throw StrictMapping.error(file, node, "feeds must list at least one feed", hint: "e.g. feeds: [{ type: gbm, interval: 250ms, initial_price: 100.00 }]")
        }
        var feeds: [FeedSettings] = []
        for (index, item) in items.enumerated() {
            feeds.append(try feed(item, index: index, universe: universe, start: start, requireDataFiles: requireDataFiles, file: file))
        }
        return feeds
    }

    private static func feed(_ item: Node, index: Int, universe: [Instrument], start: Timestamp, requireDataFiles: Bool,
                             file: String) throws(ScenarioError) -> FeedSettings {
        let scalars = ScalarReader(file: file)
        let path = "feeds[\(index)]"
        var map = try StrictMapping(item, file: file, path: path)
        let name = try map.value("name").map { node throws(ScenarioError) in try scalars.text(node, "\(path).name") } ?? "feed\(index)"
        let typeNode = try map.require("type")
        let type = try scalars.text(typeNode, "\(path).type")
        if let registered = ComponentRegistry.current.feedType(named: type) {
            return try registeredFeed(&map, type: registered, name: name, item: item, universe: universe, start: start,
                                      requireDataFiles: requireDataFiles, path: path, file: file)
        }
        guard types.contains(type) else {
            let known = types + ComponentRegistry.current.feedTypes.map(\.name)
            throw StrictMapping.error(file, typeNode, "unknown feed type '\(type)'",
                                      hint: StrictMapping.choiceHint(type, among: known) + "; a package's own feed type needs its own executable (docs/extending.md)")
        }
        switch type {
        case "daily-bars", "daily-series":
            let (kind, filter) = try DailyFeedLoader.feed(type: type, map: &map, universe: universe, requireDataFiles: requireDataFiles,
                                                          path: path, file: file)
            return FeedSettings(name: name, kind: kind, spikeFilter: filter)
        case "csv":
            return try tickCSVFeed(&map, item: item, name: name, universe: universe, requireDataFiles: requireDataFiles, path: path, file: file)
        default:
            let generated = try GeneratedQuoteSettings(&map, universe: universe, path: path, file: file)
            if type == "synthetic" {
                return try SyntheticFeedLoader.feed(&map, generated, name: name, typeNode: typeNode, item: item, universe: universe,
                                                    start: start, path: path, file: file)
            }
            try map.finish(allowed: ["name", "type", "interval", "drift", "volatility", "initial_price", "spread_ticks", "max_size", "latency", "guard"])
            let parameters = GBMQuoteFeed.Parameters(intervalNanoseconds: generated.interval, drift: generated.drift,
                                                     volatility: generated.volatility, initialPrices: generated.prices,
                                                     spreadTicks: generated.spread, maximumSize: generated.maximumSize,
                                                     latencyNanoseconds: generated.latency)
            return FeedSettings(name: name, kind: .gbm(parameters), spikeFilter: generated.filter)
        }
    }

    /// A feed type another package registered: its own keys collected for it, `guard:` as for any
    /// feed; its events are made once here (with a data file, when `requireDataFiles`) so that a
    /// bad parameter or a bad file is reported at load time.
    private static func registeredFeed(_ map: inout StrictMapping, type: ComponentRegistry.FeedType, name: String, item: Node,
                                       universe: [Instrument], start: Timestamp, requireDataFiles: Bool, path: String,
                                       file: String) throws(ScenarioError) -> FeedSettings {
        let filter = try GuardLoader.spikeFilter(&map, fallback: .defaults(forResolution: 0), symbols: universe.count, path: path, file: file)
        let parameters = try ComponentParameters.collect(&map, keys: type.parameterKeys, path: path, owner: "feed type '\(type.name)'",
                                                         mapping: item, file: file)
        try map.finish(allowed: ["name", "type", "guard"] + type.parameterKeys)
        if requireDataFiles {
            let request = FeedRequest(universe: universe, seed: 0, start: start, end: .max, scenarioFolder: parameters.folder)
            _ = try type.make(parameters, request)
        }
        return FeedSettings(name: name, kind: .registered(type: type.name, parameters: parameters), spikeFilter: filter)
    }

    /// A data feed's `path`, resolved against the scenario's folder; with `requireDataFiles`, the
    /// file must exist (an error at the key's line otherwise).
    static func dataPath(_ map: inout StrictMapping, requireDataFiles: Bool, path: String, file: String) throws(ScenarioError) -> String {
        let pathNode = try map.require("path")
        let relative = try ScalarReader(file: file).text(pathNode, "\(path).path")
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        let resolved = relative.hasPrefix("/") ? relative : base.appendingPathComponent(relative).path
        guard !requireDataFiles || FileManager.default.fileExists(atPath: resolved) else {
            throw StrictMapping.error(file, pathNode, "\(path).path: no file at \(resolved)", hint: "paths are relative to the scenario file")
        }
        return resolved
    }

    /// `type: csv`: recorded ticks from a file (its path relative to the scenario's folder), in
    /// the tick CSV or in the layout the feed declares.
    private static func tickCSVFeed(_ map: inout StrictMapping, item: Node, name: String, universe: [Instrument], requireDataFiles: Bool,
                                    path: String, file: String) throws(ScenarioError) -> FeedSettings {
        let scalars = ScalarReader(file: file)
        let resolved = try FeedLoader.dataPath(&map, requireDataFiles: requireDataFiles, path: path, file: file)
        let latency = try map.value("latency").map { node throws(ScenarioError) in try scalars.duration(node, "\(path).latency") } ?? 0
        let declared = try LayoutLoader.layout(&map, item: item, universe: universe, path: path, file: file)
        let resolution = declared.flatMap { $0.layout.readsBars ? $0.layout.barIntervalNanoseconds : nil } ?? 0
        let filter = try GuardLoader.spikeFilter(&map, fallback: .defaults(forResolution: resolution), symbols: universe.count, path: path, file: file)
        let quoted = declared?.symbol.map { [universe[Int($0)]] } ?? universe
        let tradeQuotes = try TradeQuoteLoader.settings(&map, quoted: quoted, path: path, file: file)
        try map.finish(allowed: ["name", "type", "path", "latency", "guard", "trade_quotes"] + LayoutLoader.keys)
        if let declared {
            return FeedSettings(name: name, kind: .layoutCSV(path: resolved, layout: declared.layout, latencyNanoseconds: latency,
                                                             symbol: declared.symbol), spikeFilter: filter, tradeQuotes: tradeQuotes)
        }
        return FeedSettings(name: name, kind: .tickCSV(path: resolved, latencyNanoseconds: latency), spikeFilter: filter, tradeQuotes: tradeQuotes)
    }
}

/// The keys a generated feed (`gbm` or `synthetic`) shares, read in this order.
struct GeneratedQuoteSettings {
    var interval: DurationNanoseconds
    var drift: Double
    var volatility: Double
    var prices: [Int64]
    var spread: Int64
    var maximumSize: Int64
    var latency: DurationNanoseconds
    var filter: SpikeFilterSettings?

    init(_ map: inout StrictMapping, universe: [Instrument], path: String, file: String) throws(ScenarioError) {
        let scalars = ScalarReader(file: file)
        interval = try ScenarioLimits.period(try map.require("interval"), "\(path).interval", file: file)
        drift = try map.value("drift").map { node throws(ScenarioError) in try scalars.decimal(node, "\(path).drift", range: -10...10) } ?? 0
        volatility = try map.value("volatility").map { node throws(ScenarioError) in
            try scalars.decimal(node, "\(path).volatility", range: 0...10)
        } ?? 0.2
        let priceNode = try map.require("initial_price")
        prices = try ScenarioLoader.initialPrices(priceNode, universe: universe, path: path, file: file)
        spread = try map.value("spread_ticks").map { node throws(ScenarioError) in
            try scalars.integer(node, "\(path).spread_ticks", range: 1...1_000_000)
        } ?? 2
        maximumSize = try map.value("max_size").map { node throws(ScenarioError) in
            try scalars.integer(node, "\(path).max_size", range: 1...ScenarioLimits.maximumCount)
        } ?? 100
        latency = try map.value("latency").map { node throws(ScenarioError) in try scalars.duration(node, "\(path).latency") } ?? 500_000
        let interval = interval
        filter = try GuardLoader.spikeFilter(&map, fallback: .defaults(forResolution: interval), symbols: universe.count, path: path, file: file)
    }
}
