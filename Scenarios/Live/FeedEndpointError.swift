/// A `--feed` value that is neither `tcp://HOST:PORT` nor `stdin`.
public struct FeedEndpointError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "'\(text)': \(reason)" }
}
