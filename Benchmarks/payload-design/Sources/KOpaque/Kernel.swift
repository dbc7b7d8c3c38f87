
/// Inline storage for any BitwiseCopyable value of up to 56 bytes.
public struct Payload: Sendable {
    public var tag: UInt16
    public var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0)
    @inlinable public init<T: BitwiseCopyable>(tag: UInt16, _ value: T) {
        precondition(MemoryLayout<T>.size <= 56)
        self.tag = tag
        withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: value, as: T.self) }
    }
    @inlinable public func load<T: BitwiseCopyable>(as: T.Type) -> T { withUnsafeBytes(of: storage) { $0.load(as: T.self) } }
}
public struct PayloadCodec: Sendable {
    public let encode: @Sendable (borrowing Payload, inout Writer) -> Void
    public let isDecision: Bool
    public init(isDecision: Bool, encode: @escaping @Sendable (borrowing Payload, inout Writer) -> Void) { self.encode = encode; self.isDecision = isDecision }
}

public struct Delivery  {
    public let payload: Payload
    public let time: UInt64
    public let sequence: UInt64
    public let source: UInt32
     public init(payload: Payload, time: UInt64, sequence: UInt64, source: UInt32) { self.payload = payload; self.time = time; self.sequence = sequence; self.source = source }
}
public final class Port  {
    internal let receive: (Delivery ) -> Void
    public init(receive: @escaping (Delivery ) -> Void) { self.receive = receive }
}
internal struct Event  {
    internal var time: UInt64
    internal var sequence: UInt64
    internal var source: UInt32
    internal var target: UInt32
    internal var count: UInt32
    internal var payload: Payload
     init(time: UInt64, sequence: UInt64, source: UInt32, target: UInt32, count: UInt32, payload: Payload) { self.time = time; self.sequence = sequence; self.source = source; self.target = target; self.count = count; self.payload = payload }
}
public final class Kernel  {
    internal var queue: ContiguousArray<Event > = []
    internal var head = 0
    internal var ports: ContiguousArray<Port > = []
    internal var subscribers: [[UInt32]] = []
    internal var events = Writer()
    internal var shared = Writer()
    internal var decisions = Writer()
    internal var sequence: UInt64 = 0
    internal var now: UInt64 = 0
    public var deliveries = 0
    public var codecs: ContiguousArray<PayloadCodec> = ContiguousArray(repeating: PayloadCodec(isDecision: false, encode: { _, _ in fatalError("unregistered") }), count: 64)
    public init() { queue.reserveCapacity(1 << 16) }
    public var digest: UInt64 { events.hash ^ decisions.hash }
    public func add(_ port: Port ) -> UInt32 { ports.append(port); return UInt32(ports.count - 1) }
    public func subscribe(_ actor: UInt32, to topic: Int) { while subscribers.count <= topic { subscribers.append([]) }; subscribers[topic].append(actor) }
     public func publish(from source: UInt32, topic: Int, _ payload: Payload) {
        if codecs[Int(payload.tag)].isDecision { decisions.write(now); decisions.write(source); decisions.write(payload.tag); codecs[Int(payload.tag)].encode(payload, &decisions); decisions.endRecord() }
        let list = subscribers[topic]
        queue.append(Event(time: now, sequence: sequence, source: source, target: list.count > 1 ? UInt32(topic) : list[0], count: list.count > 1 ? UInt32(list.count) : 0, payload: payload))
        sequence &+= UInt64(max(list.count, 1))
    }
     public func run(inputs: Int, make: (Int) -> Payload) {
        for i in 0..<inputs {
            now &+= 1000
            publish(from: 0xFFFF_FFFE, topic: 0, make(i))
            while head < queue.count {
                let e = queue[head]
                head += 1
                if e.count == 0 {
                    events.write(e.time); events.write(e.sequence); events.write(e.source); events.write(e.target); events.write(e.payload.tag)
                    codecs[Int(e.payload.tag)].encode(e.payload, &events)
                    events.endRecord()
                    deliveries &+= 1
                    ports[Int(e.target)].receive(Delivery(payload: e.payload, time: e.time, sequence: e.sequence, source: e.source))
                } else {
                    shared.reset()
                    codecs[Int(e.payload.tag)].encode(e.payload, &shared)
                    
                    for k in 0..<Int(e.count) {
                        events.write(e.time); events.write(e.sequence &+ UInt64(k)); events.write(e.source); events.write(subscribers[Int(e.target)][k]); events.write(e.payload.tag)
                        events.append(shared)
                        events.endRecord()
                        deliveries &+= 1
                        ports[Int(subscribers[Int(e.target)][k])].receive(Delivery(payload: e.payload, time: e.time, sequence: e.sequence &+ UInt64(k), source: e.source))
                    }
                }
            }
            queue.removeAll(keepingCapacity: true); head = 0
        }
    }
}
