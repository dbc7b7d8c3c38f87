
import KOpaque
import MsgOpaque
private final class Counter { var acc: Int64 = 0; var n = 0 }
public func runOpaque(inputs: Int) -> (UInt64, Int, Int64) {
    let kernel = Kernel()
    Message.register(in: kernel)
    let counter = Counter()
    // 19 quote subscribers; every sixth publishes a signal to the blender (topic 1); the blender
    // publishes an order (a decision) to the broker (topic 2) for every tenth signal.
    var ids: [UInt32] = []
    for i in 0..<21 {
        let me = UInt32(i)
        let port = Port { d in
            switch d.message {
            case .quote(let q):
                counter.acc &+= q.bid &+ q.ask
                if me % 6 == 0 { kernel.publish(from: me, topic: 1, payloadOf(.signal(Signal(mu: Double(q.bid) * 1e-9, sigma: 0.01, horizon: 60, trace: d.sequence, symbol: q.symbol, agent: UInt8(me))))) }
            case .signal(let s):
                counter.n += 1
                if counter.n % 10 == 0 { kernel.publish(from: me, topic: 2, payloadOf(.order(Order(id: UInt64(counter.n), quantity: 100, limit: Int64(s.mu * 1e9), trace: s.trace, symbol: s.symbol, side: 0, venue: 1, type: 0)))) }
            case .order(let o):
                counter.acc &+= o.quantity
            default: break
            }
        }
        ids.append(kernel.add(port))
    }
    for i in 0..<19 { kernel.subscribe(ids[i], to: 0) }
    kernel.subscribe(ids[19], to: 1)
    kernel.subscribe(ids[20], to: 2)
    kernel.run(inputs: inputs) { i in payloadOf(.quote(Quote(symbol: UInt32(i & 7), bid: 10_000 + Int64(i % 97), ask: 10_002 + Int64(i % 89), bidSize: 5, askSize: 7, time: UInt64(i)))) }
    return (kernel.digest, kernel.deliveries, counter.acc)
}
