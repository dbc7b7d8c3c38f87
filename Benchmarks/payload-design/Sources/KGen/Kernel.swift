public protocol KernelPayload: Sendable { var tag: UInt16 { get }; var isDecision: Bool { get }; func encodePayload(into w: inout Writer) }

public struct Delivery <P: KernelPayload> {
    public let message: P
    public let time: UInt64
    public let sequence: UInt64
    public let source: UInt32
    @inlinable public init(message: P, time: UInt64, sequence: UInt64, source: UInt32) { self.message = message; self.time = time; self.sequence = sequence; self.source = source }
}
public final class Port <P: KernelPayload> {
    @usableFromInline let receive: (Delivery <P>) -> Void
    public init(receive: @escaping (Delivery <P>) -> Void) { self.receive = receive }
}
@usableFromInline struct Event <P: KernelPayload> {
    @usableFromInline var time: UInt64
    @usableFromInline var sequence: UInt64
    @usableFromInline var source: UInt32
    @usableFromInline var target: UInt32
    @usableFromInline var count: UInt32
    @usableFromInline var message: P
    @inlinable init(time: UInt64, sequence: UInt64, source: UInt32, target: UInt32, count: UInt32, message: P) { self.time = time; self.sequence = sequence; self.source = source; self.target = target; self.count = count; self.message = message }
}
public final class Kernel <P: KernelPayload> {
    @usableFromInline var queue: ContiguousArray<Event <P>> = []
    @usableFromInline var head = 0
    @usableFromInline var ports: ContiguousArray<Port <P>> = []
    @usableFromInline var subscribers: [[UInt32]] = []
    @usableFromInline var events = Writer()
    @usableFromInline var shared = Writer()
    @usableFromInline var decisions = Writer()
    @usableFromInline var sequence: UInt64 = 0
    @usableFromInline var now: UInt64 = 0
    public var deliveries = 0
    
    public init() { queue.reserveCapacity(1 << 16) }
    public var digest: UInt64 { events.hash ^ decisions.hash }
    public func add(_ port: Port <P>) -> UInt32 { ports.append(port); return UInt32(ports.count - 1) }
    public func subscribe(_ actor: UInt32, to topic: Int) { while subscribers.count <= topic { subscribers.append([]) }; subscribers[topic].append(actor) }
    @inlinable public func publish(from source: UInt32, topic: Int, _ message: P) {
        if message.isDecision { decisions.write(now); decisions.write(source); decisions.write(message.tag); message.encodePayload(into: &decisions); decisions.endRecord() }
        let list = subscribers[topic]
        queue.append(Event(time: now, sequence: sequence, source: source, target: list.count > 1 ? UInt32(topic) : list[0], count: list.count > 1 ? UInt32(list.count) : 0, message: message))
        sequence &+= UInt64(max(list.count, 1))
    }
    @inlinable public func run(inputs: Int, make: (Int) -> P) {
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
