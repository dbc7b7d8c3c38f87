import Actors
import Kernel
import Messages

/// A feature agent of any model, for the runner's bookkeeping after a run (read on the kernel
/// thread once the kernel has finished).
public struct AnyFeatureAgent {
    public let signalsEmitted: () -> Int
    public let packageMessagesSent: () -> Int
    public let hitRate: () -> Double?
    public let informationCoefficient: () -> Double?
    /// Chaos: restart losing state (on the kernel thread, during the run).
    public let restartLosingState: () -> Void
    /// The agent's μ changes made before a time (``FeatureAgent/removeSilenceChanges(before:)``).
    public let removeSilenceChanges: (Timestamp) -> [SilenceChange]

    init<Model: FeatureModel>(_ agent: FeatureAgent<Model>) {
        signalsEmitted = { agent.assumeIsolated { $0.signalsEmitted } }
        packageMessagesSent = { agent.assumeIsolated { $0.packageMessagesSent } }
        hitRate = { agent.assumeIsolated { $0.hitRate } }
        informationCoefficient = { agent.assumeIsolated { $0.informationCoefficient } }
        restartLosingState = { agent.assumeIsolated { $0.restartLosingState() } }
        removeSilenceChanges = { cutoff in agent.assumeIsolated { $0.removeSilenceChanges(before: cutoff) } }
    }
}

extension Kernel {
    /// Spawns a ``FeatureAgent`` for `model`.
    func spawnFeatureAgent<Model: FeatureModel>(_ name: String, _ model: Model, _ parameters: FeatureAgentParameters,
                                                _ symbolCount: Int) -> FeatureAgent<Model> {
        spawn(name, receiving: Model.featureAgentReceiver) { context in
            FeatureAgent(context: context, model: model, parameters: parameters, symbolCount: symbolCount)
        }
    }
}
