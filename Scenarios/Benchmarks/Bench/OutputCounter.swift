import Kernel
import Messages

/// Counts what one actor under measurement emits (``HandlerBenchmark``): subscribes to its output
/// topics and does nothing else, so the count is the actor's output and the cost is one no-op
/// delivery per message.
actor OutputCounter: Component {
    nonisolated let context: Context
    nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
    private let topicNames: [String]
    @exclusivity(unchecked) private(set) var count = 0

    init(context: Context, topicNames: [String]) {
        self.context = context
        self.topicNames = topicNames
    }

    func start() {
        for name in topicNames { context.subscribe(context.topic(name)) }
    }

    func receive(_ delivery: Delivery) { count += 1 }
}
