import Kernel
import Messages

/// Where a policy stage's choices come from: a seeded random policy, always flat, an outside
/// caller (a Gymnasium environment stepping the run, a Python callable), or a log being replayed.
/// Called on the kernel thread, one decision at a time, while the run waits: whatever it takes,
/// the run's virtual time does not move, so a slow policy changes no digest.
/// A package's own decider may receive the package's own messages (``PackageMessageReceiver``).
public protocol PolicyDecider: AnyObject, PackageMessageReceiver {
    /// The choice at one decision point. `observation` is valid only during the call.
    func decide(_ observation: PolicyObservation) -> PolicyChoice
    /// The run ended: the last observation (with the last interval's reward).
    func finish(_ observation: PolicyObservation)
}

/// What a policy sees at a decision point: the stage's features (docs/python.md lists them, in
/// order) and the reward of the interval that just ended.
public struct PolicyObservation {
    /// The decision's number, from 0 (for ``PolicyDecider/finish(_:)``: the number of decisions).
    public var step: Int
    public var time: Timestamp
    /// The reward of the interval that ended here (0 at the first decision).
    public var reward: Double
    /// The account's equity at the marks, in minor units.
    public var equityMinorUnits: Int64
    public var features: UnsafeBufferPointer<Double>

    public init(step: Int, time: Timestamp, reward: Double, equityMinorUnits: Int64, features: UnsafeBufferPointer<Double>) {
        self.step = step
        self.time = time
        self.reward = reward
        self.equityMinorUnits = equityMinorUnits
        self.features = features
    }
}
