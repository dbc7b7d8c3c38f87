import Actors
import Kernel

/// The execution side of a run: sizer → gate → router (the broker and the portfolio are wired
/// for every run).
public struct ExecutionChain {
    public let sizer: Sizer
    public let gate: RiskGate
    public let router: Router
}

extension Kernel {
    /// Spawns the sizer, the gate and the router, in that order; the router prices the broker's venues.
    func spawnExecution(_ settings: ExecutionSettings, scenario: Scenario, venues: [VenueCosts]) -> ExecutionChain {
        let universe = scenario.universe
        let cash = scenario.account.initialCashMinorUnits
        var sizer: Sizer?
        spawn("sizer") { context in
            let made = Sizer(context: context, parameters: settings.sizer, instruments: universe, initialCashMinorUnits: cash)
            sizer = made
            return made
        }
        var gate: RiskGate?
        spawn("gate") { context in
            let made = RiskGate(context: context, limits: settings.gate, instruments: universe, initialCashMinorUnits: cash)
            gate = made
            return made
        }
        var routerParameters = settings.router
        routerParameters.venues = venues
        var router: Router?
        spawn("router") { context in
            let made = Router(context: context, parameters: routerParameters, instruments: universe)
            router = made
            return made
        }
        return ExecutionChain(sizer: sizer!, gate: gate!, router: router!)
    }
}
