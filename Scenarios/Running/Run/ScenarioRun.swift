import Foundation
import Actors
import Kernel
import Messages
import Logging
import ScenarioDefinition
import ScenarioFaults
import ScenarioPipeline

/// A scenario wired onto a kernel: the components in flow order, the feeds as inputs.
///
/// Flow: feeds → input defense → agents → blender → selector → sizer → gate → router (or the
/// simple trader) → broker → portfolio; the components are spawned from ``PipelineTable``, which
/// lists what each subscribes to and publishes (docs/architecture.md shows it).
/// In replay the same components are built, but the inputs come from a recording: the feed
/// generators do not run.
public final class ScenarioRun {
    /// Where the inputs come from.
    public enum InputPlan {
        /// The scenario's feed generators (simulate).
        case generate
        /// A recording (replay): the generators are not run.
        case recorded(any InputSource<Message>)
        /// A source that needs the kernel (to resolve topics), made once the pipeline is built.
        case deferred((Kernel) throws -> any InputSource<Message>)
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
    public let recorder: JournalRecorder<Message>?
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
        public var journalsAnnotations = false

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

    /// - Parameter policyDecider: the policy stage's decider in place of the one `policy.decider`
    ///   names; required when it names `external` (docs/python.md).
    public init(scenario: Scenario, options: Options = Options(), policyDecider: (any PolicyDecider)? = nil,
                inputs: InputPlan = .generate) throws {
        if let policy = scenario.execution?.policy, policy.decider == .external, scenario.execution?.registeredPolicy == nil, policyDecider == nil {
            throw ExternalPolicyRequired(scenario: scenario.name)
        }
        self.scenario = scenario
        let seed = options.seed ?? scenario.seed
        let window = Self.window(of: scenario, options: options)
        let kernel = Self.makeKernel(options: options, seed: seed, start: window.start, end: window.end)
        self.kernel = kernel
        // Registered first: topic ids follow registration order, and logs and digests carry them.
        _ = kernel.topic(named: Topics.rawQuotes)
        // A replay takes the planted bug from the log's scenario alone, whatever the environment says.
        let plantedBug = scenario.chaos?.plantedBug ?? (options.mode == .replay ? nil : ScenarioRun.plantedBugFromEnvironment)
        // A live run (and its replay, on the live run's window) judges its feed as ticks.
        let pipeline = ScenarioComponents(scenario: scenario, kernel: kernel, liveFeed: options.mode == .live || options.window != nil,
                                        plantedDuplicateFills: plantedBug == .duplicateFills, policyDecider: policyDecider)
        feedGuard = pipeline.feedGuard!
        (agents, featureAgents) = (pipeline.agents, pipeline.featureAgents)
        (blender, selector, execution, trader) = (pipeline.blender, pipeline.selector, pipeline.execution, pipeline.trader)
        (broker, portfolio) = (pipeline.broker!, pipeline.portfolio!)
        // Test-only (docs/log-format.md): a handler that traps on one planted input.
        PlantedInputTrap.install(on: kernel)
        try Self.addInputs(inputs, scenario: scenario, kernel: kernel, options: options, seed: seed, start: window.start,
                           end: window.end ?? .max)
        chaos = Self.installChaos(scenario: scenario, kernel: kernel, options: options, seed: seed, pipeline: pipeline)
        recorder = try Self.makeRecorder(scenario: scenario, kernel: kernel, options: options, plantedBug: plantedBug)
        history = Self.makeHistory(pipeline: pipeline, universe: scenario.universe, options: options)
        kernel.addObserver(history)
    }

    #if METRONOME_TEST_HOOKS
    /// The chaos self-test's switch (docs/chaos.md), read once per process: reading the
    /// environment allocates, and a benchmark builds many runs.
    static let plantedBugFromEnvironment = getenv("METRONOME_PLANTED_BUG").flatMap { ChaosSettings.PlantedBug(rawValue: String(cString: $0)) }
    #else
    /// A release build ignores `METRONOME_PLANTED_BUG`: the planted bug is a test hook of debug builds.
    static let plantedBugFromEnvironment: ChaosSettings.PlantedBug? = nil
    #endif

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
        let agentFigures = self.agentFigures()
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
                            correlationReduction: selector.diversification.correlationReduction,
                            hindsightSlates: selector.hindsight.scoredSlates,
                            meanRegretBasisPoints: selector.hindsight.meanRegretBasisPoints, topKHitRate: selector.hindsight.topKHitRate,
                            chanceHitRate: selector.hindsight.chanceHitRate)
        }
        // The trading figures take the portfolio's final sample, which the history's last piece needs.
        let trading = tradingFigures(orders: orders)
        let (series, attribution) = self.series()
        let policyFigures = execution?.policy?.assumeIsolated { policy in
            PolicyFigures(decisions: policy.step, intents: policy.intentsSent, stopsHit: policy.stopsHit,
                          takeProfitsHit: policy.takeProfitsHit, totalReward: policy.totalReward, rewardTerms: policy.rewardTerms)
        }
        return RunOutcome(scenario: scenario, summary: summary, wallNanoseconds: max(wallNanoseconds, 1),
                          portfolio: book, orders: orders, signals: signals, journal: journal,
                          quarantined: quarantined.map { ($0.reason.rawValue, $0.count) }, quarantine: quarantine, blender: blenderFigures,
                          selector: selectorFigures, policy: policyFigures, agents: agentFigures, trading: trading, series: series,
                          attribution: attribution)
    }

    /// Each enabled agent's figures, in the scenario's order (after the run, on the kernel thread).
    private func agentFigures() -> [AgentFigures] {
        var figures: [AgentFigures] = []
        var emaIterator = agents.makeIterator()
        var featureIterator = featureAgents.makeIterator()
        for (index, settings) in scenario.agents.enumerated() where settings.enabled {
            switch settings.kind {
            case .emaCross:
                guard let agent = emaIterator.next() else { continue }
                figures.append(AgentFigures(id: index + 1, name: settings.name, type: "ema-cross", weight: settings.weight,
                                            signals: agent.assumeIsolated { $0.signalsEmitted }, hitRate: agent.assumeIsolated { $0.hitRate },
                                            informationCoefficient: agent.assumeIsolated { $0.informationCoefficient }))
            case .feature, .technical, .registered:
                guard let agent = featureIterator.next() else { continue }
                figures.append(AgentFigures(id: index + 1, name: settings.name, type: settings.typeName, weight: settings.weight,
                                            signals: agent.signalsEmitted(), hitRate: agent.hitRate(),
                                            informationCoefficient: agent.informationCoefficient(),
                                            messages: agent.packageMessagesSent() > 0 ? agent.packageMessagesSent() : nil))
            }
        }
        return figures
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
