/// A sweep, walk-forward or evaluation that cannot run as asked; the message says what was expected.
public struct EvaluationError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
