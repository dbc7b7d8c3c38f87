import Messages

/// A message type a package registered (``ComponentRegistry/registerMessage(_:)``): what `log cat`
/// prints for its ``PackageMessage``s, and the name and version a log records so that replay
/// refuses a log whose message types the executable lacks.
public struct RegisteredMessageType: Sendable, Equatable {
    public let typeID: UInt16
    public let name: String
    public let version: UInt16
    /// The names of its values, in order (at most ``PackageMessage/valueCount``).
    public let valueNames: [String]
}
