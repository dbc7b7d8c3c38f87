import Actors
import Foundation
import Kernel
import Messages
import Yams

/// Reads scenario files strictly: unknown keys, wrong types and out-of-range values are errors
/// located at `file:line:column`, with a hint.
public enum ScenarioLoader {
    static let topLevelKeys = ["version", "name", "description", "seed", "start", "duration", "end", "account",
                               "universe", "feeds", "agents", "blender", "selector", "trader", "sizer", "policy", "gate", "router", "broker", "record", "chaos",
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
        try checkVersion(&top, file: file)
        let name = try scalars.text(try top.require("name"), "name")
        guard !name.isEmpty else { throw StrictMapping.error(file, root, "name must not be empty", hint: "reports show it: e.g. name: calm-day") }
        let description = try top.value("description").map { node throws(ScenarioError) in try scalars.text(node, "description") } ?? ""
        let seed = try top.value("seed").map { node throws(ScenarioError) in try scalars.unsigned(node, "seed") } ?? 1
        let (start, end, startNode) = try readPeriod(&top, file: file)
        let runNanoseconds = end - start
        let account = try top.value("account").map { node throws(ScenarioError) in try readAccount(node, file: file) }
            ?? AccountSettings(currency: "EUR", initialCashMinorUnits: 50_000)
        let (universe, listings) = try readUniverse(try top.require("universe"), accountCurrency: account.currency, start: start, end: end, file: file)
        let feedsNode = try top.require("feeds")
        let feeds = try FeedLoader.feeds(feedsNode, universe: universe, start: start, requireDataFiles: requireDataFiles, file: file)
        try GuardLoader.checkAgreement(feeds, universe: universe, node: feedsNode, file: file)
        let agents = try AgentLoader.agents(top.value("agents"), universe: universe, shortestQuoteInterval: shortestQuoteInterval(feeds),
                                            runNanoseconds: runNanoseconds, file: file)
        try checkGeneratedQuoteCounts(feeds, symbols: universe.count, runNanoseconds: runNanoseconds, node: startNode, file: file)
        let blender = try readBlender(top.value("blender"), symbols: universe.count, runNanoseconds: runNanoseconds, file: file)
        let selectorNode = top.value("selector")
        let selector = try readSelector(selectorNode, symbols: universe.count, runNanoseconds: runNanoseconds, file: file)
        if let selectorNode, let selector, selector.count > universe.count {
            throw StrictMapping.error(file, selectorNode, "selector.count (\(selector.count)) is larger than the universe (\(universe.count) symbols)",
                                      hint: "pick at most \(universe.count)")
        }
        try checkEventsBeforeEnd(feeds, end: end, node: try top.require("feeds"), file: file)
        if let selectorNode, selector != nil, blender == nil {
            throw StrictMapping.error(file, selectorNode, "a selector needs a blender", hint: "add a blender: section")
        }
        var trader = try readTrader(top.value("trader"), agentNames: agents.map(\.name), file: file)
        if blender != nil {
            trader.followsForecasts = true
            trader.followAgentID = nil
        }
        if selector != nil { trader.followsSlates = true }
        let (broker, venueAdapters) = try BrokerLoader.broker(top.value("broker"), universe: universe, file: file)
        try checkListings(listings, venues: broker.venues.map(\.name), file: file)
        if universe.contains(where: { !$0.venues.isEmpty }) {
            // The simple trader sends each symbol's orders to the first venue that lists it.
            trader.venueBySymbol = universe.map { instrument in UInt8(broker.venues.firstIndex { instrument.isListed(at: $0.name) } ?? 0) }
        }
        let execution = try readExecution(&top, hasBlender: blender != nil, hasSelector: selector != nil, universe: universe, seed: seed,
                                          runNanoseconds: runNanoseconds, file: file)
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
        let metrics = try MetricsLoader.metrics(top.value("metrics"), universe: universe, file: file)
        try top.finish(allowed: topLevelKeys)
        var scenario = Scenario(name: name, description: description, seed: seed, startTime: start, endTime: end, account: account,
                        universe: universe, feeds: feeds, agents: agents, blender: blender, selector: selector, trader: trader,
                        execution: execution, broker: broker, record: record, chaos: chaos, sourceText: text, sourcePath: file)
        scenario.budgets = budgets
        scenario.metrics = metrics
        scenario.venueAdapters = venueAdapters
        return scenario
    }

    private static func checkVersion(_ top: inout StrictMapping, file: String) throws(ScenarioError) {
        let versionNode = try top.require("version")
        let version = try ScalarReader(file: file).integer(versionNode, "version", range: 1...Int64.max)
        guard version == Int64(Scenario.schemaVersion) else {
            throw StrictMapping.error(file, versionNode, "unsupported scenario version \(version)", hint: "this build reads version \(Scenario.schemaVersion)")
        }
    }

    /// `start:` and either `duration:` or `end:`; also returns the start's node, for messages
    /// about the run's length.
    private static func readPeriod(_ top: inout StrictMapping, file: String) throws(ScenarioError) -> (start: Timestamp, end: Timestamp, startNode: Node) {
        let scalars = ScalarReader(file: file)
        let startNode = try top.require("start")
        let start = try scalars.timestamp(startNode, "start")
        switch (top.value("duration"), top.value("end")) {
        case (let duration?, nil):
            let length = try scalars.duration(duration, "duration")
            guard length > 0 else { throw StrictMapping.error(file, duration, "duration must be positive", hint: "e.g. duration: 6h30m") }
            // Both are bounded (start ≤ 2261, length ≤ 100 years): the sum cannot overflow.
            let end = start + length
            guard end <= TimeUnits.latestTimestamp else {
                throw StrictMapping.error(file, duration, "the run would end at \(TimeUnits.iso8601(end)), after the last time Metronome can represent",
                                          hint: ScalarReader.timeRangeHint + ": shorten the duration or start earlier")
            }
            return (start, end, startNode)
        case (nil, let endNode?):
            let end = try scalars.timestamp(endNode, "end")
            guard end > start else {
                throw StrictMapping.error(file, endNode, "end must be after start (\(TimeUnits.iso8601(start)))",
                                          hint: "give a later UTC time, or a duration instead (duration: 6h30m)")
            }
            return (start, end, startNode)
        case (.some(let duration), .some):
            throw StrictMapping.error(file, duration, "give either duration or end, not both", hint: "remove one of them: both say when the run ends")
        case (nil, nil):
            throw StrictMapping.error(file, startNode, "the scenario needs a duration (e.g. duration: 6h30m) or an end time",
                                      hint: "add duration: 6h30m, or end: a UTC time after start")
        }
    }

    /// A generated feed quotes every symbol every interval: at most two billion quotes per feed.
    private static func checkGeneratedQuoteCounts(_ feeds: [FeedSettings], symbols: Int, runNanoseconds: DurationNanoseconds, node: Node,
                                                  file: String) throws(ScenarioError) {
        for (index, feed) in feeds.enumerated() {
            let interval: DurationNanoseconds
            switch feed.kind {
            case .gbm(let parameters): interval = parameters.intervalNanoseconds
            case .synthetic(let parameters): interval = parameters.intervalNanoseconds
            case .tickCSV, .layoutCSV, .dailyBars, .dailySeries, .registered: continue
            }
            let quotes = Double(runNanoseconds) / Double(interval) * Double(symbols)
            if quotes > 2e9 {
                throw StrictMapping.error(file, node, "feeds[\(index)] would generate \(Int(quotes)) quotes (interval \(DurationText.format(interval)) × \(symbols) symbols over \(DurationText.format(runNanoseconds)))",
                                          hint: "at most 2,000,000,000 quotes per feed: use a longer interval or a shorter duration")
            }
        }
    }

    /// A synthetic feed's market events must fall inside the run.
    private static func checkEventsBeforeEnd(_ feeds: [FeedSettings], end: Timestamp, node: Node, file: String) throws(ScenarioError) {
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
                    throw StrictMapping.error(file, node, "feed '\(feed.name)': an event at \(TimeUnits.iso8601(at)) is after the scenario's end \(TimeUnits.iso8601(end))",
                                              hint: "events take a UTC time or a duration after the start")
                }
            }
        }
    }

    /// The sizer (or policy) → gate → router chain, present with a `sizer:` section (which replaces
    /// the simple trader and needs a blender) or a `policy:` section; nil without either.
    private static func readExecution(_ top: inout StrictMapping, hasBlender: Bool, hasSelector: Bool, universe: [Instrument], seed: UInt64,
                                      runNanoseconds: DurationNanoseconds, file: String) throws(ScenarioError) -> ExecutionSettings? {
        let sizerNode = top.value("sizer")
        let policyNode = top.value("policy")
        guard sizerNode != nil || policyNode != nil else {
            if let stray = top.value("gate") ?? top.value("router") {
                throw StrictMapping.error(file, stray, "gate: and router: belong to the execution side, which starts with a sizer: or a policy: section",
                                          hint: "add sizer: {} for the default sizer")
            }
            return nil
        }
        if let traderNode = top.value("trader") {
            throw StrictMapping.error(file, traderNode, "a scenario has either a trader: or a \(sizerNode != nil ? "sizer" : "policy"): section, not both",
                                      hint: "the \(sizerNode != nil ? "sizer" : "policy") → gate → router chain replaces the simple trader")
        }
        var sizer: Sizer.Parameters?
        var sizingRule: RegisteredComponent?
        var policy: PolicyStage.Parameters?
        var registeredPolicy: RegisteredComponent?
        if let sizerNode {
            if let policyNode {
                throw StrictMapping.error(file, policyNode, "a scenario has either a sizer: or a policy: section, not both",
                                          hint: "the policy stage takes the sizer's place (docs/python.md)")
            }
            guard hasBlender else {
                throw StrictMapping.error(file, sizerNode, "the sizer sizes the blender's forecasts: it needs a blender", hint: "add a blender: section")
            }
            var parameters: Sizer.Parameters
            (parameters, sizingRule) = try ExecutionLoader.sizer(sizerNode, universe: universe, file: file)
            try ScenarioLimits.checkWork("sizer.sample_interval", period: parameters.sampleIntervalNanoseconds, symbols: universe.count,
                                         runNanoseconds: runNanoseconds, node: sizerNode, unit: "risk samples", file: file)
            parameters.followsSlates = hasSelector
            sizer = parameters
        } else if let policyNode {
            let (parameters, registered) = try PolicyLoader.policy(policyNode, symbols: universe.map(\.symbol), seed: seed, file: file)
            registeredPolicy = registered
            try ScenarioLimits.checkWork("policy.decision_interval", period: parameters.decisionIntervalNanoseconds, symbols: 1,
                                         runNanoseconds: runNanoseconds, node: policyNode, unit: "decisions", file: file)
            policy = parameters
        }
        let (gate, gateChecks) = try ExecutionLoader.gate(top.value("gate"), universe: universe, file: file)
        let (router, routerPolicy) = try ExecutionLoader.router(top.value("router"), venues: [], universe: universe, file: file)
        return ExecutionSettings(sizer: sizer, sizingRule: sizingRule, policy: policy, registeredPolicy: registeredPolicy, gate: gate, gateChecks: gateChecks, router: router,
                                 routerPolicy: routerPolicy)
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
            case .sizer: execution?.sizer != nil
            case .gate, .router: execution != nil
            case .trader: execution == nil
            }
        }
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
}
