/// A sweep that cannot run as asked: the message says what was expected.
public struct SweepError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
