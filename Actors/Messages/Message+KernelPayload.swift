import Kernel

extension Message: KernelPayload {
    @inlinable public var payloadTag: UInt16 { tag.rawValue }
    @inline(__always) public var isDecision: Bool { tag.isDecision }
    @inline(__always) public var isAnnotation: Bool { tag.isSignal }

    public var firedTimer: TimerFired? {
        if case .timer(let fired) = self { fired } else { nil }
    }
}
