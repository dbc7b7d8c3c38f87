/// The chaos fault catalog (docs/chaos.md). Raw values are permanent: they are journaled in
/// ``FaultEvent/kind``.
public enum FaultKind: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    // Feeds: applied to the input stream before admission (``ChaosFeedFilter``).
    case feedGap = 1, feedDuplicate, feedReorder, feedBurstStall, feedStale, feedCorrupt, feedCrossed, feedHalt, feedClockSkew, feedNaNAlt
    // Agents.
    case agentCrash = 20, agentMissedDeadline, agentNaN
    // Blender.
    case blenderMissingInput = 30, blenderLateInput
    // Selector.
    case selectorEmpty = 40, selectorTied
    // Sizer.
    case sizerStaleEquity = 50
    // Gate.
    case gateLimitReload = 60, gateKillSwitch
    // Router ↔ venue link.
    case routerVenueDown = 70, routerLostAck, routerRateLimit, routerDuplicateSubmit
    // Broker / venue reports.
    case brokerDelayedAck = 80, brokerReject, brokerPartialFill, brokerFillAfterCancel, brokerDuplicateReport, brokerOutOfOrderReports, brokerSessionDrop
    // Kernel.
    case kernelEventBurst = 100

    /// What a fault event's `target` names.
    public enum Target: Sendable {
        case none, symbol, agent, venue
    }

    public var name: String {
        switch self {
        case .feedGap: "feed_gap"
        case .feedDuplicate: "feed_duplicate"
        case .feedReorder: "feed_reorder"
        case .feedBurstStall: "feed_burst_stall"
        case .feedStale: "feed_stale"
        case .feedCorrupt: "feed_corrupt"
        case .feedCrossed: "feed_crossed"
        case .feedHalt: "feed_halt"
        case .feedClockSkew: "feed_clock_skew"
        case .feedNaNAlt: "feed_nan_alt"
        case .agentCrash: "agent_crash"
        case .agentMissedDeadline: "agent_missed_deadline"
        case .agentNaN: "agent_nan"
        case .blenderMissingInput: "blender_missing_input"
        case .blenderLateInput: "blender_late_input"
        case .selectorEmpty: "selector_empty"
        case .selectorTied: "selector_tied"
        case .sizerStaleEquity: "sizer_stale_equity"
        case .gateLimitReload: "gate_limit_reload"
        case .gateKillSwitch: "gate_kill_switch"
        case .routerVenueDown: "router_venue_down"
        case .routerLostAck: "router_lost_ack"
        case .routerRateLimit: "router_rate_limit"
        case .routerDuplicateSubmit: "router_duplicate_submit"
        case .brokerDelayedAck: "broker_delayed_ack"
        case .brokerReject: "broker_reject"
        case .brokerPartialFill: "broker_partial_fill"
        case .brokerFillAfterCancel: "broker_fill_after_cancel"
        case .brokerDuplicateReport: "broker_duplicate_report"
        case .brokerOutOfOrderReports: "broker_out_of_order_reports"
        case .brokerSessionDrop: "broker_session_drop"
        case .kernelEventBurst: "kernel_event_burst"
        }
    }

    public var description: String { name }

    public static func named(_ name: String) -> FaultKind? { allCases.first { $0.name == name } }

    /// The component it hits, for reports.
    public var component: String { String(name.prefix { $0 != "_" }) }

    public var target: Target {
        switch self {
        case .feedHalt, .feedCorrupt, .feedCrossed, .feedStale: .symbol
        case .agentCrash, .agentNaN, .blenderMissingInput, .blenderLateInput: .agent
        case .routerVenueDown: .venue
        default: .none
        }
    }

    /// Feed faults act on the input stream before admission; the others inside the run.
    public var isFeedFault: Bool { rawValue < 20 }

    /// The range a plan draws the fault's `magnitude` from.
    public var magnitudeRange: ClosedRange<Double> {
        switch self {
        case .feedDuplicate, .feedCorrupt, .feedCrossed, .brokerReject, .brokerDuplicateReport: 0.05...0.5
        case .feedReorder: 0.2...0.8
        case .brokerPartialFill: 0.25...0.75
        case .gateLimitReload: 0.25...0.75
        default: 0...0
        }
    }

    /// The range a plan draws the fault's `parameter` from (nanoseconds, or a count).
    public var parameterRange: ClosedRange<Int64> {
        switch self {
        case .feedStale: 10_000_000_000...120_000_000_000
        case .feedClockSkew: 1_000_000_000...30_000_000_000
        case .agentMissedDeadline: 100_000_000...5_000_000_000
        case .blenderLateInput: 60_000_000_000...600_000_000_000
        case .brokerDelayedAck, .brokerOutOfOrderReports: 50_000_000...5_000_000_000
        case .routerRateLimit: 1...5
        case .kernelEventBurst: 1_000...50_000
        default: 0...0
        }
    }

    /// One line for the catalog table.
    public var summary: String {
        switch self {
        case .feedGap: "every quote and trade is lost for the window"
        case .feedDuplicate: "each quote is sent twice with probability `magnitude`"
        case .feedReorder: "neighbouring quotes swap places with probability `magnitude` (exchange times go backwards)"
        case .feedBurstStall: "the feed stalls for the window, then delivers everything it held at once"
        case .feedStale: "quotes of the target symbol carry exchange times `parameter` ns old"
        case .feedCorrupt: "the target symbol's prices are multiplied by 1.5 with probability `magnitude` (spikes)"
        case .feedCrossed: "the target symbol's quotes are crossed (bid > ask) with probability `magnitude`"
        case .feedHalt: "the target symbol is halted: no quotes or trades for the window"
        case .feedClockSkew: "exchange times run `parameter` ns ahead of the kernel's clock"
        case .feedNaNAlt: "alternative data values are NaN"
        case .agentCrash: "the target agent is down for the window and restarts with its learned state lost"
        case .agentMissedDeadline: "every agent's signals arrive `parameter` ns late"
        case .agentNaN: "the target agent's μ and σ are NaN"
        case .blenderMissingInput: "the blender gets nothing from the target agent"
        case .blenderLateInput: "the blender gets the target agent's signals `parameter` ns late (past their horizon)"
        case .selectorEmpty: "the selector gets no forecasts: empty candidate set"
        case .selectorTied: "every forecast the selector gets has the same μ and σ: all candidates tie"
        case .sizerStaleEquity: "the sizer gets no position or fill updates: it sizes on stale equity"
        case .gateLimitReload: "the gate's exposure limits are reloaded at `magnitude` × their value mid-burst"
        case .gateKillSwitch: "the operator engages the kill switch mid-burst; it is reset when the fault ends"
        case .routerVenueDown: "the target venue is down: every order to it is rejected venue_down"
        case .routerLostAck: "acknowledgements never reach the router"
        case .routerRateLimit: "the venue accepts at most `parameter` orders a second, rejecting the rest rate_limited"
        case .routerDuplicateSubmit: "every order is submitted twice (a retry), same order id"
        case .brokerDelayedAck: "execution reports arrive `parameter` ns late"
        case .brokerReject: "the venue rejects an order with probability `magnitude`"
        case .brokerPartialFill: "fills are cut to `magnitude` of their quantity (at least one unit) and end the order"
        case .brokerFillAfterCancel: "after an order is cancelled or expires, one more unit fills"
        case .brokerDuplicateReport: "a fill report is delivered twice, same fill id, with probability `magnitude`"
        case .brokerOutOfOrderReports: "reports are held `parameter` ns while fills go through: fills before their ack"
        case .brokerSessionDrop: "the session drops: reports and fills are held until it comes back, then resent with duplicates"
        case .kernelEventBurst: "a burst of `parameter` events floods one component's mailbox at once"
        }
    }
}
