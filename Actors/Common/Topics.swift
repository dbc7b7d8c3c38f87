/// The standard topic names between pipeline stages, in flow order.
public enum Topics {
    /// Feeds → input defense: raw ``Quote`` inputs, as journaled.
    public static let rawQuotes = "market.raw.quotes"
    /// Input defense → agents, broker, portfolio: quotes that passed the checks.
    public static let quotes = "market.quotes"
    /// Feeds → agents: ``Trade`` inputs.
    public static let trades = "market.trades"
    /// Agents → trader (later: blender).
    public static let signals = "signals"
    /// Trader (later: router) → broker.
    public static let orders = "orders"
    /// Broker → portfolio.
    public static let fills = "fills"
    /// Portfolio → anyone: position and cash after each fill.
    public static let positions = "positions"
}
