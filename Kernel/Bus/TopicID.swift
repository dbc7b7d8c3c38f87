/// A publish/subscribe topic, resolved from its name once at set-up so that publishing is an
/// array index, never a dictionary lookup.
public struct TopicID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public var description: String { "topic#\(rawValue)" }
}
