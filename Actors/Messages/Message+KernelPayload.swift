import Kernel

extension Message: KernelPayload {
    @inlinable public var payloadTag: UInt16 { tag.rawValue }
    @inlinable public var isDecision: Bool { tag.isDecision }
    @inlinable public var isAnnotation: Bool { tag.isSignal }

    public var firedTimer: TimerFired? {
        if case .timer(let fired) = self { fired } else { nil }
    }
}
