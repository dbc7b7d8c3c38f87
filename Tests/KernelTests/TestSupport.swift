import Kernel
import Messages

/// What test actors saw, in order. Only touched on the kernel thread.
final class DeliveryLog: @unchecked Sendable {
    struct Entry: Equatable {
        var actor: String
        var time: Timestamp
        var sequence: UInt64
        var message: Message
    }

    var entries: [Entry] = []
}

/// A component whose behaviour is given by closures, for tests.
actor ScriptedActor: Component {
    nonisolated let context: Context
    nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
    let log: DeliveryLog
    let onStart: @Sendable (Context) -> Void
    let onReceive: @Sendable (Context, Delivery) -> Void

    init(context: Context, log: DeliveryLog, onStart: @escaping @Sendable (Context) -> Void = { _ in },
         onReceive: @escaping @Sendable (Context, Delivery) -> Void = { _, _ in }) {
        self.context = context
        self.log = log
        self.onStart = onStart
        self.onReceive = onReceive
    }

    func start() { onStart(context) }

    func receive(_ delivery: Delivery) {
        log.entries.append(.init(actor: context.name, time: delivery.time, sequence: delivery.sequence, message: delivery.message))
        onReceive(context, delivery)
    }
}

extension Message {
    var pingValue: UInt64? {
        if case .ping(let ping) = self { return ping.value }
        return nil
    }

    var timerTag: UInt64? {
        if case .timer(let fired) = self { return fired.tag }
        return nil
    }
}
