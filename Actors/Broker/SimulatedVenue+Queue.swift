import Kernel
import Messages

/// Where a resting order stands in the queue at its price, and what a quote or a print does to it.
extension SimulatedVenue.WorkingOrder {
    var isBuy: Bool { order.side == .buy }

    /// Queue-ahead when the order joins the book after taking what it could: the displayed size
    /// when it joins at the touch, 0 when it improves on it, unknown when it sits behind it.
    func queueAheadOnJoining(_ quote: Quote) -> Int64 {
        let touchPrice = isBuy ? quote.bidPrice : quote.askPrice
        let touchSize = isBuy ? quote.bidSize : quote.askSize
        if touchPrice <= 0 { return 0 }
        if touchPrice == priceLimit { return max(0, touchSize) }
        let improves = isBuy ? priceLimit > touchPrice : priceLimit < touchPrice
        return improves ? 0 : SimulatedVenue.unknownQueueAheadLots
    }

    /// After a new quote, the queue position follows our side's touch: a pegged order moves to it
    /// (at the back of the displayed size), a touch at our price can only shorten the queue, and
    /// a touch that moved behind us leaves us first.
    mutating func followTouch(of quote: Quote) {
        let touchPrice = isBuy ? quote.bidPrice : quote.askPrice
        let touchSize = isBuy ? quote.bidSize : quote.askSize
        if order.type == .pegged && touchPrice > 0 && touchPrice != priceLimit {
            priceLimit = touchPrice
            queueAheadLots = max(0, touchSize)
        } else if touchPrice == priceLimit {
            queueAheadLots = min(queueAheadLots, max(0, touchSize))
        } else if touchPrice <= 0 || (isBuy ? touchPrice < priceLimit : touchPrice > priceLimit) {
            // The touch moved behind us: nothing displayed is ahead of us any more.
            queueAheadLots = 0
        }
    }

    /// What a print does to a resting order: a print at our price with the aggressor on the other
    /// side eats the queue ahead, then reaches us; a print through our price reaches all of us.
    /// - Returns: the lots the print can fill (before the print's own size limit), or nil when
    ///   it does not reach this order (which is then unchanged).
    mutating func lotsReached(by trade: Trade) -> Int64? {
        if trade.price == priceLimit {
            // Only sellers hitting bids (buyers lifting offers) consume a bid (offer) queue.
            guard trade.aggressor != order.side else { return nil }
            let beyondQueue = trade.size > queueAheadLots ? trade.size - queueAheadLots : 0
            queueAheadLots = queueAheadLots > trade.size ? queueAheadLots - trade.size : 0
            return min(leavesQuantity, beyondQueue)
        }
        guard isBuy ? trade.price < priceLimit : trade.price > priceLimit else { return nil }
        // Printed through us: everything at our price, queue included, was taken first.
        queueAheadLots = 0
        return leavesQuantity
    }
}
