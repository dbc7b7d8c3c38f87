import Actors
import Kernel
import Messages
import ScenarioDefinition

/// The inputs a recorded run's input defense quarantined, derived from the log alone: its
/// scenario gives the defense's settings, and its recorded raw inputs, run through the same
/// checks (``InputScreen``) at their admission times and in their order, get the same verdicts as
/// in the run. The log records inputs, not the defense's verdicts, so nothing in the log format
/// is needed for them. What `metronome log cat --type quarantine` prints.
public struct LogQuarantines {
    public let scenario: Scenario
    private var screen: InputScreen
    /// Per topic id: the input defense subscribes to it.
    private let screenedTopics: [Bool]

    /// - Parameter logPath: only used in messages.
    public init(header: JournalHeader, logPath: String) throws(ScenarioError) {
        // The feeds' data files need not exist: the inputs are in the log.
        scenario = try ScenarioLoader.parse(header.scenarioText, file: "\(logPath) (embedded scenario)", requireDataFiles: false)
        let filters = scenario.spikeFilters(liveFeed: header.mode == .live)
        screen = InputScreen(staleAfterNanoseconds: FeedGuard.Parameters().staleAfterNanoseconds, spikeFilters: filters)
        let raw = [Topics.rawQuotes, Topics.rawTrades, Topics.rawAlternativeData]
        screenedTopics = header.topicNames.map { raw.contains($0) }
    }

    /// The reason the run refused `input`, or nil. Every input must be passed, in log order.
    public mutating func reason(for input: RecordedInput) -> QuarantineReason? {
        let topic = Int(input.topic.rawValue)
        guard topic < screenedTopics.count, screenedTopics[topic] else { return nil }
        return screen.screen(input.message, admittedAt: input.time)
    }

    /// The NDJSON line of a refused input: the input's own fields (as `log cat` prints it) with
    /// `record` set to `quarantine`, the reason, and the symbol's name.
    public func line(for input: RecordedInput, reason: QuarantineReason, header: JournalHeader) -> String {
        let universe = scenario.universe
        var symbolName = QuarantineFigures.marketWide
        switch input.message {
        case .quote(let quote) where Int(quote.symbol) < universe.count: symbolName = universe[Int(quote.symbol)].symbol
        case .trade(let trade) where Int(trade.symbol) < universe.count: symbolName = universe[Int(trade.symbol)].symbol
        case .alt(let datum) where Int(datum.symbol) < universe.count: symbolName = universe[Int(datum.symbol)].symbol
        default: break
        }
        return MessageJSON.object([("record", "\"quarantine\""), ("reason", MessageJSON.quoted(reason.rawValue)),
                                   ("symbol_name", MessageJSON.quoted(symbolName)),
                                   ("time", MessageJSON.quoted(TimeUnits.iso8601(input.time))), ("time_ns", "\(input.time)"),
                                   ("seq", "\(input.sequence)"), ("topic", MessageJSON.quoted(JournalRecordText.topicName(input.topic, header))),
                                   ("type", MessageJSON.quoted(input.message.tag.description))] + MessageJSON.fields(input.message))
    }
}
