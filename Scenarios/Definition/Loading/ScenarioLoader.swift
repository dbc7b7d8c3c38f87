import Actors
import Foundation
import Kernel
import Yams

/// Reads scenario files strictly: unknown keys, wrong types and out-of-range values are errors
/// located at `file:line:column`, with a hint.
public enum ScenarioLoader {
    static let topLevelKeys = ["version", "name", "description", "seed", "start", "duration", "end", "account",
                               "universe", "feeds", "agents", "blender", "selector", "trader", "sizer", "gate", "router", "broker", "record", "chaos",
                               "budgets", "metrics"]

    /// Loads and checks a scenario file.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        try parse(try readSource(path: path), file: path)
    }

    /// A scenario file's text (or an overrides file's): UTF-8, else an error at the first invalid
    /// byte's line and column, with its byte offset.
    public static func readSource(path: String) throws(ScenarioError) -> String {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioError(file: path, line: 0, column: 0, message: "cannot read the file (\(error.localizedDescription))",
                                hint: "check the path, or run `metronome scenarios` to list the library")
        }
        return try SourceText.decode(Array(bytes), file: path)
    }

    /// Parses scenario text; `file` is only used in messages.
    /// - Parameter requireDataFiles: false skips the check that the feeds' data files exist, for
    ///   a scenario read back from a log (whose inputs are recorded; its files need not be there).
    public static func parse(_ text: String, file: String, requireDataFiles: Bool = true) throws(ScenarioError) -> Scenario {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, line: 0, column: 0, message: "the file is empty", hint: "start from `metronome scenarios` or docs/scenarios.md")
            }
            root = composed
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw ScenarioError(file: file, line: 0, column: 0, message: "not valid YAML: \(error)", hint: yamlHint)
        }
        return try parse(root: root, text: text, file: file, requireDataFiles: requireDataFiles)
    }

    /// Checks an already composed scenario tree (counterfactual overrides merge trees); `text` is
    /// what the scenario records as its source, `file` is only used in messages.
    public static func parse(root: Node, text: String, file: String, requireDataFiles: Bool = true) throws(ScenarioError) -> Scenario {
        let scalars = ScalarReader(file: file)
        var top = try StrictMapping(root, file: file, path: "")

        let versionNode = try top.require("version")
        let version = try scalars.integer(versionNode, "version", range: 1...Int64.max)
        guard version == Int64(Scenario.schemaVersion) else {
            throw StrictMapping.error(file, versionNode, "unsupported scenario version \(version)", hint: "this build reads version \(Scenario.schemaVersion)")
        }
        let name = try scalars.text(try top.require("name"), "name")
        guard !name.isEmpty else { throw StrictMapping.error(file, root, "name must not be empty", hint: "reports show it: e.g. name: calm-day") }
        let description = try top.value("description").map { node throws(ScenarioError) in try scalars.text(node, "description") } ?? ""
        let seed = try top.value("seed").map { node throws(ScenarioError) in try scalars.unsigned(node, "seed") } ?? 1
        let startNode = try top.require("start")
        let start = try scalars.timestamp(startNode, "start")
        let end: Timestamp
        switch (top.value("duration"), top.value("end")) {
        case (let duration?, nil):
            let length = try scalars.duration(duration, "duration")
            guard length > 0 else { throw StrictMapping.error(file, duration, "duration must be positive", hint: "e.g. duration: 6h30m") }
            // Both are bounded (start ≤ 2261, length ≤ 100 years): the sum cannot overflow.
            end = start + length
            guard end <= TimeUnits.latestTimestamp else {
                throw StrictMapping.error(file, duration, "the run would end at \(TimeUnits.iso8601(end)), after the last time Metronome can represent",
                                          hint: ScalarReader.timeRangeHint + ": shorten the duration or start earlier")
            }
        case (nil, let endNode?):
            end = try scalars.timestamp(endNode, "end")
            guard end > start else {
                throw StrictMapping.error(file, endNode, "end must be after start (\(TimeUnits.iso8601(start)))",
                                          hint: "give a later UTC time, or a duration instead (duration: 6h30m)")
            }
        case (.some(let duration), .some):
            throw StrictMapping.error(file, duration, "give either duration or end, not both", hint: "remove one of them: both say when the run ends")
        case (nil, nil):
            throw StrictMapping.error(file, startNode, "the scenario needs a duration (e.g. duration: 6h30m) or an end time",
                                      hint: "add duration: 6h30m, or end: a UTC time after start")
        }
        let account = try top.value("account").map { node throws(ScenarioError) in try readAccount(node, file: file) }
            ?? AccountSettings(currency: "EUR", initialCashMinorUnits: 50_000)
        let (universe, listings) = try readUniverse(try top.require("universe"), file: file)
        let feedsNode = try top.require("feeds")
        let feeds = try readFeeds(feedsNode, universe: universe, start: start, requireDataFiles: requireDataFiles, file: file)
        try GuardLoader.checkAgreement(feeds, universe: universe, node: feedsNode, file: file)
        let agents = try readAgents(top.value("agents"), shortestQuoteInterval: shortestQuoteInterval(feeds), runNanoseconds: end - start, file: file)
        for (index, feed) in feeds.enumerated() {
            let interval: DurationNanoseconds
            switch feed.kind {
            case .gbm(let parameters): interval = parameters.intervalNanoseconds
            case .synthetic(let parameters): interval = parameters.intervalNanoseconds
            case .tickCSV, .dailyBars, .dailySeries: continue
            }
            let quotes = Double(end - start) / Double(interval) * Double(universe.count)
            if quotes > 2e9 {
                throw StrictMapping.error(file, startNode, "feeds[\(index)] would generate \(Int(quotes)) quotes (interval \(DurationText.format(interval)) × \(universe.count) symbols over \(DurationText.format(end - start)))",
                                          hint: "at most 2,000,000,000 quotes per feed: use a longer interval or a shorter duration")
            }
        }
        let runNanoseconds = end - start
        let blender = try readBlender(top.value("blender"), symbols: universe.count, runNanoseconds: runNanoseconds, file: file)
        let selectorNode = top.value("selector")
        let selector = try readSelector(selectorNode, symbols: universe.count, runNanoseconds: runNanoseconds, file: file)
        if let selectorNode, let selector, selector.count > universe.count {
            throw StrictMapping.error(file, selectorNode, "selector.count (\(selector.count)) is larger than the universe (\(universe.count) symbols)",
                                      hint: "pick at most \(universe.count)")
        }
        for feed in feeds {
            guard case .synthetic(let parameters) = feed.kind else { continue }
            for event in parameters.events {
                let at: Timestamp
                switch event {
                case .volatility(let from, _, _): at = from
                case .crash(let time, _, _, _, _, _): at = time
                case .sentiment(let time, _, _): at = time
                }
                if at >= end {
                    throw StrictMapping.error(file, try top.require("feeds"), "feed '\(feed.name)': an event at \(TimeUnits.iso8601(at)) is after the scenario's end \(TimeUnits.iso8601(end))",
                                              hint: "events take a UTC time or a duration after the start")
                }
            }
        }
        if let selectorNode, selector != nil, blender == nil {
            throw StrictMapping.error(file, selectorNode, "a selector needs a blender", hint: "add a blender: section")
        }
        var trader = try readTrader(top.value("trader"), agentNames: agents.map(\.name), file: file)
        if blender != nil {
            trader.followsForecasts = true
            trader.followAgentID = nil
        }
        if selector != nil { trader.followsSlates = true }
        let broker = try BrokerLoader.broker(top.value("broker"), file: file)
        try checkListings(listings, venues: broker.venues.map(\.name), file: file)
        if universe.contains(where: { !$0.venues.isEmpty }) {
            // The simple trader sends each symbol's orders to the first venue that lists it.
            trader.venueBySymbol = universe.map { instrument in UInt8(broker.venues.firstIndex { instrument.isListed(at: $0.name) } ?? 0) }
        }
        var execution: ExecutionSettings?
        if let sizerNode = top.value("sizer") {
            if let traderNode = top.value("trader") {
                throw StrictMapping.error(file, traderNode, "a scenario has either a trader: or a sizer: section, not both",
                                          hint: "the sizer → gate → router chain replaces the simple trader")
            }
            guard blender != nil else {
                throw StrictMapping.error(file, sizerNode, "the sizer sizes the blender's forecasts: it needs a blender", hint: "add a blender: section")
            }
            var sizer = try ExecutionLoader.sizer(sizerNode, file: file)
            try ScenarioLimits.checkWork("sizer.sample_interval", period: sizer.sampleIntervalNanoseconds, symbols: universe.count,
                                         runNanoseconds: runNanoseconds, node: sizerNode, unit: "risk samples", file: file)
            sizer.followsSlates = selector != nil
            let gate = try ExecutionLoader.gate(top.value("gate"), file: file)
            let router = try ExecutionLoader.router(top.value("router"), venues: [], file: file)
            execution = ExecutionSettings(sizer: sizer, gate: gate, router: router)
        } else if let stray = top.value("gate") ?? top.value("router") {
            throw StrictMapping.error(file, stray, "gate: and router: belong to the execution side, which starts with a sizer: section",
                                      hint: "add sizer: {} for the default sizer")
        }
        if execution == nil {
            // The simple trader trades (its default quantity too): its order must fit the bound.
            let universeNode = try top.require("universe")
            try checkOrderNotional(quantity: trader.quantity, universe: universe, feeds: feeds, node: top.value("trader") ?? universeNode, file: file)
        }
        let record = try top.value("record").map { node throws(ScenarioError) in try readRecord(node, file: file) }
        let chaos = try top.value("chaos").map { node throws(ScenarioError) in try ChaosLoader.read(node, start: start, end: end, file: file) }
        let budgets = try top.value("budgets").map { node throws(ScenarioError) in
            try BudgetLoader.budgets(node, present: presentStages(agents: agents, blender: blender, selector: selector, execution: execution),
                                     file: file)
        }
        let metrics = try MetricsLoader.metrics(top.value("metrics"), file: file)
        try top.finish(allowed: topLevelKeys)
        var scenario = Scenario(name: name, description: description, seed: seed, startTime: start, endTime: end, account: account,
                        universe: universe, feeds: feeds, agents: agents, blender: blender, selector: selector, trader: trader,
                        execution: execution, broker: broker, record: record, chaos: chaos, sourceText: text, sourcePath: file)
        scenario.budgets = budgets
        scenario.metrics = metrics
        return scenario
    }

    /// The stages a scenario's pipeline has, for `budgets:` (the feeds, the broker, the portfolio
    /// and tick-to-order always; the rest with their sections).
    public static func presentStages(agents: [AgentSettings], blender: BlenderSettings?, selector: Selector.Parameters?,
                              execution: ExecutionSettings?) -> [LatencyStage] {
        LatencyStage.allCases.filter { stage in
            switch stage {
            case .feeds, .broker, .portfolio, .tickToOrder: true
            case .agents: agents.contains { $0.enabled }
            case .blender: blender != nil
            case .selector: selector != nil
            case .sizer, .gate, .router: execution != nil
            case .trader: execution == nil
            }
        }
    }

    private static func readRecord(_ node: Node, file: String) throws(ScenarioError) -> RecordSettings {
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "record")
        let path = try scalars.text(try map.require("path"), "record.path")
        var codec = BlockCodec.zstd
        if let value = map.value("codec") {
            let name = try scalars.text(value, "record.codec")
            guard let parsed = BlockCodec(name: name) else {
                throw StrictMapping.error(file, value, "record.codec must be zstd, lz4 or none, found '\(name)'",
                                          hint: StrictMapping.choiceHint(name, among: ["zstd", "lz4", "none"]))
            }
            codec = parsed
        }
        var level: Int32?
        if let value = map.value("level") {
            let range: ClosedRange<Int64> = codec == .lz4 ? 0...12 : 1...19
            guard codec != .none else {
                throw StrictMapping.error(file, value, "record.level has no meaning with codec none",
                                          hint: "remove level, or use codec zstd (levels 1…19) or lz4 (0…12)")
            }
            level = Int32(try scalars.integer(value, "record.level", range: range))
        }
        let blockBytes = try map.value("block_size").map { node throws(ScenarioError) in
            Int(try scalars.integer(node, "record.block_size", range: 4_096...Int64(JournalFormat.maximumBlockBytes)))
        } ?? JournalFormat.defaultBlockBytes
        let fsync = try map.value("fsync_interval").map { node throws(ScenarioError) in try scalars.duration(node, "record.fsync_interval") }
            ?? 1_000_000_000
        try map.finish(allowed: ["path", "codec", "level", "block_size", "fsync_interval"])
        return RecordSettings(path: path, codec: codec, level: level, blockBytes: blockBytes, fsyncIntervalNanoseconds: fsync)
    }

    static let yamlHint = "check the brackets, quotes and indentation (spaces, not tabs) at and just before this point; "
        + "quote values that contain ': ' or ' #'"

    static func yamlError(_ error: YamlError, file: String) -> ScenarioError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScenarioError(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)", hint: yamlHint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioError(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "duplicate key \(duplicates.joined(separator: ", "))", hint: "each key may appear once in a mapping")
        default:
            return ScenarioError(file: file, line: 0, column: 0, message: "not valid YAML: \(error)", hint: yamlHint)
        }
    }

    private static func readAccount(_ node: Node, file: String) throws(ScenarioError) -> AccountSettings {
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "account")
        let currency = try map.value("currency").map { node throws(ScenarioError) in try scalars.text(node, "account.currency") } ?? "EUR"
        let cash = try map.value("initial_cash").map { node throws(ScenarioError) in
            try scalars.amount(node, "account.initial_cash", precision: 2, maximum: ScenarioLimits.maximumCashMinorUnits,
                               why: "cash and profit and loss are 64-bit integers of minor units (at most 9.2·10^18): 10^15 leaves room for every fill")
        } ?? 50_000
        guard cash > 0 else { throw StrictMapping.error(file, node, "account.initial_cash must be positive", hint: "e.g. initial_cash: 500.00") }
        try map.finish(allowed: ["currency", "initial_cash"])
        return AccountSettings(currency: currency, initialCashMinorUnits: cash)
    }

    /// One venue name of `universe[].venues`, kept with its node until the broker's venues are known.
    struct Listing {
        var path: String
        var name: String
        var node: Node
    }

    private static func readUniverse(_ node: Node, file: String) throws(ScenarioError) -> ([Instrument], [Listing]) {
        let scalars = ScalarReader(file: file)
        let items = try scalars.list(node, "universe")
        guard !items.isEmpty else {
            throw StrictMapping.error(file, node, "universe must list at least one instrument", hint: "e.g. universe: [{ symbol: ACME, sector: technology }]")
        }
        guard items.count <= ScenarioLimits.maximumSymbols else {
            throw StrictMapping.error(file, node, "universe lists \(items.count) instruments, more than the \(DecimalText.grouped(UInt64(ScenarioLimits.maximumSymbols))) a scenario may have",
                                      hint: "every actor keeps state per symbol and a feed quotes each one every interval: split the universe across scenarios")
        }
        var instruments: [Instrument] = []
        var listings: [Listing] = []
        // A set, not a search of the instruments so far: that was quadratic in the universe.
        var symbols: Set<String> = []
        for (index, item) in items.enumerated() {
            let path = "universe[\(index)]"
            var map = try StrictMapping(item, file: file, path: path)
            let symbolNode = try map.require("symbol")
            let symbol = try scalars.text(symbolNode, "\(path).symbol")
            guard !symbol.isEmpty, symbols.insert(symbol).inserted else {
                throw StrictMapping.error(file, symbolNode, "symbol '\(symbol)' is empty or listed twice",
                                          hint: "each instrument has a non-empty symbol of its own: the symbol id is its position")
            }
            let sector = try map.value("sector").map { node throws(ScenarioError) in try scalars.text(node, "\(path).sector") } ?? "unclassified"
            let precision = try map.value("price_precision").map { node throws(ScenarioError) in
                try scalars.integer(node, "\(path).price_precision", range: 0...8)
            } ?? 2
            let lot = try map.value("lot_size").map { node throws(ScenarioError) in
                try scalars.integer(node, "\(path).lot_size", range: 1...ScenarioLimits.maximumCount)
            } ?? 1
            var venues: [String] = []
            if let venuesNode = map.value("venues") {
                let names = try scalars.list(venuesNode, "\(path).venues")
                guard !names.isEmpty else {
                    throw StrictMapping.error(file, venuesNode, "\(path).venues must name at least one venue",
                                              hint: "leave venues out to trade \(symbol) on every venue")
                }
                for (position, nameNode) in names.enumerated() {
                    let name = try scalars.text(nameNode, "\(path).venues[\(position)]")
                    guard !venues.contains(name) else {
                        throw StrictMapping.error(file, nameNode, "\(path).venues lists '\(name)' twice", hint: "name each venue once")
                    }
                    venues.append(name)
                    listings.append(Listing(path: "\(path).venues[\(position)]", name: name, node: nameNode))
                }
            }
            try map.finish(allowed: ["symbol", "sector", "price_precision", "lot_size", "venues"])
            instruments.append(Instrument(symbol: symbol, sector: sector, pricePrecision: Int(precision), lotSize: lot, venues: venues))
        }
        return (instruments, listings)
    }

    /// Every venue named in `universe[].venues` must be one of the broker's.
    private static func checkListings(_ listings: [Listing], venues: [String], file: String) throws(ScenarioError) {
        for listing in listings where !venues.contains(listing.name) {
            let known = "known venues: \(venues.joined(separator: ", "))"
                + (venues == ["venue"] ? " (the single venue of broker.order_latency / fee_bps; name venues with broker.venues)" : "")
            let hint = StrictMapping.closest(to: listing.name, in: venues).map { "did you mean '\($0)'? \(known)" } ?? known
            throw StrictMapping.error(file, listing.node, "\(listing.path): no venue named '\(listing.name)' in broker.venues", hint: hint)
        }
    }

    private static func readFeeds(_ node: Node, universe: [Instrument], start: Timestamp, requireDataFiles: Bool,
                                  file: String) throws(ScenarioError) -> [FeedSettings] {
        let scalars = ScalarReader(file: file)
        let items = try scalars.list(node, "feeds")
        guard !items.isEmpty else {
            throw StrictMapping.error(file, node, "feeds must list at least one feed", hint: "e.g. feeds: [{ type: gbm, interval: 250ms, initial_price: 100.00 }]")
        }
        var feeds: [FeedSettings] = []
        for (index, item) in items.enumerated() {
            let path = "feeds[\(index)]"
            var map = try StrictMapping(item, file: file, path: path)
            let name = try map.value("name").map { node throws(ScenarioError) in try scalars.text(node, "\(path).name") } ?? "feed\(index)"
            let typeNode = try map.require("type")
            let type = try scalars.text(typeNode, "\(path).type")
            guard ["gbm", "synthetic", "csv", "daily-bars", "daily-series"].contains(type) else {
                throw StrictMapping.error(file, typeNode, "unknown feed type '\(type)'",
                                          hint: StrictMapping.choiceHint(type, among: ["gbm", "synthetic", "csv", "daily-bars", "daily-series"]))
            }
            if type == "daily-bars" || type == "daily-series" {
                let (kind, filter) = try DailyFeedLoader.feed(type: type, map: &map, universe: universe, requireDataFiles: requireDataFiles,
                                                              path: path, file: file)
                feeds.append(FeedSettings(name: name, kind: kind, spikeFilter: filter))
                continue
            }
            if type == "csv" {
                let pathNode = try map.require("path")
                let relative = try scalars.text(pathNode, "\(path).path")
                let base = URL(fileURLWithPath: file).deletingLastPathComponent()
                let resolved = relative.hasPrefix("/") ? relative : base.appendingPathComponent(relative).path
                guard !requireDataFiles || FileManager.default.fileExists(atPath: resolved) else {
                    throw StrictMapping.error(file, pathNode, "\(path).path: no file at \(resolved)", hint: "paths are relative to the scenario file")
                }
                let latency = try map.value("latency").map { node throws(ScenarioError) in try scalars.duration(node, "\(path).latency") } ?? 0
                let filter = try GuardLoader.spikeFilter(&map, fallback: .defaults(forResolution: 0), symbols: universe.count, path: path, file: file)
                try map.finish(allowed: ["name", "type", "path", "latency", "guard"])
                feeds.append(FeedSettings(name: name, kind: .tickCSV(path: resolved, latencyNanoseconds: latency), spikeFilter: filter))
                continue
            }
            let interval = try ScenarioLimits.period(try map.require("interval"), "\(path).interval", file: file)
            let drift = try map.value("drift").map { node throws(ScenarioError) in try scalars.decimal(node, "\(path).drift", range: -10...10) } ?? 0
            let volatility = try map.value("volatility").map { node throws(ScenarioError) in
                try scalars.decimal(node, "\(path).volatility", range: 0...10)
            } ?? 0.2
            let priceNode = try map.require("initial_price")
            let prices = try initialPrices(priceNode, universe: universe, path: path, file: file)
            let spread = try map.value("spread_ticks").map { node throws(ScenarioError) in
                try scalars.integer(node, "\(path).spread_ticks", range: 1...1_000_000)
            } ?? 2
            let maximumSize = try map.value("max_size").map { node throws(ScenarioError) in
                try scalars.integer(node, "\(path).max_size", range: 1...ScenarioLimits.maximumCount)
            } ?? 100
            let latency = try map.value("latency").map { node throws(ScenarioError) in try scalars.duration(node, "\(path).latency") } ?? 500_000
            let filter = try GuardLoader.spikeFilter(&map, fallback: .defaults(forResolution: interval), symbols: universe.count, path: path, file: file)
            if type == "synthetic" {
                guard universe.count <= ScenarioLimits.maximumSyntheticSymbols else {
                    throw StrictMapping.error(file, typeNode, "\(path): a synthetic feed quotes at most \(DecimalText.grouped(UInt64(ScenarioLimits.maximumSyntheticSymbols))) symbols, the universe has \(universe.count)",
                                              hint: "its correlated shocks cost symbols² per step: use type: gbm for a wider universe, or fewer symbols")
                }
                func number(_ key: String, _ range: ClosedRange<Double>, _ fallback: Double) throws(ScenarioError) -> Double {
                    try map.value(key).map { node throws(ScenarioError) in try scalars.decimal(node, "\(path).\(key)", range: range) } ?? fallback
                }
                var alternativeData: SyntheticMarketFeed.Parameters.AlternativeData?
                if let altNode = map.value("alternative_data") {
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
                    alternativeData = settings
                }
                // Sectors in order of first appearance, each found by a dictionary: linear in the universe.
                var sectorNames: [String] = []
                var sectorIndex: [String: Int] = [:]
                for instrument in universe where sectorIndex[instrument.sector] == nil {
                    sectorIndex[instrument.sector] = sectorNames.count
                    sectorNames.append(instrument.sector)
                }
                var parameters = SyntheticMarketFeed.Parameters(
                    intervalNanoseconds: interval, drift: drift, volatility: volatility, initialPrices: prices,
                    sectors: universe.map { instrument in sectorIndex[instrument.sector]! },
                    sectorCorrelation: try number("sector_correlation", -0.99...0.99, 0.5),
                    marketCorrelation: try number("market_correlation", -0.99...0.99, 0.2),
                    jumpIntensity: try number("jump_intensity", 0...ScenarioLimits.maximumJumpIntensity, 0), jumpMean: try number("jump_mean", -1...1, 0),
                    jumpVolatility: try number("jump_volatility", 0...5, 0.02),
                    stressedVolatilityMultiplier: try number("stressed_volatility_multiplier", 1...100, 1),
                    stressProbability: try number("stress_probability", 0...1, 0),
                    recoveryProbability: try number("recovery_probability", 0...1, 1), spreadTicks: spread, maximumSize: maximumSize,
                    tradeProbability: try number("trade_probability", 0...1, 0), latencyNanoseconds: latency,
                    alternativeData: alternativeData)
                if let node = map.value("mean_reversion_half_life") {
                    let halfLife = try scalars.duration(node, "\(path).mean_reversion_half_life")
                    guard halfLife > 0 else {
                        throw StrictMapping.error(file, node, "\(path).mean_reversion_half_life must be positive",
                                                  hint: "e.g. mean_reversion_half_life: 20m; leave it out for no mean reversion")
                    }
                    parameters.meanReversionHalfLifeNanoseconds = halfLife
                }
                parameters.leadLag = try number("lead_lag", 0...0.9, 0)
                if let node = map.value("lead_lag_delay") {
                    let delay = try scalars.duration(node, "\(path).lead_lag_delay")
                    guard delay >= interval, delay <= 3_600_000_000_000 else {
                        throw StrictMapping.error(file, node, "\(path).lead_lag_delay must be from the feed's interval (\(DurationText.format(interval))) to 1h",
                                                  hint: "how much later the followers repeat their sector leader's moves, e.g. lead_lag_delay: 1m")
                    }
                    parameters.leadLagDelayNanoseconds = delay
                }
                if let node = map.value("events") {
                    parameters.events = try MarketEventLoader.events(node, start: start, sectorNames: sectorNames, path: path, file: file)
                    if alternativeData == nil, parameters.events.contains(where: { if case .sentiment = $0 { true } else { false } }) {
                        throw StrictMapping.error(file, node, "\(path): a sentiment event needs alternative_data", hint: "add an alternative_data: section")
                    }
                }
                try map.finish(allowed: ["name", "type", "interval", "drift", "volatility", "initial_price", "spread_ticks", "max_size",
                                         "latency", "sector_correlation", "market_correlation", "jump_intensity", "jump_mean",
                                         "jump_volatility", "stressed_volatility_multiplier", "stress_probability",
                                         "recovery_probability", "trade_probability", "alternative_data", "mean_reversion_half_life", "events",
                                         "guard", "lead_lag", "lead_lag_delay"])
                var sectorSizes = Array(repeating: 0, count: sectorNames.count)
                for sector in parameters.sectors { sectorSizes[sector] += 1 }
                guard SectorCorrelation.isPositiveDefinite(sectorSizes: sectorSizes, sector: parameters.sectorCorrelation,
                                                           market: parameters.marketCorrelation) else {
                    throw StrictMapping.error(file, item, "\(path): sector_correlation and market_correlation do not form a valid correlation matrix",
                                              hint: "keep market_correlation ≤ sector_correlation < 1 and both ≥ 0")
                }
                feeds.append(FeedSettings(name: name, kind: .synthetic(parameters), spikeFilter: filter))
                continue
            }
            try map.finish(allowed: ["name", "type", "interval", "drift", "volatility", "initial_price", "spread_ticks", "max_size", "latency", "guard"])
            let parameters = GBMQuoteFeed.Parameters(intervalNanoseconds: interval, drift: drift, volatility: volatility,
                                                     initialPrices: prices, spreadTicks: spread, maximumSize: maximumSize,
                                                     latencyNanoseconds: latency)
            feeds.append(FeedSettings(name: name, kind: .gbm(parameters), spikeFilter: filter))
        }
        return feeds
    }

    private static func readAgents(_ node: Node?, shortestQuoteInterval: DurationNanoseconds?, runNanoseconds: DurationNanoseconds,
                                   file: String) throws(ScenarioError) -> [AgentSettings] {
        guard let node else { return [] }
        let scalars = ScalarReader(file: file)
        var agents: [AgentSettings] = []
        for (index, item) in try scalars.list(node, "agents").enumerated() {
            let path = "agents[\(index)]"
            var map = try StrictMapping(item, file: file, path: path)
            let typeNode = try map.require("type")
            let type = try scalars.text(typeNode, "\(path).type")
            let featureTypes = ["sentiment", "insider", "money-flows", "value", "macro", "flow", "top-performers", "causal", "hedging", "undervalued", "learning"]
            guard type == "ema-cross" || type == "technical" || featureTypes.contains(type) else {
                throw StrictMapping.error(file, typeNode, "unknown agent type '\(type)'",
                                          hint: StrictMapping.choiceHint(type, among: ["technical", "ema-cross"] + featureTypes))
            }
            let name = try map.value("name").map { node throws(ScenarioError) in try scalars.text(node, "\(path).name") } ?? type
            let weight = try map.value("weight").map { node throws(ScenarioError) in try scalars.decimal(node, "\(path).weight", range: 0...1) } ?? 1
            let enabled = try map.value("enabled").map { node throws(ScenarioError) in try scalars.boolean(node, "\(path).enabled") } ?? true
            if type != "ema-cross" {
                let horizon = try map.value("horizon").map { node throws(ScenarioError) in try Self.horizon(node, "\(path).horizon", file: file) } ?? 1_800_000_000_000
                try checkScorableHorizon(horizon, agent: name, runNanoseconds: runNanoseconds, node: map.value("horizon") ?? item, path: path, file: file)
                let kind: AgentSettings.Kind
                if type == "technical" {
                    let barNode = map.value("bar_interval")
                    let bar = try barNode.map { node throws(ScenarioError) in try scalars.duration(node, "\(path).bar_interval") } ?? 60_000_000_000
                    guard bar >= 1_000_000 else {
                        throw StrictMapping.error(file, barNode ?? item, "\(path).bar_interval must be at least 1ms", hint: "for example 1m")
                    }
                    try map.finish(allowed: ["name", "type", "weight", "enabled", "horizon", "bar_interval"])
                    kind = .technical(barNanoseconds: bar, horizonNanoseconds: horizon, agentID: UInt16(index + 1))
                } else {
                    try map.finish(allowed: ["name", "type", "weight", "enabled", "horizon"])
                    kind = .feature(type: type, horizonNanoseconds: horizon, agentID: UInt16(index + 1))
                }
                guard !agents.contains(where: { $0.name == name }) else {
                    throw StrictMapping.error(file, item, "two agents are named '\(name)'", hint: "give each agent a distinct name")
                }
                agents.append(AgentSettings(name: name, weight: weight, enabled: enabled, kind: kind))
                continue
            }
            let fast = try map.value("fast").map { node throws(ScenarioError) in try scalars.integer(node, "\(path).fast", range: 1...100_000) } ?? 12
            let slowNode = map.value("slow")
            let slow = try slowNode.map { node throws(ScenarioError) in try scalars.integer(node, "\(path).slow", range: 2...1_000_000) } ?? 48
            guard slow > fast else {
                throw StrictMapping.error(file, slowNode ?? item, "\(path).slow (\(slow)) must be greater than fast (\(fast))",
                                          hint: "the slow average spans more ticks than the fast one: slow \(fast + 1) or more")
            }
            let horizonNode = map.value("horizon_ticks")
            let horizon = try horizonNode.map { node throws(ScenarioError) in
                try scalars.integer(node, "\(path).horizon_ticks", range: 1...1_000_000)
            } ?? 20
            if let interval = shortestQuoteInterval {
                try checkTickHorizon(ticks: horizon, interval: interval, node: horizonNode ?? item, path: path, file: file)
            }
            try map.finish(allowed: ["name", "type", "weight", "enabled", "fast", "slow", "horizon_ticks"])
            guard !agents.contains(where: { $0.name == name }) else {
                throw StrictMapping.error(file, item, "two agents are named '\(name)'", hint: "give each agent a distinct name")
            }
            let parameters = EMACrossAgent.Parameters(fastPeriod: Int(fast), slowPeriod: Int(slow), horizonTicks: Int(horizon),
                                                      agentID: UInt16(index + 1))
            agents.append(AgentSettings(name: name, weight: weight, enabled: enabled, kind: .emaCross(parameters)))
        }
        return agents
    }

    private static func readTrader(_ node: Node?, agentNames: [String], file: String) throws(ScenarioError) -> SignalTrader.Parameters {
        var parameters = SignalTrader.Parameters(quantity: 1, minimumConfidence: 0.2)
        // Until the blender lands, the trader follows one agent: the first, unless told otherwise.
        parameters.followAgentID = agentNames.isEmpty ? nil : 1
        guard let node else { return parameters }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "trader")
        if let quantity = map.value("quantity") { parameters.quantity = try scalars.integer(quantity, "trader.quantity", range: 1...1_000_000_000) }
        if let confidence = map.value("min_confidence") {
            parameters.minimumConfidence = try scalars.decimal(confidence, "trader.min_confidence", range: 0...1)
        }
        if let follow = map.value("follow") {
            let name = try scalars.text(follow, "trader.follow")
            guard let position = agentNames.firstIndex(of: name) else {
                throw StrictMapping.error(file, follow, "trader.follow names no agent: '\(name)'",
                                          hint: StrictMapping.choiceHint(name, among: agentNames, label: "agents"))
            }
            parameters.followAgentID = UInt16(position + 1)
        }
        try map.finish(allowed: ["quantity", "min_confidence", "follow"])
        return parameters
    }

    private static func readBlender(_ node: Node?, symbols: Int, runNanoseconds: DurationNanoseconds, file: String) throws(ScenarioError) -> BlenderSettings? {
        guard let node else { return nil }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "blender")
        var settings = BlenderSettings(horizonNanoseconds: 1_800_000_000_000, evaluationIntervalNanoseconds: 60_000_000_000,
                                       learningRate: 0.05, stressRatio: 1.5, weightFloor: Blender.defaultWeightFloor)
        if let value = map.value("horizon") { settings.horizonNanoseconds = try horizon(value, "blender.horizon", file: file) }
        let intervalNode = map.value("evaluation_interval")
        if let intervalNode {
            settings.evaluationIntervalNanoseconds = try ScenarioLimits.period(intervalNode, "blender.evaluation_interval", file: file)
        }
        if let value = map.value("learning_rate") { settings.learningRate = try scalars.decimal(value, "blender.learning_rate", range: 0...10) }
        if let value = map.value("stress_ratio") { settings.stressRatio = try scalars.decimal(value, "blender.stress_ratio", range: 1...100) }
        // Up to twelve agents each keep the floor: 12 × 0.08 < 1 leaves weight to learn with.
        if let value = map.value("weight_floor") { settings.weightFloor = try scalars.decimal(value, "blender.weight_floor", range: 0.0001...0.08) }
        try map.finish(allowed: ["horizon", "evaluation_interval", "learning_rate", "stress_ratio", "weight_floor"])
        try ScenarioLimits.checkWork("blender.evaluation_interval", period: settings.evaluationIntervalNanoseconds, symbols: symbols,
                                     runNanoseconds: runNanoseconds, node: intervalNode ?? node, unit: "forecast evaluations", file: file)
        return settings
    }

    private static func readSelector(_ node: Node?, symbols: Int, runNanoseconds: DurationNanoseconds, file: String) throws(ScenarioError) -> Selector.Parameters? {
        guard let node else { return nil }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "selector")
        var parameters = Selector.Parameters()
        if let value = map.value("count") { parameters.count = Int(try scalars.integer(value, "selector.count", range: 1...255)) }
        if let value = map.value("lambda") { parameters.penaltyWeight = try scalars.decimal(value, "selector.lambda", range: 0...100) }
        let windowNode = map.value("correlation_window")
        if let windowNode {
            parameters.correlationWindow = Int(try scalars.integer(windowNode, "selector.correlation_window", range: 3...100_000))
        }
        let intervalNode = map.value("interval")
        if let intervalNode { parameters.intervalNanoseconds = try ScenarioLimits.period(intervalNode, "selector.interval", file: file) }
        if let value = map.value("exploration") { parameters.exploration = try scalars.decimal(value, "selector.exploration", range: 0...1) }
        if let value = map.value("max_forecast_age") {
            parameters.maximumForecastAgeNanoseconds = try scalars.duration(value, "selector.max_forecast_age")
        }
        try map.finish(allowed: ["count", "lambda", "correlation_window", "interval", "exploration", "max_forecast_age"])
        let cells = parameters.correlationWindow * symbols
        guard cells <= ScenarioLimits.maximumCorrelationCells else {
            throw StrictMapping.error(file, windowNode ?? node, "selector.correlation_window (\(parameters.correlationWindow)) × \(symbols) symbols would keep \(DecimalText.grouped(UInt64(cells))) returns, more than \(DecimalText.grouped(UInt64(ScenarioLimits.maximumCorrelationCells)))",
                                      hint: "the selector holds a window of returns per symbol: at most \(ScenarioLimits.maximumCorrelationCells / symbols) observations for \(symbols) symbols")
        }
        try ScenarioLimits.checkWork("selector.interval", period: parameters.intervalNanoseconds, symbols: symbols,
                                     runNanoseconds: runNanoseconds, node: intervalNode ?? node, unit: "slate evaluations", file: file)
        return parameters
    }

}
