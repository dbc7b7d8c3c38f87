/// A scenario names a feed type this executable does not register (it was loaded by one that did).
public struct FeedTypeMissing: Error, CustomStringConvertible {
    public var type: String
    public var description: String {
        "feed type '\(type)' is not registered by this executable: run the scenario with the executable of the package that provides it (docs/extending.md)"
    }
}
