import Actors
import Kernel
import Messages

/// The `chaos:` section: which faults a seed may draw and how its plan is shaped (docs/chaos.md).
public struct ChaosSettings: Sendable, Equatable {
    /// The faults a plan may draw from (default: the whole catalog).
    public var faults: [FaultKind]
    /// Swarm testing: each seed switches every candidate fault on with probability ½ (at least one).
    public var swarm: Bool
    /// Fault events per run.
    public var events: Int
    /// Faults start between these offsets from the scenario's start.
    public var windowStartNanoseconds: DurationNanoseconds
    public var windowEndNanoseconds: DurationNanoseconds
    /// A fault lasts between these.
    public var minimumDurationNanoseconds: DurationNanoseconds
    public var maximumDurationNanoseconds: DurationNanoseconds
    /// Liveness: after the last fault ends, the pipeline must resume within this (simulated) time.
    public var livenessNanoseconds: DurationNanoseconds
    /// Queues: the kernel's pending events must stay below this.
    public var maximumPendingEvents: Int
    /// The chaos self-test's planted bug (docs/chaos.md), on in this run and its replays. Set from
    /// `METRONOME_PLANTED_BUG` and written into a recorded run's scenario, so the log replays
    /// without the environment variable.
    public var plantedBug: PlantedBug?

    /// Bugs the self-test can plant, by their `planted_bug:` spelling.
    public enum PlantedBug: String, Sendable, Equatable, CaseIterable {
        /// The portfolio applies a fill it has already applied (same fill id) again.
        case duplicateFills = "duplicate-fills"
    }

    public init(faults: [FaultKind] = FaultKind.allCases, swarm: Bool = true, events: Int = 6,
                windowStartNanoseconds: DurationNanoseconds = 10 * 60_000_000_000, windowEndNanoseconds: DurationNanoseconds = 4 * 3_600_000_000_000,
                minimumDurationNanoseconds: DurationNanoseconds = 5_000_000_000, maximumDurationNanoseconds: DurationNanoseconds = 5 * 60_000_000_000,
                livenessNanoseconds: DurationNanoseconds = 10 * 60_000_000_000, maximumPendingEvents: Int = 1_000_000) {
        self.faults = faults
        self.swarm = swarm
        self.events = events
        self.windowStartNanoseconds = windowStartNanoseconds
        self.windowEndNanoseconds = windowEndNanoseconds
        self.minimumDurationNanoseconds = minimumDurationNanoseconds
        self.maximumDurationNanoseconds = maximumDurationNanoseconds
        self.livenessNanoseconds = livenessNanoseconds
        self.maximumPendingEvents = maximumPendingEvents
    }
}
