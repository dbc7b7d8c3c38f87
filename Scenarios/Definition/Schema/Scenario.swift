import Actors
import Kernel
import Messages

/// A scenario file, parsed and checked (schema version 1; field by field in docs/scenarios.md).
public struct Scenario: Sendable, Equatable {
    public static let schemaVersion = 1

    public var name: String
    public var description: String
    public var seed: UInt64
    public var startTime: Timestamp
    public var endTime: Timestamp
    public var account: AccountSettings
    public var universe: [Instrument]
    public var feeds: [FeedSettings]
    public var agents: [AgentSettings]
    /// The blender, when the scenario has one (the trader then follows its forecasts).
    public var blender: BlenderSettings?
    /// The selector, when the scenario has one (it needs a blender; the trader then follows slates).
    public var selector: Selector.Parameters?
    public var trader: SignalTrader.Parameters
    /// The execution side (sizer → gate → router), when the scenario has a `sizer:` section; it
    /// then replaces the simple trader.
    public var execution: ExecutionSettings?
    public var broker: SimulatedBroker.Parameters
    /// Per entry of `broker.venues`: the adapter another package registered for it
    /// (`adapter:`), nil for the simulated venue; empty when no venue names one.
    public var venueAdapters: [RegisteredComponent?] = []
    /// The `record:` section: record `metronome run` to this log unless `--record` says otherwise.
    public var record: RecordSettings?
    /// The `chaos:` section: the faults `metronome chaos` may inject (docs/chaos.md).
    public var chaos: ChaosSettings?
    /// The file's text, exactly as read (the journal embeds it).
    public var sourceText: String
    /// Where it was read from.
    public var sourcePath: String
    /// The `budgets:` section: latency budgets per stage, checked by `metronome bench FILE`. They
    /// only observe: a run is the same with or without them.
    public var budgets: LatencyBudgets? = nil
    /// The `metrics:` section: the report's annualization calendar and the deflated Sharpe
    /// ratio's trials. Only the report reads it.
    public var metrics = MetricsSettings()
}

/// The trading account.
public struct AccountSettings: Sendable, Equatable {
    public var currency: String
    public var initialCashMinorUnits: Int64
}

/// One feed of the scenario.
public struct FeedSettings: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case gbm(GBMQuoteFeed.Parameters)
        case synthetic(SyntheticMarketFeed.Parameters)
        /// Quotes and trades from a tick CSV (path resolved against the scenario's folder).
        case tickCSV(path: String, latencyNanoseconds: DurationNanoseconds)
        /// Quotes, trades or bars from a file read with a declared layout (`layout:`, `columns:`);
        /// `symbol` is the feed's one symbol when it names one.
        case layoutCSV(path: String, layout: CSVLayout, latencyNanoseconds: DurationNanoseconds, symbol: SymbolID?)
        /// One symbol's daily bars (shared market-data format) replayed as four quotes a day, and
        /// optionally a VIX-like index from their realized volatility.
        case dailyBars(path: String, symbol: SymbolID, volatilityWindow: Int?)
        /// A dated series (one column, or the difference of two) as market-wide alternative data.
        case dailySeries(path: String, kind: AltDatum.Kind, column: String, minus: String?)
        /// A feed type another package registered (docs/extending.md), with its own parameters.
        case registered(type: String, parameters: ComponentParameters)
    }

    public var name: String
    public var kind: Kind
    /// The `guard:` key: the input defense's outlier filter for this feed's quotes; nil takes
    /// the default for the feed's resolution (``defaultSpikeFilter``).
    public var spikeFilter: SpikeFilterSettings? = nil
    /// A file feed's `trade_quotes:`: synthetic quotes from its trades (by default for the
    /// symbols it has trades but no quotes for).
    public var tradeQuotes: TradeQuoteSettings = .automatic

    /// The data file the feed reads, if it reads one.
    public var dataPath: String? {
        switch kind {
        case .gbm, .synthetic, .registered: nil
        case .tickCSV(let path, _), .layoutCSV(let path, _, _, _), .dailyBars(let path, _, _), .dailySeries(let path, _, _, _): path
        }
    }
}

/// One agent of the scenario.
public struct AgentSettings: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case emaCross(EMACrossAgent.Parameters)
        /// An alternative-data agent (`sentiment`, `insider`, `money-flows`, `value`, `macro`).
        case feature(type: String, horizonNanoseconds: DurationNanoseconds, agentID: UInt16)
        /// The Technical agent: indicators on time bars of `barNanoseconds`.
        case technical(barNanoseconds: DurationNanoseconds, horizonNanoseconds: DurationNanoseconds, agentID: UInt16)
        /// An agent type another package registered (``ComponentRegistry``): its model is made
        /// from `parameters` when the run spawns it.
        case registered(type: String, horizonNanoseconds: DurationNanoseconds, agentID: UInt16, parameters: ComponentParameters)
    }

    public var name: String
    public var weight: Double
    public var enabled: Bool
    public var kind: Kind

    /// The `type:` the scenario gave.
    public var typeName: String {
        switch kind {
        case .emaCross: "ema-cross"
        case .feature(let type, _, _): type
        case .technical: "technical"
        case .registered(let type, _, _, _): type
        }
    }
}

/// The `sizer:` (or `policy:`), `gate:` and `router:` sections.
public struct ExecutionSettings: Sendable, Equatable {
    /// The sizer; nil when a policy stage takes its place.
    public var sizer: Sizer.Parameters?
    /// A sizing rule another package registered (`sizer.rule`), in place of the sizer's Kelly sizing.
    public var sizingRule: RegisteredComponent? = nil
    /// The policy stage (docs/python.md), in the sizer's place.
    public var policy: PolicyStage.Parameters?
    /// The decider type another package registered, when `policy.decider` names one.
    public var registeredPolicy: RegisteredComponent?
    public var gate: GateLimits
    /// Checks other packages registered (`gate.checks`), after the gate's own limits, in order.
    public var gateChecks: [RegisteredComponent] = []
    /// The router's settings; its venues are the broker's (filled in when the run is wired).
    public var router: Router.Parameters
    /// A routing rule another package registered (`router.policy`), in place of the router's own.
    public var routerPolicy: RegisteredComponent? = nil
}

/// The `record:` section.
public struct RecordSettings: Sendable, Equatable {
    /// Relative paths are relative to the working directory, like `--record`.
    public var path: String
    public var codec: BlockCodec
    public var level: Int32?
    public var blockBytes: Int
    public var fsyncIntervalNanoseconds: DurationNanoseconds?
}

/// The `blender:` section.
public struct BlenderSettings: Sendable, Equatable {
    public var horizonNanoseconds: DurationNanoseconds
    public var evaluationIntervalNanoseconds: DurationNanoseconds
    public var learningRate: Double
    public var stressRatio: Double
    /// The least weight an agent keeps (`weight_floor`).
    public var weightFloor: Double
}
