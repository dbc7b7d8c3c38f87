/// An evaluation that cannot be made as asked; the message says why.
public struct EvaluationError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
