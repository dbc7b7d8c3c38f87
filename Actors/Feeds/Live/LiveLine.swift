import Kernel
import Messages

/// One parsed line of the live feed protocol (docs/live.md): a market or alternative-data input
/// and the raw topic it goes to.
public struct LiveLine: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case quote, trade, bar, alt
    }

    public var kind: Kind
    public var message: Message

    public init(kind: Kind, message: Message) {
        self.kind = kind
        self.message = message
    }
}
