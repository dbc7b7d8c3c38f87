
public enum Message: Sendable, Equatable {
    case ping(Ping), timer(Timer), quote(Quote), signal(Signal), order(Order), bar(Bar)
    @inlinable public var tag: UInt16 { switch self { case .ping: 1; case .timer: 2; case .quote: 16; case .bar: 18; case .signal: 32; case .order: 53 } }
    @inlinable public var isDecision: Bool { if case .order = self { true } else { false } }
    @inlinable public func encodePayload(into w: inout Writer) {
        switch self { case .ping(let v): v.encode(into: &w); case .timer(let v): v.encode(into: &w); case .quote(let v): v.encode(into: &w)
        case .signal(let v): v.encode(into: &w); case .order(let v): v.encode(into: &w); case .bar(let v): v.encode(into: &w) }
    }
}

public struct Delivery  {
    public let message: Message
    public let time: UInt64
    public let sequence: UInt64
    public let source: UInt32
     public init(message: Message, time: UInt64, sequence: UInt64, source: UInt32) { self.message = message; self.time = time; self.sequence = sequence; self.source = source }
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
    internal var message: Message
     init(time: UInt64, sequence: UInt64, source: UInt32, target: UInt32, count: UInt32, message: Message) { self.time = time; self.sequence = sequence; self.source = source; self.target = target; self.count = count; self.message = message }
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
    
    public init() { queue.reserveCapacity(1 << 16) }
    public var digest: UInt64 { events.hash ^ decisions.hash }
    public func add(_ port: Port ) -> UInt32 { ports.append(port); return UInt32(ports.count - 1) }
    public func subscribe(_ actor: UInt32, to topic: Int) { while subscribers.count <= topic { subscribers.append([]) }; subscribers[topic].append(actor) }
     public func publish(from source: UInt32, topic: Int, _ message: Message) {
        if message.isDecision { decisions.write(now); decisions.write(source); decisions.write(message.tag); message.encodePayload(into: &decisions); decisions.endRecord() }
        let list = subscribers[topic]
        queue.append(Event(time: now, sequence: sequence, source: source, target: list.count > 1 ? UInt32(topic) : list[0], count: list.count > 1 ? UInt32(list.count) : 0, message: message))
        sequence &+= UInt64(max(list.count, 1))
    }
     public func run(inputs: Int, make: (Int) -> Message) {
        for i in 0..<inputs {
            now &+= 1000
            publish(from: 0xFFFF_FFFE, topic: 0, make(i))
            while head < queue.count {
                let e = queue[head]
                head += 1
                if e.count == 0 {
                    events.write(e.time); events.write(e.sequence); events.write(e.source); events.write(e.target); events.write(e.message.tag)
                    e.message.encodePayload(into: &events)
                    events.endRecord()
                    deliveries &+= 1
                    ports[Int(e.target)].receive(Delivery(message: e.message, time: e.time, sequence: e.sequence, source: e.source))
                } else {
                    shared.reset()
                    e.message.encodePayload(into: &shared)
                    
                    for k in 0..<Int(e.count) {
                        events.write(e.time); events.write(e.sequence &+ UInt64(k)); events.write(e.source); events.write(subscribers[Int(e.target)][k]); events.write(e.message.tag)
                        events.append(shared)
                        events.endRecord()
                        deliveries &+= 1
                        ports[Int(subscribers[Int(e.target)][k])].receive(Delivery(message: e.message, time: e.time, sequence: e.sequence &+ UInt64(k), source: e.source))
                    }
                }
            }
            queue.removeAll(keepingCapacity: true); head = 0
        }
    }
}
