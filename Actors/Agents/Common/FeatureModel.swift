import Kernel
import Messages

/// What distinguishes one alternative-data agent from another: which data it reads and how it
/// turns them into a feature per symbol. The ``FeatureAgent`` does the rest (learning μ from the
/// feature, σ from its own residuals, emitting signals).
public protocol FeatureModel: Sendable {
    /// Agent name in reports (`sentiment`, `insider`, …).
    static var agentName: String { get }
    static var modelVersion: UInt16 { get }
    /// Updates the state with one alternative datum. Returns the symbols whose feature changed
    /// (``AltDatum/marketWide`` means all of them).
    mutating func absorb(_ datum: AltDatum) -> SymbolID?
    /// Updates the state with a quote (for market-data agents). Returns the symbols whose feature
    /// changed, as ``absorb(_:)`` does; the default ignores quotes.
    mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID?
    /// The same, given the quote's log mid, which the agent has taken already for its own
    /// tracking: a model that needs it reads it here instead of taking the logarithm again. The
    /// agent calls only this one, and only for a quote with a positive, uncrossed bid and ask;
    /// the default passes the quote on to ``absorb(quote:time:)``.
    mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID?
    /// Updates the state with a trade; the default ignores trades.
    mutating func absorb(trade: Trade, time: Timestamp) -> SymbolID?
    /// The current feature of a symbol, or nil while there is not enough data (no signal then).
    func feature(of symbol: Int) -> Double?
    /// A regime label for the signal (0 = unknown).
    var regime: UInt8 { get }
    /// The indicator values behind a symbol's current feature, for the journal (called only when
    /// the run journals signals); the default has none.
    func forEachIndicator(of symbol: Int, _ body: (IndicatorValue.Kind, Double) -> Void)
    /// A package's own values behind a symbol's current feature, each with the package's
    /// permanent id for it (``CustomValue``), for the journal (called only when the run journals
    /// signals); the default has none.
    func forEachCustomValue(of symbol: Int, _ body: (_ valueID: UInt16, _ value: Double) -> Void)
    /// Whether the model sends messages of its package's own types (``sendMessages(about:traceID:_:)``):
    /// only then does its agent publish on `package.messages`; the default does not.
    static var sendsPackageMessages: Bool { get }
    /// The package's own messages about `symbol`, sent when its feature changed, before the signal
    /// (``PackageMessageType/packed(traceID:)`` makes one under `traceID`); called only when
    /// ``sendsPackageMessages``. They are delivered to the package's receivers like any message
    /// (docs/extending.md).
    mutating func sendMessages(about symbol: Int, traceID: UInt64, _ send: (PackageMessage) -> Void)
    /// What the kernel calls with each delivery to this model's agent: `{ $0.receive($1) }`,
    /// written in the model's own declaration, where `Self` is concrete, so that it calls the
    /// agent's `receive` specialized for the model. Through the `Component` witness (the
    /// default, written generically) it runs the generic body, where every use of the model goes
    /// through its metadata and witness table: correct, but measurably slower in calm-day
    /// (docs/performance.md). Every library model declares its own:
    /// the declaration cannot be shared, since it is the concrete type that makes it fast.
    static var featureAgentReceiver: (isolated FeatureAgent<Self>, UnsafePointer<Delivery>) -> Void { get }
}

extension FeatureModel {
    public static var featureAgentReceiver: (isolated FeatureAgent<Self>, UnsafePointer<Delivery>) -> Void { { $0.receive($1.pointee) } }
    public var regime: UInt8 { 0 }
    public func forEachIndicator(of symbol: Int, _ body: (IndicatorValue.Kind, Double) -> Void) {}
    public func forEachCustomValue(of symbol: Int, _ body: (_ valueID: UInt16, _ value: Double) -> Void) {}
    public static var sendsPackageMessages: Bool { false }
    public mutating func sendMessages(about symbol: Int, traceID: UInt64, _ send: (PackageMessage) -> Void) {}
    public mutating func absorb(_ datum: AltDatum) -> SymbolID? { nil }
    public mutating func absorb(quote: Quote, time: Timestamp) -> SymbolID? { nil }
    public mutating func absorb(quote: Quote, logMid: Double, time: Timestamp) -> SymbolID? { absorb(quote: quote, time: time) }
    public mutating func absorb(trade: Trade, time: Timestamp) -> SymbolID? { nil }
}
