import Kernel

/// Why the risk gate cut or refused an intent: a bit set, machine-readable, named in reports.
public struct GateReasons: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let tradeRisk = GateReasons(rawValue: 1 << 0)
    public static let gross = GateReasons(rawValue: 1 << 1)
    public static let net = GateReasons(rawValue: 1 << 2)
    public static let sector = GateReasons(rawValue: 1 << 3)
    public static let killSwitch = GateReasons(rawValue: 1 << 4)
    public static let throttle = GateReasons(rawValue: 1 << 5)
    public static let cooldown = GateReasons(rawValue: 1 << 6)
    public static let priceBand = GateReasons(rawValue: 1 << 7)
    public static let staleData = GateReasons(rawValue: 1 << 8)
    public static let maxPosition = GateReasons(rawValue: 1 << 9)
    public static let lotSize = GateReasons(rawValue: 1 << 10)
    public static let invalid = GateReasons(rawValue: 1 << 11)
    /// A price would value the book beyond the valuation domain (Actors' `MarketBounds`): the
    /// kill switch engaged.
    public static let valuation = GateReasons(rawValue: 1 << 12)
    /// The day's loss passed the daily loss limit: no new risk until the next session opens.
    public static let dailyLoss = GateReasons(rawValue: 1 << 13)
    /// A check another package registered cut or refused the intent (docs/extending.md).
    public static let customCheck = GateReasons(rawValue: 1 << 14)

    /// Every reason with its report name, in bit order.
    public static let named: [(GateReasons, String)] = [
        (.tradeRisk, "trade_risk"), (.gross, "gross"), (.net, "net"), (.sector, "sector"), (.killSwitch, "kill_switch"),
        (.throttle, "throttle"), (.cooldown, "cooldown"), (.priceBand, "price_band"), (.staleData, "stale_data"),
        (.maxPosition, "max_position"), (.lotSize, "lot_size"), (.invalid, "invalid"), (.valuation, "valuation"),
        (.dailyLoss, "daily_loss"), (.customCheck, "custom_check"),
    ]

    /// The names of the reasons set, in bit order.
    public var names: [String] { GateReasons.named.filter { contains($0.0) }.map(\.1) }
}
