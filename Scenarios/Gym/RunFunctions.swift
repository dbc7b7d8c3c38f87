import Actors
import Foundation
import Kernel
import ScenarioDefinition
import ScenarioRunning

// A scenario run whose policy stage is a caller's C function (a Python callable through ctypes),
// called in lockstep on the calling thread (docs/python.md, "Python components").

/// Runs the scenario (a path or a library name) with `callback` deciding its policy stage;
/// `seed` replaces the scenario's when `hasSeed` is non-zero, `recordPath` records the run.
/// Writes the run's summary JSON (``EpisodeSummary``) into `json`. Returns 0, or -1 with the
/// error in `error` (a failed callback included: the caller raises its own error then).
@_cdecl("metronome_run_policy")
public func metronomeRunPolicy(_ scenarioPath: UnsafePointer<CChar>?, _ seed: UInt64, _ hasSeed: Int32, _ recordPath: UnsafePointer<CChar>?,
                               _ recordSignals: Int32, _ callback: PolicyCallback, _ context: UnsafeMutableRawPointer?,
                               _ json: UnsafeMutablePointer<CChar>?, _ jsonCapacity: Int64,
                               _ errorText: UnsafeMutablePointer<CChar>?, _ errorCapacity: Int64) -> Int32 {
    do {
        let path = CText.string(scenarioPath) ?? ""
        let scenario = try ScenarioLoader.load(path: ScenarioLocator.resolve(path) ?? path)
        guard let policy = scenario.execution?.policy else {
            throw GymError("\(path): the scenario has no policy: section; a Python policy decides a policy stage (docs/python.md)")
        }
        var options = ScenarioRun.Options(seed: hasSeed != 0 ? seed : nil)
        let log = CText.string(recordPath)
        options.recording = log.map { ScenarioRun.Recording(path: $0, signals: recordSignals != 0) }
        let decider = CallbackPolicyDecider(callback: callback, context: context, parameters: policy)
        let run = try ScenarioRun(scenario: scenario, options: options, policyDecider: decider)
        let kernel = run.kernel
        decider.stopRun = { kernel.requestStop() }
        let outcome = try run.run()
        if let failure = decider.failure { throw GymError(failure) }
        CText.copy(EpisodeSummary(outcome: outcome, log: log).json, into: json, capacity: jsonCapacity)
        return 0
    } catch {
        CText.copy("\(error)", into: errorText, capacity: errorCapacity)
        return -1
    }
}

/// The library's build identity, as a log header records it.
@_cdecl("metronome_build_identity")
public func metronomeBuildIdentity(_ text: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int64 {
    CText.copy(BuildIdentity.text, into: text, capacity: capacity)
}

/// Runs the scenario with its own `policy.decider` (or without a policy stage): the baseline a
/// Python policy's overhead is measured against, and a way to run any scenario from Python.
@_cdecl("metronome_run_scenario")
public func metronomeRunScenario(_ scenarioPath: UnsafePointer<CChar>?, _ seed: UInt64, _ hasSeed: Int32,
                                 _ json: UnsafeMutablePointer<CChar>?, _ jsonCapacity: Int64,
                                 _ errorText: UnsafeMutablePointer<CChar>?, _ errorCapacity: Int64) -> Int32 {
    do {
        let path = CText.string(scenarioPath) ?? ""
        let scenario = try ScenarioLoader.load(path: ScenarioLocator.resolve(path) ?? path)
        let outcome = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(seed: hasSeed != 0 ? seed : nil)).run()
        CText.copy(EpisodeSummary(outcome: outcome, log: nil).json, into: json, capacity: jsonCapacity)
        return 0
    } catch {
        CText.copy("\(error)", into: errorText, capacity: errorCapacity)
        return -1
    }
}
