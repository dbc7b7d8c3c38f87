import Kernel

/// A message type of a package's own (docs/extending.md): a struct the package's components
/// exchange, travelling as a ``PackageMessage``. The package registers it once
/// (`ComponentRegistry.registerMessage`), which names it in logs, `log cat` and replay's check.
public protocol PackageMessageType: Sendable {
    /// The package's permanent number for the type: like a message tag, never reused for another
    /// layout (a changed layout gets a new number).
    static var typeID: UInt16 { get }
    /// Its name in logs and `log cat`.
    static var typeName: String { get }
    static var version: UInt16 { get }
    /// The names of its values, in order (at most ``PackageMessage/valueCount``).
    static var valueNames: [String] { get }
    var symbol: SymbolID { get }
    /// Its values, in the order of ``valueNames`` (the rest 0).
    var values: (Double, Double, Double, Double) { get }
    init(symbol: SymbolID, values: (Double, Double, Double, Double))
}

extension PackageMessageType {
    /// The message to send, under the trace id of the delivery that caused it.
    public func packed(traceID: UInt64) -> PackageMessage {
        PackageMessage(typeID: Self.typeID, symbol: symbol, values: values, traceID: traceID)
    }

    /// The package's struct, if `message` is of this type.
    public init?(_ message: PackageMessage) {
        guard message.typeID == Self.typeID else { return nil }
        self.init(symbol: message.symbol, values: message.values)
    }
}
