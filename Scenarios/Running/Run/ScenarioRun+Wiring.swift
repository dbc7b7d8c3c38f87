import Actors
import Kernel
import Messages
import ScenarioDefinition
import ScenarioFaults
import ScenarioPipeline

/// The steps of ``ScenarioRun/init(scenario:options:inputs:)`` after the components are spawned,
/// in the order it takes them: inputs, chaos, the recorder, the report's history.
extension ScenarioRun {
    /// The run's start and end: a live run's window, or the scenario's dates, cut short by `until`
    /// (nil end: until stopped).
    static func window(of scenario: Scenario, options: Options) -> (start: Timestamp, end: Timestamp?) {
        let start = options.window?.start ?? scenario.startTime
        let end: Timestamp? = options.window.map { window in
            [window.end, options.until].compactMap { $0 }.min()
        } ?? min(options.until ?? scenario.endTime, scenario.endTime)
        return (start, end)
    }

    static func makeKernel(options: Options, seed: UInt64, start: Timestamp, end: Timestamp?) -> Kernel {
        var configuration = KernelConfiguration(
            mode: options.mode, seed: seed, startTime: start, endTime: end,
            maximumDeliveries: options.maximumEvents, logLevel: options.logLevel, digestDefinition: options.digestDefinition,
            traceIdentity: options.traceIdentity)
        configuration.journalsAnnotations = options.journalsAnnotations || options.recording?.signals == true
        return Kernel(configuration: configuration)
    }

    /// Adds the run's input sources to the kernel: the scenario's feeds (behind the chaos plan's
    /// faults and filters, in a chaos run), a recording, or nothing for a live run's inbox.
    static func addInputs(_ inputs: InputPlan, scenario: Scenario, kernel: Kernel, options: Options, seed: UInt64,
                          start: Timestamp, end: Timestamp) throws {
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
    }

    /// The fault interceptor of a chaos run, and of a chaos run's replay: its scenario has (or was
    /// recorded with) a chaos: section; a log recorded before chaos runs wrote one still names the
    /// faults topic among its topics.
    static func installChaos(scenario: Scenario, kernel: Kernel, options: Options, seed: UInt64,
                             pipeline: ScenarioComponents) -> ChaosInterceptor? {
        let replaysChaos = options.mode == .replay && (scenario.chaos != nil || kernel.allTopicNames.contains(ChaosWiring.faultsTopic))
        guard options.chaosPlan != nil || replaysChaos else { return nil }
        return ChaosWiring.install(on: kernel, scenario: scenario, seed: seed, execution: pipeline.execution,
                                   featureAgents: pipeline.featureAgents)
    }

    /// The journal recorder, when the run records: a chaos run (or one with the planted bug)
    /// records what its replay needs in the scenario.
    static func makeRecorder(scenario: Scenario, kernel: Kernel, options: Options,
                             plantedBug: ChaosSettings.PlantedBug?) throws -> JournalRecorder<Message>? {
        guard let recording = options.recording else { return nil }
        let recordsChaos = options.chaosPlan != nil || plantedBug != nil
        let scenarioText = recordsChaos
            ? try ChaosScenarioText.recorded(scenario: scenario, settings: options.chaosSettings ?? scenario.chaos
                                                 ?? ChaosSettings().clipped(toRunNanoseconds: scenario.endTime - scenario.startTime),
                                             plantedBug: plantedBug)
            : scenario.sourceText
        return try JournalRecorder(path: recording.path, kernel: kernel, scenarioName: scenario.name,
                                   scenarioText: scenarioText, buildIdentity: BuildIdentity.text,
                                   options: recording.writer)
    }

    /// The report's history, taking decisions from the trader, the sizer and the selector, and the
    /// agents' μ changes, as the run goes.
    static func makeHistory(pipeline: ScenarioComponents, universe: [Instrument], options: Options) -> RunHistory {
        var decisionSources: [(Timestamp) -> [DecisionShares]] = []
        if let trader = pipeline.trader {
            decisionSources.append { cutoff in trader.assumeIsolated { $0.removeDecisionShares(before: cutoff) } }
        }
        if let sizer = pipeline.sizer {
            decisionSources.append { cutoff in sizer.assumeIsolated { $0.removeDecisionShares(before: cutoff) } }
        }
        if let selector = pipeline.selector {
            decisionSources.append { cutoff in selector.assumeIsolated { $0.removeDecisionShares(before: cutoff) } }
        }
        return RunHistory(portfolio: pipeline.portfolio!, decisionSources: decisionSources,
                          silenceSources: pipeline.featureAgents.map(\.removeSilenceChanges), instruments: universe,
                          takeIntervalInputs: options.historyTakeIntervalInputs)
    }
}
