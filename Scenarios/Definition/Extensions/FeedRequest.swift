import Actors
import Foundation
import Kernel
import Messages

/// What a registered feed type is told when it makes a run's feed (docs/extending.md).
public struct FeedRequest: Sendable {
    /// The scenario's instruments, in symbol-id order.
    public let universe: [Instrument]
    /// The run's root seed (a feed that draws uses its own stream of it).
    public let seed: UInt64
    /// The run's span: events before `start` or after `end` are not admitted.
    public let start: Timestamp
    public let end: Timestamp
    /// The scenario file's folder: relative paths in the parameters resolve against it.
    public let scenarioFolder: String

    public init(universe: [Instrument], seed: UInt64, start: Timestamp, end: Timestamp, scenarioFolder: String) {
        self.universe = universe
        self.seed = seed
        self.start = start
        self.end = end
        self.scenarioFolder = scenarioFolder
    }

    /// `path` resolved against the scenario's folder.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: scenarioFolder).appendingPathComponent(path).path
    }

    /// The symbol id of `name`, if the universe has it.
    public func symbol(named name: String) -> SymbolID? { universe.firstIndex { $0.symbol == name }.map { SymbolID($0) } }
}
