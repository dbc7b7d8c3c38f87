import Kernel
import Messages

/// What the venue keeps per symbol and per order.
extension SimulatedVenue {
    /// The market's top of book for one symbol, and what of it we have not taken yet.
    struct Touch: Sendable {
        var quote: Quote?
        /// When the quote reached the venue (the kernel time of `onQuote`).
        var quoteTime: Timestamp = 0
        /// Lots we may still take at the bid / ask of this quote: ⌊size × liquidity⌋ minus our fills.
        var bidLotsLeft: Int64 = 0
        var askLotsLeft: Int64 = 0
    }

    /// One of our orders while it is open.
    struct WorkingOrder: Sendable {
        var order: Order
        var leavesQuantity: Int64
        /// The resting price (the limit, or the current peg); unused for market orders.
        var priceLimit: Int64
        /// Displayed lots at our price that trade before us.
        var queueAheadLots: Int64
        var expiresAt: Timestamp
        /// Filled, cancelled or expired: removed at the end of the call.
        var isClosed = false
    }
}

extension SimulatedVenue.WorkingOrder {
    var orderID: UInt64 { order.orderID }
}
