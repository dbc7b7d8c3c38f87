import Kernel
import Messages

/// A delivery interceptor whose decisions are given by a closure, for tests.
final class ScriptedInterceptor: DeliveryInterceptor, @unchecked Sendable {
    let decide: (Kernel, UInt64, ActorID, inout Message) -> InterceptAction

    init(_ decide: @escaping (Kernel, UInt64, ActorID, inout Message) -> InterceptAction) { self.decide = decide }

    func intercept(_ kernel: Kernel, time: Timestamp, sequence: UInt64, source: ActorID, target: ActorID,
                   message: inout Message) -> InterceptAction {
        decide(kernel, sequence, target, &message)
    }
}
