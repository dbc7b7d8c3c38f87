/// Where a live run reads its feed: `tcp://HOST:PORT` or `stdin`.
public enum FeedEndpoint: Sendable, Equatable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case standardInput

    /// Nil with a reason for anything else.
    public static func parse(_ text: String) -> Result<FeedEndpoint, FeedEndpointError> {
        if text == "stdin" || text == "-" { return .success(.standardInput) }
        guard text.hasPrefix("tcp://") else { return .failure(FeedEndpointError(text: text, reason: "expected tcp://HOST:PORT or stdin")) }
        let rest = text.dropFirst("tcp://".count)
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65_535).contains(port) else {
            return .failure(FeedEndpointError(text: text, reason: "expected a port 1…65535 after the host, as in tcp://127.0.0.1:9000"))
        }
        var host = String(rest[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return .failure(FeedEndpointError(text: text, reason: "expected a host before the port")) }
        return .success(.tcp(host: host, port: port))
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        case .standardInput: "stdin"
        }
    }
}
