import Kernel
import Messages

/// One log record as a JSON object on one line: what `log cat` prints and `diff` shows.
public enum JournalRecordText {
    /// One record as an NDJSON line. `inputTrace`: an input's trace id when the caller counted it
    /// (an ordinal is known only to a reader that started at the first block). `indicators`: the
    /// values behind a signal (``IndicatorsBehindSignal``), added as an `indicators` object.
    public static func line(for record: JournalRecord, header: JournalHeader, inputTrace: UInt64? = nil,
                            indicators: [IndicatorValue] = []) -> String {
        switch record {
        case .input(let input):
            let trace = inputTrace.map { [("trace", "\($0)")] } ?? []
            return MessageJSON.object([("record", "\"input\""), ("time", MessageJSON.quoted(TimeUnits.iso8601(input.time))),
                                       ("time_ns", "\(input.time)"), ("seq", "\(input.sequence)")] + trace
                                      + [("topic", MessageJSON.quoted(topicName(input.topic, header))),
                                         ("type", MessageJSON.quoted(input.message.tag.description))] + MessageJSON.fields(input.message))
        case .decision(let decision), .annotation(let decision):
            let kind = if case .annotation = record { "\"signal\"" } else { "\"decision\"" }
            return MessageJSON.object([("record", kind), ("time", MessageJSON.quoted(TimeUnits.iso8601(decision.time))),
                                       ("time_ns", "\(decision.time)"), ("source", MessageJSON.quoted(sourceName(decision.source, header))),
                                       ("type", MessageJSON.quoted(decision.message.tag.description))] + MessageJSON.fields(decision.message)
                                      + (indicators.isEmpty ? [] : [("indicators", MessageJSON.indicators(indicators))]))
        }
    }

    public static func topicName(_ topic: TopicID, _ header: JournalHeader) -> String {
        Int(topic.rawValue) < header.topicNames.count ? header.topicNames[Int(topic.rawValue)] : "\(topic.rawValue)"
    }

    public static func sourceName(_ source: ActorID, _ header: JournalHeader) -> String {
        Int(source.rawValue) < header.componentNames.count ? header.componentNames[Int(source.rawValue)] : source.description
    }
}
