/// The versioned type tag of every message kind, as stored in the journal and hashed by the digest.
///
/// Tags are permanent: a tag is never reused, and a changed layout gets a new tag (the old
/// decoder stays so old logs remain readable). Ranges: 1–15 kernel, 16–31 market data,
/// 32–47 signal side, 48–63 execution side.
public enum MessageTag: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    case ping = 1
    case timer = 2
    case quote = 16
    case trade = 17
    case bar = 18
    case alt = 19
    case signal = 32
    case forecast = 33
    case slate = 34
    case order = 48
    case fill = 49
    case position = 50

    /// The name used in NDJSON output and reports.
    public var description: String {
        switch self {
        case .ping: "ping"
        case .timer: "timer"
        case .quote: "quote"
        case .trade: "trade"
        case .bar: "bar"
        case .alt: "alt"
        case .signal: "signal"
        case .forecast: "forecast"
        case .slate: "slate"
        case .order: "order"
        case .fill: "fill"
        case .position: "position"
        }
    }

    /// Orders, fills and positions are decisions: they feed the decision digest.
    public var isDecision: Bool {
        switch self {
        case .order, .fill, .position: true
        default: false
        }
    }
}
