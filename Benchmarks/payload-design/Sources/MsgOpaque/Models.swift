import KOpaque
public struct Quote: Sendable, Equatable, BitwiseCopyable {
    public var symbol: UInt32; public var bid: Int64; public var ask: Int64; public var bidSize: Int64; public var askSize: Int64; public var time: UInt64
    public init(symbol: UInt32, bid: Int64, ask: Int64, bidSize: Int64, askSize: Int64, time: UInt64) { self.symbol = symbol; self.bid = bid; self.ask = ask; self.bidSize = bidSize; self.askSize = askSize; self.time = time }
    @inlinable public func encode(into w: inout Writer) { w.write(symbol); w.write(bid); w.write(ask); w.write(bidSize); w.write(askSize); w.write(time) }
}
public struct Signal: Sendable, Equatable, BitwiseCopyable {
    public var mu: Double; public var sigma: Double; public var horizon: UInt64; public var trace: UInt64; public var symbol: UInt32; public var agent: UInt8
    public init(mu: Double, sigma: Double, horizon: UInt64, trace: UInt64, symbol: UInt32, agent: UInt8) { self.mu = mu; self.sigma = sigma; self.horizon = horizon; self.trace = trace; self.symbol = symbol; self.agent = agent }
    @inlinable public func encode(into w: inout Writer) { w.write(mu.bitPattern); w.write(sigma.bitPattern); w.write(horizon); w.write(trace); w.write(symbol); w.write(agent) }
}
public struct Order: Sendable, Equatable, BitwiseCopyable {
    public var id: UInt64; public var quantity: Int64; public var limit: Int64; public var trace: UInt64; public var symbol: UInt32; public var side: UInt8; public var venue: UInt8; public var type: UInt8
    public init(id: UInt64, quantity: Int64, limit: Int64, trace: UInt64, symbol: UInt32, side: UInt8, venue: UInt8, type: UInt8) { self.id = id; self.quantity = quantity; self.limit = limit; self.trace = trace; self.symbol = symbol; self.side = side; self.venue = venue; self.type = type }
    @inlinable public func encode(into w: inout Writer) { w.write(id); w.write(quantity); w.write(limit); w.write(trace); w.write(symbol); w.write(side); w.write(venue); w.write(type) }
}
public struct Ping: Sendable, Equatable, BitwiseCopyable { public var value: UInt64; public init(value: UInt64) { self.value = value }
    @inlinable public func encode(into w: inout Writer) { w.write(value) } }
public struct Timer: Sendable, Equatable, BitwiseCopyable { public var tag: UInt64; public init(tag: UInt64) { self.tag = tag }
    @inlinable public func encode(into w: inout Writer) { w.write(tag) } }
public struct Bar: Sendable, Equatable, BitwiseCopyable { public var o: Int64; public var h: Int64; public var l: Int64; public var c: Int64; public var v: Int64; public var start: UInt64; public var period: UInt64; public var symbol: UInt32
    public init(o: Int64, h: Int64, l: Int64, c: Int64, v: Int64, start: UInt64, period: UInt64, symbol: UInt32) { self.o = o; self.h = h; self.l = l; self.c = c; self.v = v; self.start = start; self.period = period; self.symbol = symbol }
    @inlinable public func encode(into w: inout Writer) { w.write(o); w.write(h); w.write(l); w.write(c); w.write(v); w.write(start); w.write(period); w.write(symbol) } }
