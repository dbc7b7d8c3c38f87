import Kernel
import Messages

/// The latest forecast shares recorded per (symbol, trace id), over the last `capacity`
/// decisions: the PnL attribution's way from a fill to the decision behind it, in memory that does
/// not grow with the run.
///
/// Why a window is enough: an order fills within moments of the decision that sent it — long
/// before `capacity` newer decisions are made. A fill whose decision has left the window is
/// attributed like one with no record of its own: to the symbol's latest decision before it.
struct RecentTraceShares {
    struct Key: Hashable {
        var symbol: SymbolID
        var traceID: UInt64
    }

    let capacity: Int
    /// Each key's latest shares and the number of the decision that set them.
    private var latest: [Key: (shares: AgentShares, number: Int)] = [:]
    /// The last `capacity` decisions, oldest at `next` once full: evicting one removes its key
    /// only when no later decision has set that key again.
    private var window: [(key: Key, number: Int)] = []
    private var next = 0
    private var decisions = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a window of at least one decision")
        self.capacity = capacity
    }

    mutating func set(_ shares: AgentShares, symbol: SymbolID, traceID: UInt64) {
        let key = Key(symbol: symbol, traceID: traceID)
        decisions += 1
        latest[key] = (shares, decisions)
        if window.count < capacity {
            window.append((key, decisions))
            return
        }
        let oldest = window[next]
        if latest[oldest.key]?.number == oldest.number { latest[oldest.key] = nil }
        window[next] = (key, decisions)
        next = next + 1 == capacity ? 0 : next + 1
    }

    func shares(symbol: SymbolID, traceID: UInt64) -> AgentShares? {
        latest[Key(symbol: symbol, traceID: traceID)]?.shares
    }
}
