/// The standard topic names between pipeline stages, in flow order.
public enum Topics {
    /// Feeds → input defense: raw ``Quote`` inputs, as journaled.
    public static let rawQuotes = "market.raw.quotes"
    /// Input defense → agents, broker, portfolio: quotes that passed the checks.
    public static let quotes = "market.quotes"
    /// Feeds → input defense: raw ``Trade`` inputs.
    public static let rawTrades = "market.raw.trades"
    /// Input defense → agents: trades that passed the checks.
    public static let trades = "market.trades"
    /// Feeds → input defense: raw alternative data (``AltDatum``).
    public static let rawAlternativeData = "alt.raw"
    /// Bars as a live feed sends them (no built-in agent reads them yet; they are journaled).
    public static let rawBars = "market.raw.bars"
    /// Input defense → agents: alternative data with finite values.
    public static let alternativeData = "alt.data"
    /// Agents → trader (later: blender).
    public static let signals = "signals"
    /// Blender → selector (and the trader, until the selector is wired): ``Forecast``s.
    public static let forecasts = "forecasts"
    /// Selector → trader: ``SlateEntry`` picks.
    public static let slates = "slates"
    /// Sizer → gate: ``Intent``s (target positions with the numbers behind them).
    public static let intents = "intents"
    /// Gate → router: intents the gate let through, with the approved quantity.
    public static let approvedIntents = "intents.approved"
    /// Gate → decision log: every ``GateDecision``.
    public static let gateDecisions = "gate.decisions"
    /// Router (or the simple trader) → broker.
    public static let orders = "orders"
    /// Broker → portfolio, router, gate.
    public static let fills = "fills"
    /// Broker → router: acks, rejects, cancels, expiries (``ExecutionReport``).
    public static let executionReports = "execution.reports"
    /// Router → decision log: a ``TradeCostRecord`` per finished order.
    public static let tradeCosts = "tca"
    /// Portfolio → anyone: position and cash after each fill.
    public static let positions = "positions"
}
