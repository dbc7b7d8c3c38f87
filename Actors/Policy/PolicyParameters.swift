import Kernel
import Messages

extension PolicyStage {
    /// The `policy:` section (docs/python.md): which symbol, how often, the action's menus, the
    /// observation's return window, the reward's weights and where the choices come from.
    public struct Parameters: Sendable, Equatable {
        /// Where the stage's choices come from.
        public enum Decider: String, Sendable, CaseIterable {
            /// Uniformly random, from the run's seed.
            case random
            /// Always flat.
            case flat
            /// From outside the scenario: a Gymnasium environment or a Python callable
            /// (docs/python.md); `metronome run` cannot run it, `metronome replay` can.
            case external
        }

        /// The instrument the policy trades (an index into the universe).
        public var symbol: SymbolID = 0
        /// Time between two decisions; a decision waits for a quote when none came in the interval.
        public var decisionIntervalNanoseconds: DurationNanoseconds = 300_000_000_000
        /// Lots held at size fraction 1.
        public var maximumLots: Int64 = 1
        /// The action's size menu: the share of `maximumLots` to hold.
        public var sizeFractions: [Double] = [0.25, 0.5, 0.75, 1]
        /// The action's stop menu, in σ of one interval's return; 0: no stop.
        public var stopMultiples: [Double] = [0, 1, 2]
        /// The action's take-profit menu, in σ of one interval's return; 0: none.
        public var takeProfitMultiples: [Double] = [0, 2, 4]
        /// The observation's window of interval log returns.
        public var returnWindow: Int = 8
        /// Half-life of the interval-return volatility estimate, in decisions.
        public var volatilityHalfLife: Double = 20
        public var reward = PolicyReward()
        public var decider: Decider = .random

        public init() {}

        /// The observation's length: the return window and eight state features.
        public var featureCount: Int { returnWindow + PolicyFeatures.stateFeatureCount }
    }
}
