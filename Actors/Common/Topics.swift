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
    /// Input defense → agents: alternative data with finite values.
    public static let alternativeData = "alt.data"
    /// Agents → trader (later: blender).
    public static let signals = "signals"
    /// Blender → selector (and the trader, until the selector is wired): ``Forecast``s.
    public static let forecasts = "forecasts"
    /// Selector → trader: ``SlateEntry`` picks.
    public static let slates = "slates"
    /// Trader (later: router) → broker.
    public static let orders = "orders"
    /// Broker → portfolio.
    public static let fills = "fills"
    /// Portfolio → anyone: position and cash after each fill.
    public static let positions = "positions"
}
