import Kernel

/// The versioned type tag of every message kind, as stored in the journal and hashed by the digest.
///
/// Tags are permanent: a tag is never reused, and a changed layout gets a new tag (the old
/// decoder stays so old logs remain readable). Ranges: 1–15 kernel, 16–31 market data,
/// 32–47 signal side, 48–63 execution side.
public enum MessageTag: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    case ping = 1
    case timer = 2
    /// A chaos fault switching on or off.
    case fault = 3
    case quote = 16
    case trade = 17
    case bar = 18
    case alt = 19
    case signal = 32
    case forecast = 33
    case slate = 34
    /// An indicator value behind a signal (journaled only, never delivered).
    case indicator = 35
    /// A value behind a signal of a package's own agent type (journaled only, never delivered).
    case custom = 36
    /// A message of a type another package defines (``PackageMessage``): delivered, and
    /// journaled as a signal record.
    case package = 37
    /// Orders before venues and order types (read from old logs, never written).
    case orderVersion1 = 48
    /// Fills before fill ids and venues (read from old logs, never written).
    case fillVersion1 = 49
    case position = 50
    case intent = 51
    case gate = 52
    case order = 53
    case report = 54
    case fill = 55
    case tradeCost = 56
    /// A policy stage's action (docs/python.md).
    case action = 57

    /// The name used in NDJSON output and reports.
    public var description: String {
        switch self {
        case .ping: "ping"
        case .timer: "timer"
        case .fault: "fault"
        case .quote: "quote"
        case .trade: "trade"
        case .bar: "bar"
        case .alt: "alt"
        case .signal: "signal"
        case .forecast: "forecast"
        case .slate: "slate"
        case .indicator: "indicator"
        case .custom: "custom"
        case .package: "package"
        case .order, .orderVersion1: "order"
        case .fill, .fillVersion1: "fill"
        case .position: "position"
        case .intent: "intent"
        case .gate: "gate"
        case .report: "report"
        case .tradeCost: "tca"
        case .action: "action"
        }
    }

    /// Layouts only read from old logs, never written.
    public var isLegacy: Bool { self == .orderVersion1 || self == .fillVersion1 }

    /// The tags written today, in tag order.
    public static var current: [MessageTag] { allCases.filter { !$0.isLegacy } }

    /// The distinct type names (old layouts share their successor's name), in tag order.
    public static var typeNames: [String] {
        var names: [String] = []
        for tag in allCases where !names.contains(tag.description) { names.append(tag.description) }
        return names
    }

    /// The signal side's outputs: agents' signals and the values behind them, the blender's
    /// forecasts, the selector's slates. Journaled as signal records when a run records signals
    /// (docs/log-format.md); never part of the decision digest.
    @inlinable public var isSignal: Bool {
        switch self {
        case .signal, .forecast, .slate, .indicator, .custom, .package: true
        default: false
        }
    }

    /// The execution side's outputs are decisions: intents, gate verdicts, orders, venue reports,
    /// fills, positions and cost records. They feed the decision digest and form the decision log.
    @inlinable public var isDecision: Bool {
        switch self {
        case .order, .orderVersion1, .fill, .fillVersion1, .position, .intent, .gate, .report, .tradeCost, .action: true
        default: false
        }
    }
}
