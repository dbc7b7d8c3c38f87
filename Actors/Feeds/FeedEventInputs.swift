import Kernel
import Messages

/// A ``FeedEventSource`` as the kernel's input source: each event on its raw topic.
public struct FeedEventInputs: InputSource {
    var source: any FeedEventSource
    let quoteTopic: TopicID
    let tradeTopic: TopicID
    let alternativeTopic: TopicID

    public init(source: any FeedEventSource, quoteTopic: TopicID, tradeTopic: TopicID, alternativeTopic: TopicID) {
        self.source = source
        self.quoteTopic = quoteTopic
        self.tradeTopic = tradeTopic
        self.alternativeTopic = alternativeTopic
    }

    public mutating func next() throws -> InputRecord? {
        guard let (time, event) = try source.next() else { return nil }
        switch event {
        case .quote(let quote): return InputRecord(time: time, topic: quoteTopic, message: .quote(quote))
        case .trade(let trade): return InputRecord(time: time, topic: tradeTopic, message: .trade(trade))
        case .alternative(let datum): return InputRecord(time: time, topic: alternativeTopic, message: .alt(datum))
        }
    }
}
