import Kernel
import Messages
import ScenarioDefinition

extension ChaosSettings {
    /// The settings with their fault window inside a run of `runNanoseconds` (from the start to
    /// the scenario's end, or to `--until`): every fault a plan draws then starts before the run
    /// ends, instead of being planned and silently never admitted. A window that lies wholly after
    /// the end becomes the run's whole span.
    public func clipped(toRunNanoseconds runNanoseconds: DurationNanoseconds) -> ChaosSettings {
        var settings = self
        settings.windowEndNanoseconds = min(windowEndNanoseconds, runNanoseconds)
        if settings.windowStartNanoseconds >= settings.windowEndNanoseconds { settings.windowStartNanoseconds = 0 }
        return settings
    }
}
