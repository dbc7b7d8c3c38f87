/// A log recorded with a component type (from another package) that this executable lacks, or
/// has in another version: replay refuses it before reading anything else (docs/extending.md).
public struct ReplayComponentMismatch: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
