/// A scenario whose `policy.decider` is `external` was run without a decider: its actions come
/// from a Gymnasium environment's caller or a Python callable (docs/python.md).
public struct ExternalPolicyRequired: Error, CustomStringConvertible {
    public var scenario: String

    public var description: String {
        "scenario '\(scenario)' has policy.decider: external: its actions come from Python. Step it with the Gymnasium environment "
            + "(metronome_gym.MetronomeEnv) or run it with a Python policy (python -m metronome_gym run SCENARIO --policy MODULE:FUNCTION); "
            + "`metronome replay` replays a log of it without Python; `decider: random` or `decider: flat` runs it here (docs/python.md)"
    }
}
