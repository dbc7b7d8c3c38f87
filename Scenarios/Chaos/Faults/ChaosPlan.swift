import Actors
import Kernel
import Messages
import ScenarioDefinition

/// A chaos run's faults: timed fault events with their parameters. Drawn from the root seed on a
/// stream of its own ("chaos.plan") — or read from a file (`--plan`) — and admitted as inputs, so
/// the run's log holds the plan and replays bit-for-bit.
public struct ChaosPlan: Codable, Sendable, Equatable {
    public struct Fault: Codable, Sendable, Equatable {
        /// The catalog name (docs/chaos.md).
        public var fault: String
        /// From the scenario's start.
        public var start_ns: UInt64
        public var duration_ns: UInt64
        /// A symbol, agent or venue index; nil: everything.
        public var target: UInt32?
        public var magnitude: Double
        public var parameter: Int64

        public var kind: FaultKind? { FaultKind.named(fault) }

        public init(fault: String, start_ns: UInt64, duration_ns: UInt64, target: UInt32?, magnitude: Double, parameter: Int64) {
            self.fault = fault
            self.start_ns = start_ns
            self.duration_ns = duration_ns
            self.target = target
            self.magnitude = magnitude
            self.parameter = parameter
        }
    }

    public var seed: UInt64
    public var faults: [Fault]

    public init(seed: UInt64, faults: [Fault]) {
        self.seed = seed
        self.faults = faults
    }

    /// Swarm testing: the seed first draws which candidate faults are on (each with probability
    /// ½, at least one), then `events` faults among them, each with a start, a duration, a target
    /// and parameters from the fault's ranges.
    public static func draw(settings: ChaosSettings, scenario: Scenario, seed: UInt64, only: [FaultKind]? = nil) -> ChaosPlan {
        var random = RandomStream(rootSeed: seed, streamName: "chaos.plan")
        var candidates = (only ?? settings.faults).filter { settings.faults.contains($0) || only != nil }
        if candidates.isEmpty { candidates = settings.faults }
        if settings.swarm && candidates.count > 1 {
            let on = candidates.filter { _ in random.nextBernoulli(0.5) }
            candidates = on.isEmpty ? [candidates[Int(random.next(below: UInt64(candidates.count)))]] : on
        }
        let agents = scenario.agents.filter(\.enabled).count
        let venues = scenario.broker.venues.count
        var faults: [Fault] = []
        for _ in 0..<settings.events {
            let kind = candidates[Int(random.next(below: UInt64(candidates.count)))]
            let window = max(settings.windowEndNanoseconds, settings.windowStartNanoseconds + 1) - settings.windowStartNanoseconds
            let start = settings.windowStartNanoseconds + random.next(below: window)
            let spread = settings.maximumDurationNanoseconds - settings.minimumDurationNanoseconds
            let duration = settings.minimumDurationNanoseconds + (spread > 0 ? random.next(below: spread + 1) : 0)
            var target: UInt32?
            switch kind.target {
            case .symbol: target = UInt32(random.next(below: UInt64(max(scenario.universe.count, 1))))
            case .agent: target = agents > 0 ? UInt32(random.next(below: UInt64(agents))) : nil
            case .venue: target = UInt32(random.next(below: UInt64(max(venues, 1))))
            case .none: target = nil
            }
            let magnitudes = kind.magnitudeRange
            let magnitude = magnitudes.lowerBound == magnitudes.upperBound ? magnitudes.lowerBound : random.nextDouble(in: magnitudes.lowerBound, magnitudes.upperBound)
            let parameters = kind.parameterRange
            let parameter = parameters.lowerBound + Int64(random.next(below: UInt64(parameters.upperBound - parameters.lowerBound) + 1))
            faults.append(Fault(fault: kind.name, start_ns: start, duration_ns: duration, target: target,
                                magnitude: (magnitude * 1_000).rounded() / 1_000, parameter: parameter))
        }
        faults.sort { ($0.start_ns, $0.fault) < ($1.start_ns, $1.fault) }
        return ChaosPlan(seed: seed, faults: faults)
    }

    /// When the last fault ends, from the start.
    public var endOffsetNanoseconds: UInt64 { faults.map { $0.start_ns + $0.duration_ns }.max() ?? 0 }

    /// The plan as inputs on `topic`: a start and a stop event per fault, in time order (a stop
    /// before a start at the same instant).
    public func inputRecords(start: Timestamp, topic: TopicID) -> [InputRecord] {
        var records: [(Timestamp, Int, InputRecord)] = []
        for (index, fault) in faults.enumerated() {
            guard let kind = fault.kind else { continue }
            let target = fault.target ?? FaultEvent.everything
            let begin = FaultEvent(kind: kind.rawValue, phase: .start, target: target, magnitude: fault.magnitude, parameter: fault.parameter)
            let end = FaultEvent(kind: kind.rawValue, phase: .stop, target: target, magnitude: fault.magnitude, parameter: fault.parameter)
            records.append((start + fault.start_ns, 1, InputRecord(time: start + fault.start_ns, topic: topic, message: .fault(begin))))
            records.append((start + fault.start_ns + fault.duration_ns, 0, InputRecord(time: start + fault.start_ns + fault.duration_ns, topic: topic, message: .fault(end))))
            _ = index
        }
        return records.enumerated().sorted { ($0.element.0, $0.element.1, $0.offset) < ($1.element.0, $1.element.1, $1.offset) }.map(\.element.2)
    }
}
