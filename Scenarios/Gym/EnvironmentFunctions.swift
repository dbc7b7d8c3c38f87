import Actors
import Foundation
import Kernel

// The Gymnasium environment's C ABI (libMetronomeGym.so; python/metronome_gym/_native.py loads
// it with ctypes; docs/python.md). Every function returns at once except reset and step, which
// wait for the run's next decision point. An environment handle is used from one thread at a time.
//
// Status codes: 0 a decision point (an observation to act on), 1 the episode ended (the
// observation is the final one), -1 an error (its text in `error`).

private func environment(_ handle: UnsafeMutableRawPointer) -> GymEnvironment {
    Unmanaged<GymEnvironment>.fromOpaque(handle).takeUnretainedValue()
}

/// Loads a scenario (a path, or a library name) with a `policy:` section; nil on error.
@_cdecl("metronome_env_open")
public func metronomeEnvOpen(_ scenario: UnsafePointer<CChar>?, _ errorText: UnsafeMutablePointer<CChar>?, _ errorCapacity: Int64)
    -> UnsafeMutableRawPointer? {
    do {
        let made = try GymEnvironment(scenarioPath: CText.string(scenario) ?? "")
        return Unmanaged.passRetained(made).toOpaque()
    } catch {
        CText.copy("\(error)", into: errorText, capacity: errorCapacity)
        return nil
    }
}

@_cdecl("metronome_env_observation_size")
public func metronomeEnvObservationSize(_ handle: UnsafeMutableRawPointer) -> Int64 {
    Int64(environment(handle).policy.featureCount)
}

/// Writes the four `MultiDiscrete` sizes: directions (3), sizes, stops, take-profits.
@_cdecl("metronome_env_action_dims")
public func metronomeEnvActionDims(_ handle: UnsafeMutableRawPointer, _ dimensions: UnsafeMutablePointer<Int64>) {
    for (index, size) in environment(handle).actionDimensions.enumerated() { dimensions[index] = Int64(size) }
}

/// The `policy:` section's menus as JSON (size fractions, stop and take-profit multiples,
/// `max_position`, decision interval in nanoseconds), for the Python side's documentation of a step.
@_cdecl("metronome_env_describe")
public func metronomeEnvDescribe(_ handle: UnsafeMutableRawPointer, _ json: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int64 {
    let environment = environment(handle)
    let policy = environment.policy
    let fields: [String: Any] = [
        "scenario": environment.scenario.name, "symbol": environment.scenario.universe[Int(policy.symbol)].symbol,
        "size_fractions": policy.sizeFractions, "stop_multiples": policy.stopMultiples,
        "take_profit_multiples": policy.takeProfitMultiples, "max_position": policy.maximumLots,
        "decision_interval_ns": policy.decisionIntervalNanoseconds, "return_window": policy.returnWindow,
        "currency": environment.scenario.account.currency,
    ]
    let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    return CText.copy(String(decoding: data, as: UTF8.self), into: json, capacity: capacity)
}

/// Starts an episode with `seed` (dropping the current one), recording it to `recordPath` when not
/// nil; writes the first observation and `state` = (step, time in ns, equity in minor units).
@_cdecl("metronome_env_reset")
public func metronomeEnvReset(_ handle: UnsafeMutableRawPointer, _ seed: UInt64, _ recordPath: UnsafePointer<CChar>?, _ recordSignals: Int32,
                              _ observation: UnsafeMutablePointer<Double>, _ state: UnsafeMutablePointer<Int64>,
                              _ errorText: UnsafeMutablePointer<CChar>?, _ errorCapacity: Int64) -> Int32 {
    let environment = environment(handle)
    do {
        let progress = try environment.reset(seed: seed, recordPath: CText.string(recordPath), recordSignals: recordSignals != 0)
        return report(environment, progress, observation: observation, reward: nil, state: state)
    } catch {
        CText.copy("\(error)", into: errorText, capacity: errorCapacity)
        return -1
    }
}

/// The first half of a reset: starts the episode and returns at once; ``metronomeEnvAwait`` waits
/// for its first decision point.
@_cdecl("metronome_env_begin_reset")
public func metronomeEnvBeginReset(_ handle: UnsafeMutableRawPointer, _ seed: UInt64, _ recordPath: UnsafePointer<CChar>?,
                                   _ recordSignals: Int32) {
    environment(handle).beginReset(seed: seed, recordPath: CText.string(recordPath), recordSignals: recordSignals != 0)
}

/// Acts with `action` (four indices, as the action space's sample) and runs to the next decision
/// point or the end; writes the observation, the interval's reward and `state`.
@_cdecl("metronome_env_step")
public func metronomeEnvStep(_ handle: UnsafeMutableRawPointer, _ action: UnsafePointer<Int64>, _ observation: UnsafeMutablePointer<Double>,
                             _ reward: UnsafeMutablePointer<Double>, _ state: UnsafeMutablePointer<Int64>,
                             _ errorText: UnsafeMutablePointer<CChar>?, _ errorCapacity: Int64) -> Int32 {
    let environment = environment(handle)
    do {
        let progress = try environment.step([action[0], action[1], action[2], action[3]])
        return report(environment, progress, observation: observation, reward: reward, state: state)
    } catch {
        CText.copy("\(error)", into: errorText, capacity: errorCapacity)
        return -1
    }
}

/// The first half of a step: hands the run `action` and returns at once (0, or −1 with the error);
/// ``metronomeEnvAwait`` is the second. A vector of environments acts on every one, then awaits
/// each, so their runs go on side by side.
@_cdecl("metronome_env_act")
public func metronomeEnvAct(_ handle: UnsafeMutableRawPointer, _ action: UnsafePointer<Int64>,
                            _ errorText: UnsafeMutablePointer<CChar>?, _ errorCapacity: Int64) -> Int32 {
    do {
        try environment(handle).act([action[0], action[1], action[2], action[3]])
        return 0
    } catch {
        CText.copy("\(error)", into: errorText, capacity: errorCapacity)
        return -1
    }
}

/// The second half of a step: waits for the next decision point or the end; as ``metronomeEnvStep``.
@_cdecl("metronome_env_await")
public func metronomeEnvAwait(_ handle: UnsafeMutableRawPointer, _ observation: UnsafeMutablePointer<Double>,
                              _ reward: UnsafeMutablePointer<Double>, _ state: UnsafeMutablePointer<Int64>,
                              _ errorText: UnsafeMutablePointer<CChar>?, _ errorCapacity: Int64) -> Int32 {
    let environment = environment(handle)
    do {
        return report(environment, try environment.awaitDecision(), observation: observation, reward: reward, state: state)
    } catch {
        CText.copy("\(error)", into: errorText, capacity: errorCapacity)
        return -1
    }
}

private func report(_ environment: GymEnvironment, _ progress: GymEnvironment.Progress, observation: UnsafeMutablePointer<Double>,
                    reward: UnsafeMutablePointer<Double>?, state: UnsafeMutablePointer<Int64>) -> Int32 {
    // The run waits for an action (or has ended): its hand-over fields are still.
    if let decider = environment.episode?.decider {
        for (index, value) in decider.observation.enumerated() { observation[index] = value }
        reward?.pointee = decider.reward
        state[0] = Int64(decider.step)
        state[1] = Int64(truncatingIfNeeded: decider.time)
        state[2] = decider.equityMinorUnits
    }
    return progress == .ended ? 1 : 0
}

/// The finished episode's summary as JSON (``EpisodeSummary``); returns the bytes it needs
/// (0 before an episode has ended).
@_cdecl("metronome_env_result")
public func metronomeEnvResult(_ handle: UnsafeMutableRawPointer, _ json: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int64 {
    guard let episode = environment(handle).episode, let outcome = episode.outcome else { return 0 }
    return CText.copy(EpisodeSummary(outcome: outcome, log: episode.recordPath).json, into: json, capacity: capacity)
}

/// Drops the current episode and frees the environment.
@_cdecl("metronome_env_close")
public func metronomeEnvClose(_ handle: UnsafeMutableRawPointer) {
    let environment = Unmanaged<GymEnvironment>.fromOpaque(handle)
    environment.takeUnretainedValue().close()
    environment.release()
}
