import Kernel
import Messages

/// A no-op component for the kernel benchmark: forwards every ping to the next node of a ring.
public actor RingNode: Component {
    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
    private let successor: ActorID
    private let tokensToInject: Int

    public init(context: Context, successor: ActorID, tokensToInject: Int) {
        self.context = context
        self.successor = successor
        self.tokensToInject = tokensToInject
    }

    public func start() {
        for token in 0..<tokensToInject { context.send(to: successor, .ping(Ping(value: UInt64(token)))) }
    }

    public func receive(_ delivery: Delivery) {
        guard case .ping(let ping) = delivery.message else { return }
        context.send(to: successor, .ping(Ping(value: ping.value &+ 1)))
    }
}
