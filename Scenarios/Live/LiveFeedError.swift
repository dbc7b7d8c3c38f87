/// A live feed that cannot be opened.
public enum LiveFeedError: Error, Sendable, CustomStringConvertible {
    case cannotConnect(String, String)
    case cannotListen(String, String)
    case cannotOpen(String, String)

    public var description: String {
        switch self {
        case .cannotConnect(let endpoint, let reason): "cannot connect to the feed at \(endpoint): \(reason)"
        case .cannotListen(let endpoint, let reason): "cannot listen on \(endpoint): \(reason)"
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        }
    }
}
