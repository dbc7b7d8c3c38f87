import KGen

public enum Message: Sendable, Equatable {
    case ping(Ping), timer(Timer), quote(Quote), signal(Signal), order(Order), bar(Bar)
    @inlinable public var tag: UInt16 { switch self { case .ping: 1; case .timer: 2; case .quote: 16; case .bar: 18; case .signal: 32; case .order: 53 } }
    @inlinable public var isDecision: Bool { if case .order = self { true } else { false } }
    @inlinable public func encodePayload(into w: inout Writer) {
        switch self { case .ping(let v): v.encode(into: &w); case .timer(let v): v.encode(into: &w); case .quote(let v): v.encode(into: &w)
        case .signal(let v): v.encode(into: &w); case .order(let v): v.encode(into: &w); case .bar(let v): v.encode(into: &w) }
    }
}
extension Message: KernelPayload {}
