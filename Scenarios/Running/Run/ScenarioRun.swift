import Foundation
import Actors
import Kernel
import Logging
import ScenarioDefinition
import ScenarioFaults
import ScenarioPipeline

/// A scenario wired onto a kernel: the components in flow order, the feeds as inputs.
///
/// Flow: feeds → input defense → agents → blender → selector → sizer → gate → router (or the
/// simple trader) → broker → portfolio (topics in docs/architecture.md).
/// In replay the same components are built, but the inputs come from a recording: the feed
/// generators do not run.
public final class ScenarioRun {
    /// Where the inputs come from.
    public enum InputPlan {
        /// The scenario's feed generators (simulate).
        case generate
        /// A recording (replay): the generators are not run.
        case recorded(any InputSource)
        /// A source that needs the kernel (to resolve topics), made once the pipeline is built.
        case deferred((Kernel) throws -> any InputSource)
        /// Live: inputs arrive through the kernel's inbox (see ``LiveSession``); no sources.
        case inbox
    }

    /// A run's own start and end, in place of the scenario's dates: a live run starts when it is
    /// launched, and its replay starts at the same instant.
    public struct ClockWindow: Sendable, Equatable {
        public var start: Timestamp
        /// nil: until stopped.
        public var end: Timestamp?

        public init(start: Timestamp, end: Timestamp? = nil) {
            self.start = start
            self.end = end
        }
    }

    /// Record the run to a log.
    public struct Recording: Sendable {
        public var path: String
        public var writer: JournalWriter.Options
        /// Journal the signal side too — signals, the indicator values behind them, forecasts,
        /// slates (`--record-signals`; a format-5 log, docs/log-format.md).
        public var signals: Bool

        public init(path: String, writer: JournalWriter.Options = JournalWriter.Options(), signals: Bool = false) {
            self.path = path
            self.writer = writer
            self.signals = signals
        }
    }

    public let scenario: Scenario
    public let kernel: Kernel
    public let portfolio: Portfolio
    /// The simple trader, when the scenario has no execution side.
    public let trader: SignalTrader?
    /// Sizer → gate → router, when the scenario has a `sizer:` section.
    public let execution: ExecutionChain?
    public let broker: SimulatedBroker
    public let agents: [EMACrossAgent]
    public let feedGuard: FeedGuard
    public let featureAgents: [AnyFeatureAgent]
    public let blender: Blender?
    public let selector: Selector?
    public let recorder: JournalRecorder?
    /// The in-run fault injector, in chaos runs and their replays.
    public let chaos: ChaosInterceptor?
    /// Takes the report's history (decisions, fills, samples) out of the components as the run goes.
    let history: RunHistory

    /// Options that change how, not what, the scenario runs.
    public struct Options: Sendable {
        public var seed: UInt64?
        public var until: Timestamp?
        public var maximumEvents: UInt64?
        /// Component log lines at or above this level go to standard error. Logging never
        /// changes the run: digests are the same at every level.
        public var logLevel: Logger.Level
        public var mode: RunMode
        public var recording: Recording?
        /// Live runs and their replays: the run's own window instead of the scenario's dates
        /// (`until` still cuts it short).
        public var window: ClockWindow?
        /// Chaos: this plan's faults are injected (docs/chaos.md).
        public var chaosPlan: ChaosPlan?
        /// Chaos: the settings the plan was drawn with, recorded in the log's scenario when it has
        /// no `chaos:` section (so the replay puts the fault interceptor back).
        public var chaosSettings: ChaosSettings?
        /// Inputs between two takes of the report's history (``RunHistory``); the report is the same
        /// for any value, which is what the tests check by varying it.
        public var historyTakeIntervalInputs: UInt64 = RunHistory.defaultTakeIntervalInputs
        /// How the digests are computed: the current definition, or a replayed log's.
        public var digestDefinition = DigestDefinition.current
        /// What trace ids name: the current identity, or a replayed log's.
        public var traceIdentity = TraceIdentity.current
        /// Show the signal side to the observers (a replay of a log that holds it checks it);
        /// a recording with ``Recording/signals`` turns it on too.
        public var journalsSignals = false

        public init(seed: UInt64? = nil, until: Timestamp? = nil, maximumEvents: UInt64? = nil, logLevel: Logger.Level = .warning,
                    mode: RunMode = .simulate, recording: Recording? = nil, window: ClockWindow? = nil, chaosPlan: ChaosPlan? = nil) {
            self.window = window
            self.chaosPlan = chaosPlan
            self.seed = seed
            self.until = until
            self.maximumEvents = maximumEvents
            self.logLevel = logLevel
            self.mode = mode
            self.recording = recording
        }
    }

    public init(scenario: Scenario, options: Options = Options(), inputs: InputPlan = .generate) throws {
        self.scenario = scenario
        let seed = options.seed ?? scenario.seed
        let start = options.window?.start ?? scenario.startTime
        let runEnd: Timestamp? = options.window.map { window in
            [window.end, options.until].compactMap { $0 }.min()
        } ?? min(options.until ?? scenario.endTime, scenario.endTime)
        let end = runEnd ?? .max
        var configuration = KernelConfiguration(
            mode: options.mode, seed: seed, startTime: start, endTime: runEnd,
            maximumDeliveries: options.maximumEvents, logLevel: options.logLevel, digestDefinition: options.digestDefinition,
            traceIdentity: options.traceIdentity)
        configuration.journalsSignals = options.journalsSignals || options.recording?.signals == true
        let kernel = Kernel(configuration: configuration)
        self.kernel = kernel
        let universe = scenario.universe
        // Registered first: topic ids follow registration order, and logs and digests carry them.
        _ = kernel.topic(named: Topics.rawQuotes)

        // A live run (and its replay, on the live run's window) judges its feed as ticks.
        let guardParameters = FeedGuard.Parameters(spikeFilters: scenario.spikeFilters(liveFeed: options.mode == .live || options.window != nil))
        feedGuard = kernel.spawn("feed.guard") { FeedGuard(context: $0, parameters: guardParameters, symbolCount: universe.count) }

        (agents, featureAgents) = kernel.spawnAgents(of: scenario)
        if let settings = scenario.blender {
            var weights: [UInt16: Double] = [:]
            for (index, agent) in scenario.agents.enumerated() where agent.enabled { weights[UInt16(index + 1)] = agent.weight }
            let parameters = Blender.Parameters(priorWeights: weights, horizonNanoseconds: settings.horizonNanoseconds,
                                                evaluationIntervalNanoseconds: settings.evaluationIntervalNanoseconds,
                                                learningRate: settings.learningRate, stressRatio: settings.stressRatio,
                                                weightFloor: settings.weightFloor)
            blender = kernel.spawn("blender") { Blender(context: $0, parameters: parameters, symbolCount: universe.count) }
        } else {
            blender = nil
        }
        if let parameters = scenario.selector {
            selector = kernel.spawn("selector") { Selector(context: $0, parameters: parameters, symbolCount: universe.count) }
        } else {
            selector = nil
        }
        if let settings = scenario.execution {
            let venues = scenario.broker.venues.map { venue in
                VenueCosts(name: venue.name, makerFeeBasisPoints: venue.makerFeeBasisPoints, takerFeeBasisPoints: venue.takerFeeBasisPoints,
                           liquidity: venue.liquidity)
            }
            execution = kernel.spawnExecution(settings, scenario: scenario, venues: venues)
            trader = nil
        } else {
            trader = kernel.spawn("trader") { SignalTrader(context: $0, parameters: scenario.trader, symbolCount: universe.count) }
            execution = nil
        }
        broker = kernel.spawn("broker") { SimulatedBroker(context: $0, parameters: scenario.broker, instruments: universe) }
        // A replay takes the planted bug from the log's scenario alone, whatever the environment says.
        let plantedBug = scenario.chaos?.plantedBug ?? (options.mode == .replay ? nil : ScenarioRun.plantedBugFromEnvironment)
        // The chaos self-test's planted bug (docs/chaos.md): never set in a real run.
        let planted = plantedBug == .duplicateFills
        portfolio = kernel.spawn("portfolio") { context in
            Portfolio(context: context, instruments: universe, initialCashMinorUnits: scenario.account.initialCashMinorUnits,
                      plantedBugAppliesDuplicateFills: planted)
        }
        // Test-only (docs/log-format.md): a handler that traps on one planted input.
        PlantedInputTrap.install(on: kernel)

        switch inputs {
        case .generate:
            let sources = try ScenarioFeeds.sources(of: scenario, kernel: kernel, seed: seed, end: end)
            if let plan = options.chaosPlan {
                // The fault events first: at equal times a fault takes effect before the market moves.
                try kernel.addInput(ArrayInputSource(plan.inputRecords(start: start, topic: kernel.topic(named: ChaosWiring.faultsTopic))))
                for (index, source) in sources.enumerated() {
                    try kernel.addInput(ChaosFeedFilter(source: source, plan: plan, start: start, streamName: "chaos.feed.\(index)"))
                }
            } else {
                for source in sources { try kernel.addInput(source) }
            }
        case .recorded(let source):
            try kernel.addInput(source)
        case .deferred(let make):
            try kernel.addInput(try make(kernel))
        case .inbox:
            precondition(options.mode == .live, "inputs come through the inbox in live mode only")
            // Every topic a live feed may publish to exists before the log's header is written.
            for name in [Topics.rawTrades, Topics.rawBars, Topics.rawAlternativeData] { _ = kernel.topic(named: name) }
        }
        // A replay of a chaos run: its scenario has (or was recorded with) a chaos: section; a log
        // recorded before chaos runs wrote one still names the faults topic among its topics.
        let replaysChaos = options.mode == .replay && (scenario.chaos != nil || kernel.allTopicNames.contains(ChaosWiring.faultsTopic))
        if options.chaosPlan != nil || replaysChaos {
            chaos = ChaosWiring.install(on: kernel, scenario: scenario, seed: seed, execution: execution, featureAgents: featureAgents)
        } else {
            chaos = nil
        }
        if let recording = options.recording {
            // A chaos run (or one with the planted bug) records what its replay needs in the scenario.
            let recordsChaos = options.chaosPlan != nil || plantedBug != nil
            let scenarioText = recordsChaos
                ? try ChaosScenarioText.recorded(scenario: scenario, settings: options.chaosSettings ?? scenario.chaos
                                                     ?? ChaosSettings().clipped(toRunNanoseconds: scenario.endTime - scenario.startTime),
                                                 plantedBug: plantedBug)
                : scenario.sourceText
            recorder = try JournalRecorder(path: recording.path, kernel: kernel, scenarioName: scenario.name,
                                           scenarioText: scenarioText, buildIdentity: BuildIdentity.text,
                                           options: recording.writer)
        } else {
            recorder = nil
        }
        var decisionSources: [(Timestamp) -> [DecisionShares]] = []
        if let trader { decisionSources.append { cutoff in trader.assumeIsolated { $0.removeDecisionShares(before: cutoff) } } }
        if let sizer = execution?.sizer {
            decisionSources.append { cutoff in sizer.assumeIsolated { $0.removeDecisionShares(before: cutoff) } }
        }
        if let selector { decisionSources.append { cutoff in selector.assumeIsolated { $0.removeDecisionShares(before: cutoff) } } }
        history = RunHistory(portfolio: self.portfolio, decisionSources: decisionSources,
                             silenceSources: featureAgents.map(\.removeSilenceChanges), instruments: universe,
                             takeIntervalInputs: options.historyTakeIntervalInputs)
        kernel.addObserver(history)
    }

    /// The chaos self-test's switch (docs/chaos.md), read once per process: reading the
    /// environment allocates, and a benchmark builds many runs.
    static let plantedBugFromEnvironment = getenv("METRONOME_PLANTED_BUG").flatMap { ChaosSettings.PlantedBug(rawValue: String(cString: $0)) }

    /// Runs the scenario on the calling thread and gathers the report's figures.
    public func run() throws -> RunOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try kernel.run()
        let journal = try recorder?.finish(summary: summary)
        let elapsed = clock.now - started
        let wallNanoseconds = KernelInstant.nanoseconds(of: elapsed)
        // The kernel has finished: the components are idle and the calling thread is still the
        // kernel thread, so reading their state is isolated.
        let book = portfolio.assumeIsolated { portfolio in
            PortfolioFigures(equity: portfolio.equityMinorUnits, initialCash: portfolio.initialCashMinorUnits,
                             fees: portfolio.feesMinorUnits, maximumDrawdown: portfolio.maximumDrawdownMinorUnits,
                             peakEquity: portfolio.peakEquityMinorUnits, fills: portfolio.fills, positions: portfolio.positions)
        }
        let orders = trader?.assumeIsolated { $0.ordersSent } ?? execution?.router.assumeIsolated { $0.ordersSent } ?? 0
        let signals = agents.reduce(0) { total, agent in total + agent.assumeIsolated { $0.signalsEmitted } }
            + featureAgents.reduce(0) { $0 + $1.signalsEmitted() }
        var agentFigures: [AgentFigures] = []
        var emaIterator = agents.makeIterator()
        var featureIterator = featureAgents.makeIterator()
        for (index, settings) in scenario.agents.enumerated() where settings.enabled {
            switch settings.kind {
            case .emaCross:
                guard let agent = emaIterator.next() else { continue }
                agentFigures.append(AgentFigures(id: index + 1, name: settings.name, type: "ema-cross", weight: settings.weight,
                                                 signals: agent.assumeIsolated { $0.signalsEmitted }, hitRate: agent.assumeIsolated { $0.hitRate },
                                                 informationCoefficient: agent.assumeIsolated { $0.informationCoefficient }))
            case .feature, .technical:
                guard let agent = featureIterator.next() else { continue }
                agentFigures.append(AgentFigures(id: index + 1, name: settings.name, type: settings.typeName, weight: settings.weight,
                                                 signals: agent.signalsEmitted(), hitRate: agent.hitRate(),
                                                 informationCoefficient: agent.informationCoefficient()))
            }
        }
        let quarantined = feedGuard.assumeIsolated { $0.quarantineCounts }
        let quarantine = QuarantineFigures(ledger: feedGuard.assumeIsolated { $0.ledger }, universe: scenario.universe)
        let blenderFigures = blender?.assumeIsolated { blender in
            BlenderFigures(forecasts: blender.forecastsEmitted, expectedCalibrationError: blender.calibration.expectedCalibrationError,
                           oneSigmaCoverage: blender.calibration.oneSigmaCoverage,
                           rawExpectedCalibrationError: blender.rawCalibration.expectedCalibrationError,
                           rawOneSigmaCoverage: blender.rawCalibration.oneSigmaCoverage, scored: blender.calibration.count,
                           weights: blender.weights[0], weightsByRegime: blender.weights)
        }
        let selectorFigures = selector?.assumeIsolated { selector in
            SelectorFigures(slates: selector.diversification.slates, measuredSlates: selector.diversification.measuredSlates,
                            explorations: selector.explorations,
                            averagePairCorrelation: selector.diversification.averagePairCorrelation,
                            topKAveragePairCorrelation: selector.diversification.topKAveragePairCorrelation,
                            selectedAveragePairCorrelation: selector.diversification.selectedAveragePairCorrelation,
                            correlationReduction: selector.diversification.correlationReduction)
        }
        // The trading figures take the portfolio's final sample, which the history's last piece needs.
        let trading = tradingFigures(orders: orders)
        let (series, attribution) = self.series()
        return RunOutcome(scenario: scenario, summary: summary, wallNanoseconds: max(wallNanoseconds, 1),
                          portfolio: book, orders: orders, signals: signals, journal: journal,
                          quarantined: quarantined.map { ($0.reason.rawValue, $0.count) }, quarantine: quarantine, blender: blenderFigures,
                          selector: selectorFigures, agents: agentFigures, trading: trading, series: series, attribution: attribution)
    }
}

/// What the portfolio ended with.
public struct PortfolioFigures: Sendable {
    public var equity: Int64
    public var initialCash: Int64
    public var fees: Int64
    public var maximumDrawdown: Int64
    public var peakEquity: Int64
    public var fills: Int
    public var positions: [Int64]

    public var profitAndLoss: Int64 { equity - initialCash }
}
