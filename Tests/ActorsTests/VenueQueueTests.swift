@testable import Actors
import Kernel
import Messages
import Testing

/// A resting order's queue position (``SimulatedVenue/WorkingOrder``), on hand-set books.
@Suite struct VenueQueueTests {
    private func bid(at price: Int64, leaves: Int64 = 10, queueAhead: Int64 = 0, type: OrderType = .limit) -> SimulatedVenue.WorkingOrder {
        let order = Order(orderID: 1, symbol: 0, side: .buy, quantity: leaves, limitPrice: price, traceID: 1, type: type)
        return SimulatedVenue.WorkingOrder(order: order, leavesQuantity: leaves, priceLimit: price, queueAheadLots: queueAhead, expiresAt: 100)
    }

    private func quote(bid: Int64, _ bidSize: Int64, ask: Int64 = 10_100) -> Quote {
        Quote(symbol: 0, bidPrice: bid, askPrice: ask, bidSize: bidSize, askSize: 5, exchangeTime: 0)
    }

    @Test func joiningTheQueue() {
        #expect(bid(at: 10_000).queueAheadOnJoining(quote(bid: 10_000, 40)) == 40, "at the touch: behind its size")
        #expect(bid(at: 10_010).queueAheadOnJoining(quote(bid: 10_000, 40)) == 0, "improving: first")
        #expect(bid(at: 9_990).queueAheadOnJoining(quote(bid: 10_000, 40)) == SimulatedVenue.unknownQueueAheadLots)
        #expect(bid(at: 9_990).queueAheadOnJoining(quote(bid: 0, 0)) == 0, "no touch")
    }

    @Test func followingTheTouch() {
        var order = bid(at: 10_000, queueAhead: 40)
        order.followTouch(of: quote(bid: 10_000, 60))
        #expect(order.queueAheadLots == 40, "a quote cannot lengthen the queue")
        order.followTouch(of: quote(bid: 10_000, 15))
        #expect(order.queueAheadLots == 15)
        order.queueAheadLots = 30
        order.followTouch(of: quote(bid: 9_990, 70))
        #expect(order.queueAheadLots == 0, "the touch moved behind us")
        var pegged = bid(at: 10_000, queueAhead: 3, type: .pegged)
        pegged.followTouch(of: quote(bid: 10_020, 25))
        #expect(pegged.priceLimit == 10_020 && pegged.queueAheadLots == 25, "re-pegged at the back")
    }

    @Test func printsReachingTheOrder() {
        var order = bid(at: 10_000, leaves: 10, queueAhead: 30)
        let buyerAtOurPrice = Trade(symbol: 0, price: 10_000, size: 50, aggressor: .buy, exchangeTime: 0)
        #expect(order.lotsReached(by: buyerAtOurPrice) == nil, "a buyer does not eat a bid queue")
        #expect(order.queueAheadLots == 30)
        #expect(order.lotsReached(by: Trade(symbol: 0, price: 10_000, size: 20, aggressor: .sell, exchangeTime: 0)) == 0)
        #expect(order.queueAheadLots == 10)
        #expect(order.lotsReached(by: Trade(symbol: 0, price: 10_000, size: 14, aggressor: .sell, exchangeTime: 0)) == 4)
        #expect(order.queueAheadLots == 0)
        #expect(order.lotsReached(by: Trade(symbol: 0, price: 10_010, size: 99, aggressor: .sell, exchangeTime: 0)) == nil, "above a bid")
        order.queueAheadLots = 7
        #expect(order.lotsReached(by: Trade(symbol: 0, price: 9_990, size: 1, aggressor: .buy, exchangeTime: 0)) == 10, "printed through")
        #expect(order.queueAheadLots == 0)
    }
}
