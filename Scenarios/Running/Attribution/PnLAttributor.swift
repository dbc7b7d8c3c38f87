import Actors
import DequeModule
import Kernel
import Messages

/// ``PnLAttribution`` as the run goes: fed the decision records, fills and equity samples in
/// pieces, each piece later than the one before, it keeps only what the next piece can still
/// need — the book per symbol, the decisions not yet reached by a fill, and a bounded window of
/// trace ids (``RecentTraceShares``) — so a run of any length attributes in constant memory.
///
/// Fed in one piece or in many, the result is the same to the last bit: the pieces are consumed in
/// the order the one-piece method defines (docs/scenarios.md, "PnL attribution").
public struct PnLAttributor: Sendable {
    private let instruments: [Instrument]
    private var positions: [Int64]
    /// Σ the symbol's fills' cash flows (notional and fee), in minor units.
    private var cashFlows: [Int64]
    /// The symbol's value at its last re-mark.
    private var values: [Int64]
    /// The normalized shares of the forecast behind each symbol's position (``AgentShares/slots``
    /// per symbol, rewritten in place: a fill allocates nothing), valid where `isHeld` is set.
    private var held: [[Double]]
    /// A forecast stands behind the symbol's position.
    private var isHeld: [Bool]
    /// A decision stands behind the position, but every agent in it was silent (μ 0).
    private var isHeldBySilence: [Bool]
    /// Decision records not yet reached by a fill of the current piece, in time order.
    private var pending: Deque<DecisionShares> = []
    /// Agents' μ turning 0 or non-zero, not yet reached by a decision, in time order.
    private var pendingSilence: Deque<SilenceChange> = []
    /// Per symbol and agent slot: the agent's μ is 0 (it stands behind no decision then).
    private var silent: [[Bool]]
    private var latestBySymbol: [AgentShares?]
    private var latestByTrace: RecentTraceShares
    public private(set) var result: PnLAttribution

    /// Decisions whose trace ids a fill can still find (``RecentTraceShares``).
    public static let defaultTraceCapacity = 8_192

    public init(instruments: [Instrument], traceCapacity: Int = PnLAttributor.defaultTraceCapacity) {
        self.instruments = instruments
        let count = instruments.count
        positions = Array(repeating: 0, count: count)
        cashFlows = Array(repeating: 0, count: count)
        values = Array(repeating: 0, count: count)
        held = Array(repeating: Array(repeating: 0, count: AgentShares.slots), count: count)
        isHeld = Array(repeating: false, count: count)
        isHeldBySilence = isHeld
        silent = Array(repeating: Array(repeating: false, count: AgentShares.slots), count: count)
        latestBySymbol = Array(repeating: nil, count: count)
        latestByTrace = RecentTraceShares(capacity: traceCapacity)
        result = PnLAttribution()
    }

    /// Decision records, in time order (ties in the order they were made), all later than the
    /// ones added before.
    public mutating func add(decisions: some Sequence<DecisionShares>) {
        pending.append(contentsOf: decisions)
    }

    /// Agents' changes of μ between 0 and non-zero (``SilenceChange``), in time order, all later
    /// than the ones added before; given with the decisions of the same span. A decision takes
    /// the changes at or before its time first: an agent whose μ is 0 then gets no share of it
    /// (the others' shares are renormalized; with none left the PnL is unattributed).
    public mutating func add(silenceChanges: some Sequence<SilenceChange>) {
        pendingSilence.append(contentsOf: silenceChanges)
    }

    /// The next fills (in the order the portfolio applied them) and equity samples, all later than
    /// the ones before and than any to come — so every decision at or before them has already
    /// been added — and every decision added so far earlier than any fill to come. A fill at a
    /// sample's time comes before the sample.
    ///
    /// The decisions no fill of this piece reached are then folded into the latest-by-symbol and
    /// by-trace state: the next fill is later than all of them and would take them all first, in
    /// the same order, so nothing waits from one piece to the next (a run whose fills stop — a
    /// kill switch, a venue down — keeps deciding without piling records up here).
    /// - Complexity: O((fills + samples × symbols) × slots + decisions).
    public mutating func advance(fills: some Collection<FillPoint>, sampleTimes: some Collection<Timestamp>,
                                 marks: some Collection<[Int64]>) {
        precondition(sampleTimes.count == marks.count, "one mark row per sample")
        var nextFill = fills.startIndex
        for (time, row) in zip(sampleTimes, marks) {
            while nextFill != fills.endIndex, fills[nextFill].time <= time {
                apply(fills[nextFill])
                nextFill = fills.index(after: nextFill)
            }
            mark(row)
        }
        for fill in fills[nextFill...] { apply(fill) }
        while let record = pending.popFirst() { take(record) }
        applySilence(through: .max)
    }

    /// Decision records waiting for a fill: empty after every ``advance(fills:sampleTimes:marks:)``.
    public var decisionsWaiting: Int { pending.count }

    private func value(_ symbol: Int, at price: Int64) -> Int64 {
        (positions[symbol] == 0 ? 0 : instruments[symbol].saturatedNotionalMinorUnits(quantity: positions[symbol], price: price)) + cashFlows[symbol]
    }

    private mutating func apply(_ fill: FillPoint) {
        let symbol = Int(fill.symbol)
        guard symbol < instruments.count else { return }
        while let record = pending.first, record.time <= fill.time {
            pending.removeFirst()
            take(record)
        }
        let before = value(symbol, at: fill.price)
        result.attribute(before - values[symbol], to: isHeld[symbol] ? held[symbol] : nil, silent: isHeldBySilence[symbol])
        let signed = fill.side == .buy ? fill.quantity : -fill.quantity
        cashFlows[symbol] -= instruments[symbol].saturatedNotionalMinorUnits(quantity: signed, price: fill.price) + fill.feeMinorUnits
        positions[symbol] += signed
        let shares = latestByTrace.shares(symbol: fill.symbol, traceID: fill.traceID) ?? latestBySymbol[symbol]
        if let shares {
            isHeld[symbol] = Self.normalize(shares, into: &held[symbol])
            isHeldBySilence[symbol] = !isHeld[symbol]
        } else {
            isHeld[symbol] = false
            isHeldBySilence[symbol] = false
        }
        let after = value(symbol, at: fill.price)
        result.attribute(after - before, to: isHeld[symbol] ? held[symbol] : nil, silent: isHeldBySilence[symbol])
        values[symbol] = after
    }

    private mutating func mark(_ marks: [Int64]) {
        for symbol in 0..<min(instruments.count, marks.count) where positions[symbol] != 0 {
            let marked = value(symbol, at: marks[symbol])
            result.attribute(marked - values[symbol], to: isHeld[symbol] ? held[symbol] : nil, silent: isHeldBySilence[symbol])
            values[symbol] = marked
        }
    }

    private mutating func take(_ record: DecisionShares) {
        applySilence(through: record.time)
        guard Int(record.symbol) < instruments.count else { return }
        var shares = record.shares
        for slot in 0..<AgentShares.slots where silent[Int(record.symbol)][slot] { shares[UInt16(slot + 1)] = 0 }
        latestByTrace.set(shares, symbol: record.symbol, traceID: record.traceID)
        latestBySymbol[Int(record.symbol)] = shares
    }

    /// Takes the agents' μ changes made at or before `time`.
    private mutating func applySilence(through time: Timestamp) {
        while let change = pendingSilence.first, change.time <= time {
            pendingSilence.removeFirst()
            let slot = Int(change.agentID) - 1
            guard Int(change.symbol) < instruments.count, slot >= 0, slot < AgentShares.slots else { continue }
            silent[Int(change.symbol)][slot] = !change.speaking
        }
    }

    /// Writes the shares as fractions summing to 1 into `fractions`; false when there are none.
    private static func normalize(_ shares: AgentShares, into fractions: inout [Double]) -> Bool {
        var total = 0.0
        for slot in fractions.indices {
            fractions[slot] = shares[UInt16(slot + 1)]
            total += fractions[slot]
        }
        guard total > 0 else { return false }
        for slot in fractions.indices { fractions[slot] /= total }
        return true
    }
}
