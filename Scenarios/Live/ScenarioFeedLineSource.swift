import Actors
import Kernel
import Messages
import ScenarioDefinition
import ScenarioRunning

/// A scenario's feeds (generated or loaded, as a simulation would admit them) as live lines.
public struct ScenarioFeedLineSource: FeedLineSource {
    private var sources: [any InputSource<Message>]
    private var heads: [InputRecord?]
    private let encoder: LiveLineEncoder
    /// Inputs the protocol does not carry (none of the built-in feeds make any).
    public private(set) var skipped: UInt64 = 0

    /// - Parameter until: no input after this simulated time (default: the scenario's end).
    public init(scenario: Scenario, seed: UInt64? = nil, until: Timestamp? = nil) throws {
        let seed = seed ?? scenario.seed
        let end = min(until ?? scenario.endTime, scenario.endTime)
        // A kernel only to name the topics; it never runs.
        let kernel = Kernel(configuration: KernelConfiguration(mode: .simulate, seed: seed, startTime: scenario.startTime, endTime: end))
        sources = try ScenarioFeeds.sources(of: scenario, kernel: kernel, seed: seed, end: end)
        heads = []
        for index in sources.indices { heads.append(try sources[index].next()) }
        encoder = LiveLineEncoder(symbols: scenario.universe.map { ($0.symbol, $0.pricePrecision) })
    }

    /// The source whose head comes first (the first declared on equal times, as in a simulation).
    private func earliest() -> Int? {
        var best: Int?
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            if let current = best, let bestHead = heads[current], bestHead.time <= head.time { continue }
            best = index
        }
        return best
    }

    public mutating func nextTime() throws -> Timestamp? {
        earliest().flatMap { heads[$0]?.time }
    }

    public mutating func appendNext(stamp: Timestamp, to buffer: inout [UInt8]) throws {
        guard let index = earliest(), let record = heads[index] else { return }
        heads[index] = try sources[index].next()
        if !encoder.append(record.message, time: stamp, to: &buffer) { skipped &+= 1 }
    }
}
