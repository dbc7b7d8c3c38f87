import Actors
import Kernel
import Messages
import ScenarioDefinition
import ScenarioPipeline

/// Puts a ``ChaosInterceptor`` on a scenario's kernel: the roles it aims at and the hooks it
/// needs for faults a delivery cannot express (the gate's kill switch and limits, agent restarts).
public enum ChaosWiring {
    /// Fault events are admitted on this topic (nobody subscribes: the interceptor and the oracle
    /// see them at admission).
    public static let faultsTopic = "chaos.faults"

    public static func install(on kernel: Kernel, scenario: Scenario, seed: UInt64, execution: ExecutionChain?,
                        featureAgents: [AnyFeatureAgent]) -> ChaosInterceptor {
        let enabled = scenario.agents.filter(\.enabled)
        let roles = ChaosInterceptor.Roles(
            agents: enabled.compactMap { kernel.actorID(named: "agent.\($0.name)") }, blender: kernel.actorID(named: "blender"),
            selector: kernel.actorID(named: "selector"), sizer: kernel.actorID(named: "sizer"), router: kernel.actorID(named: "router"),
            broker: kernel.actorID(named: "broker")!, portfolio: kernel.actorID(named: "portfolio")!,
            reportsTopic: kernel.topic(named: Topics.executionReports), fillsTopic: kernel.topic(named: Topics.fills),
            lotSizes: scenario.universe.map(\.lotSize))
        let interceptor = ChaosInterceptor(roles: roles, seed: seed)
        var restarts: [(() -> Void)?] = []
        var features = featureAgents.makeIterator()
        for agent in enabled {
            switch agent.kind {
            case .emaCross: restarts.append(nil)
            case .feature, .technical, .registered: restarts.append(features.next()?.restartLosingState)
            }
        }
        var hooks = ChaosInterceptor.Hooks()
        hooks.restartAgent = { index in if index < restarts.count { restarts[index]?() } }
        if let execution, let base = scenario.execution?.gate {
            let gate = execution.gate
            hooks.killSwitch = { on in gate.assumeIsolated { on ? $0.engageKillSwitch() : $0.resetKillSwitch() } }
            hooks.limitScale = { scale in
                var limits = base
                if let scale {
                    limits.maximumGross *= scale
                    limits.maximumNet *= scale
                    limits.maximumSector *= scale
                    limits.maximumTradeRisk *= scale
                }
                gate.assumeIsolated { $0.reloadLimits(limits) }
            }
        }
        interceptor.hooks = hooks
        kernel.deliveryInterceptor = interceptor
        kernel.addObserver(interceptor)
        return interceptor
    }
}
