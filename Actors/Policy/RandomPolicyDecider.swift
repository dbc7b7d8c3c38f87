import Kernel
import Messages

/// `policy.decider: random`: every action drawn uniformly from its own seeded stream, so a run
/// (and its replay) is the same every time; the baseline a learned policy must beat.
public final class RandomPolicyDecider: PolicyDecider {
    private var random: RandomStream
    private let parameters: PolicyStage.Parameters

    public init(seed: UInt64, parameters: PolicyStage.Parameters) {
        random = RandomStream(rootSeed: seed, streamName: "policy.random")
        self.parameters = parameters
    }

    public func decide(_ observation: PolicyObservation) -> PolicyChoice {
        PolicyChoice(direction: Int8(draw(3)) - 1, sizeIndex: draw(parameters.sizeFractions.count),
                     stopIndex: draw(parameters.stopMultiples.count), takeProfitIndex: draw(parameters.takeProfitMultiples.count))
    }

    public func finish(_ observation: PolicyObservation) {}

    private func draw(_ count: Int) -> Int { Int(random.next(below: UInt64(count))) }
}
