import Actors
import Kernel
import Messages

/// What a ``TopicRecorder`` heard, in delivery order. Only touched on the kernel thread.
final class MessageSink: @unchecked Sendable {
    var messages: [Message] = []

    var quotes: [Quote] { messages.compactMap { if case .quote(let quote) = $0 { quote } else { nil } } }
    var forecasts: [Forecast] { messages.compactMap { if case .forecast(let forecast) = $0 { forecast } else { nil } } }
}

/// A test component that subscribes to some topics and records every message it receives.
actor TopicRecorder: Component {
    nonisolated let context: Context
    nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
    let topics: [String]
    let sink: MessageSink

    init(context: Context, topics: [String], sink: MessageSink) {
        self.context = context
        self.topics = topics
        self.sink = sink
    }

    func start() { for topic in topics { context.subscribe(context.topic(topic)) } }
    func receive(_ delivery: Delivery) { sink.messages.append(delivery.message) }
}
