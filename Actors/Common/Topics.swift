/// The standard topic names between pipeline stages, in flow order. Who publishes and who
/// subscribes to each is ``PipelineTable``.
public enum Topics {
    /// Raw ``Quote`` inputs, as journaled.
    public static let rawQuotes = "market.raw.quotes"
    /// Quotes that passed the input defense.
    public static let quotes = "market.quotes"
    /// Raw ``Trade`` inputs.
    public static let rawTrades = "market.raw.trades"
    /// Trades that passed the input defense.
    public static let trades = "market.trades"
    /// Raw alternative data (``AltDatum``).
    public static let rawAlternativeData = "alt.raw"
    /// Bars as a live feed sends them (no built-in component reads them yet; they are journaled).
    public static let rawBars = "market.raw.bars"
    /// Alternative data with finite values.
    public static let alternativeData = "alt.data"
    /// The agents' ``Signal``s.
    public static let signals = "signals"
    /// Messages of types other packages define (``PackageMessage``), from their agents.
    public static let packageMessages = "package.messages"
    /// The blender's ``Forecast``s.
    public static let forecasts = "forecasts"
    /// The selector's ``SlateEntry`` picks.
    public static let slates = "slates"
    /// A policy stage's ``PolicyAction``s (docs/python.md).
    public static let policyActions = "policy.actions"
    /// ``Intent``s: target positions with the numbers behind them.
    public static let intents = "intents"
    /// Intents the gate let through, with the approved quantity.
    public static let approvedIntents = "intents.approved"
    /// Every ``GateDecision``.
    public static let gateDecisions = "gate.decisions"
    /// ``Order``s to the broker.
    public static let orders = "orders"
    /// The broker's ``Fill``s.
    public static let fills = "fills"
    /// Acks, rejects, cancels, expiries (``ExecutionReport``).
    public static let executionReports = "execution.reports"
    /// A ``TradeCostRecord`` per finished order.
    public static let tradeCosts = "tca"
    /// Position and cash after each fill.
    public static let positions = "positions"
}
