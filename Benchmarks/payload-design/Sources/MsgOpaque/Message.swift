import KOpaque

public enum Message: Sendable, Equatable {
    case ping(Ping), timer(Timer), quote(Quote), signal(Signal), order(Order), bar(Bar)
    @inlinable public var tag: UInt16 { switch self { case .ping: 1; case .timer: 2; case .quote: 16; case .bar: 18; case .signal: 32; case .order: 53 } }
    @inlinable public var isDecision: Bool { if case .order = self { true } else { false } }
    @inlinable public func encodePayload(into w: inout Writer) {
        switch self { case .ping(let v): v.encode(into: &w); case .timer(let v): v.encode(into: &w); case .quote(let v): v.encode(into: &w)
        case .signal(let v): v.encode(into: &w); case .order(let v): v.encode(into: &w); case .bar(let v): v.encode(into: &w) }
    }
}

extension Message {
    @inlinable public init(_ p: Payload) {
        switch p.tag {
        case 16: self = .quote(p.load(as: Quote.self)); case 32: self = .signal(p.load(as: Signal.self)); case 53: self = .order(p.load(as: Order.self))
        case 18: self = .bar(p.load(as: Bar.self)); case 1: self = .ping(p.load(as: Ping.self)); default: self = .timer(p.load(as: Timer.self))
        }
    }
    @inlinable public var payload: Payload {
        switch self { case .quote(let v): Payload(tag: 16, v); case .signal(let v): Payload(tag: 32, v); case .order(let v): Payload(tag: 53, v)
        case .bar(let v): Payload(tag: 18, v); case .ping(let v): Payload(tag: 1, v); case .timer(let v): Payload(tag: 2, v) }
    }
    public static func register(in kernel: Kernel) {
        func codec<T: BitwiseCopyable>(_ t: T.Type, decision: Bool = false, _ enc: @escaping @Sendable (T, inout Writer) -> Void) -> PayloadCodec {
            PayloadCodec(isDecision: decision) { p, w in enc(p.load(as: T.self), &w) }
        }
        kernel.codecs[16] = codec(Quote.self) { $0.encode(into: &$1) }
        kernel.codecs[32] = codec(Signal.self) { $0.encode(into: &$1) }
        kernel.codecs[53] = codec(Order.self, decision: true) { $0.encode(into: &$1) }
        kernel.codecs[18] = codec(Bar.self) { $0.encode(into: &$1) }
        kernel.codecs[1] = codec(Ping.self) { $0.encode(into: &$1) }
        kernel.codecs[2] = codec(Timer.self) { $0.encode(into: &$1) }
    }
}
extension Delivery { @inlinable public var message: Message { Message(payload) } }
