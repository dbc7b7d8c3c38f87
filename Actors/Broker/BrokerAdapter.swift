import Kernel
import Messages

/// The seam between the broker actor and whatever executes orders: a simulated venue today, a
/// live venue session later.
///
/// Every call says what happened by appending ``VenueEvent``s, in the order they happened, to a
/// buffer the caller owns and reuses (so the hot path does not allocate). `time` is the kernel's
/// time of the call: an adapter keeps no clock of its own. An adapter must give each accepted
/// order exactly one terminal outcome (final fill, cancelled, rejected or expired).
public protocol BrokerAdapter {
    /// An order reaches the venue.
    mutating func submit(_ order: Order, at time: Timestamp, into events: inout [VenueEvent])
    /// A request to cancel a working order (no event if it is not working any more).
    mutating func cancel(orderID: UInt64, at time: Timestamp, into events: inout [VenueEvent])
    /// A new top of book.
    mutating func onQuote(_ quote: Quote, at time: Timestamp, into events: inout [VenueEvent])
    /// A print on the tape.
    mutating func onTrade(_ trade: Trade, at time: Timestamp, into events: inout [VenueEvent])
    /// Time passes: expiries due at or before `time`.
    mutating func onTime(_ time: Timestamp, into events: inout [VenueEvent])
    /// Lots still working for an order, nil when it is not working (done, rejected, unknown).
    func leavesQuantity(orderID: UInt64) -> Int64?
}

extension BrokerAdapter {
    /// ``submit(_:at:into:)`` into a fresh array (tests, tools).
    public mutating func submit(_ order: Order, at time: Timestamp) -> [VenueEvent] {
        var events: [VenueEvent] = []
        submit(order, at: time, into: &events)
        return events
    }

    /// ``cancel(orderID:at:into:)`` into a fresh array.
    public mutating func cancel(orderID: UInt64, at time: Timestamp) -> [VenueEvent] {
        var events: [VenueEvent] = []
        cancel(orderID: orderID, at: time, into: &events)
        return events
    }

    /// ``onQuote(_:at:into:)`` into a fresh array.
    public mutating func onQuote(_ quote: Quote, at time: Timestamp) -> [VenueEvent] {
        var events: [VenueEvent] = []
        onQuote(quote, at: time, into: &events)
        return events
    }

    /// ``onTrade(_:at:into:)`` into a fresh array.
    public mutating func onTrade(_ trade: Trade, at time: Timestamp) -> [VenueEvent] {
        var events: [VenueEvent] = []
        onTrade(trade, at: time, into: &events)
        return events
    }

    /// ``onTime(_:into:)`` into a fresh array.
    public mutating func onTime(_ time: Timestamp) -> [VenueEvent] {
        var events: [VenueEvent] = []
        onTime(time, into: &events)
        return events
    }
}
