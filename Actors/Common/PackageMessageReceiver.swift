import Kernel
import Messages

/// A package's component that receives message types of the package's own (``PackageMessage``,
/// docs/extending.md): its gate checks, routing rules and policy deciders. The stage that holds
/// it subscribes to `package.messages` only when one of its components names a type here, so a
/// run without package messages is wired, and hashed, as before.
public protocol PackageMessageReceiver {
    /// The ``PackageMessageType/typeID``s it receives; the default none.
    var receivedMessageTypes: [UInt16] { get }
    /// One message of a type it named, at the kernel's time of delivery, before anything the same
    /// input causes later in the stage.
    mutating func receive(_ message: PackageMessage, at time: Timestamp)
}

extension PackageMessageReceiver {
    public var receivedMessageTypes: [UInt16] { [] }
    public mutating func receive(_ message: PackageMessage, at time: Timestamp) {}
}

