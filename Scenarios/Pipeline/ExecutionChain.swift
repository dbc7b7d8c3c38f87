import Actors
import Kernel
import ScenarioDefinition

/// The execution side of a run: sizer → gate → router (the broker and the portfolio are wired
/// for every run).
public struct ExecutionChain {
    public let sizer: Sizer
    public let gate: RiskGate
    public let router: Router
}

extension Kernel {
    /// Spawns the sizer, the gate and the router, in that order; the router prices the broker's venues.
    public func spawnExecution(_ settings: ExecutionSettings, scenario: Scenario, venues: [VenueCosts]) -> ExecutionChain {
        let universe = scenario.universe
        let cash = scenario.account.initialCashMinorUnits
        let sizer = spawn("sizer") { Sizer(context: $0, parameters: settings.sizer, instruments: universe, initialCashMinorUnits: cash) }
        let gate = spawn("gate") { RiskGate(context: $0, limits: settings.gate, instruments: universe, initialCashMinorUnits: cash) }
        var routerParameters = settings.router
        routerParameters.venues = venues
        let router = spawn("router") { Router(context: $0, parameters: routerParameters, instruments: universe) }
        return ExecutionChain(sizer: sizer, gate: gate, router: router)
    }
}
