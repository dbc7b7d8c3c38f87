import Actors
import Foundation
import Kernel
import Messages
import ScenarioDefinition
import ScenarioFaults
import ScenarioRunning

/// Runs one chaos seed: the scenario with that root seed, its plan injected, the oracle watching.
public enum ChaosRun {
    /// - Parameters:
    ///   - plan: run exactly this plan (from `--plan` or the shrinker) instead of drawing one.
    ///   - only: draw only among these faults (`--faults`).
    ///   - recordPath: record the run here.
    public static func run(scenario: Scenario, seed: UInt64, plan explicitPlan: ChaosPlan? = nil, only: [FaultKind]? = nil,
                           until: Timestamp? = nil, recordPath: String? = nil) throws -> ChaosSeedResult {
        let runEnd = min(until ?? scenario.endTime, scenario.endTime)
        let settings = (scenario.chaos ?? ChaosSettings()).clipped(toRunNanoseconds: runEnd > scenario.startTime ? runEnd - scenario.startTime : 0)
        let plan = explicitPlan ?? ChaosPlan.draw(settings: settings, scenario: scenario, seed: seed, only: only)
        let recording = recordPath.map { ScenarioRun.Recording(path: $0, writer: JournalWriter.Options(fsyncIntervalNanoseconds: nil)) }
        var options = ScenarioRun.Options(seed: seed, until: until, logLevel: .error, recording: recording, chaosPlan: plan)
        options.chaosSettings = settings
        let run = try ScenarioRun(scenario: scenario, options: options)
        let portfolio = run.kernel.actorID(named: "portfolio")!
        let oracle = InvariantOracle(scenario: scenario, settings: settings, portfolio: portfolio)
        run.kernel.addObserver(oracle)
        run.kernel.deliveryObserver = oracle
        let outcome = try run.run()
        oracle.finish(endTime: outcome.summary.endTime)
        var fired: [String: UInt64] = [:]
        if let chaos = run.chaos {
            for kind in FaultKind.allCases where chaos.fired[Int(kind.rawValue)] > 0 { fired[kind.name] = chaos.fired[Int(kind.rawValue)] }
        }
        return ChaosSeedResult(seed: seed, plan: plan, violations: oracle.violations, faults_fired: fired,
                               faults_ran: Int(fired.values.reduce(0, +)), events: outcome.summary.deliveries,
                               wall_seconds: Double(outcome.wallNanoseconds) / 1e9, log: recordPath)
    }
}
