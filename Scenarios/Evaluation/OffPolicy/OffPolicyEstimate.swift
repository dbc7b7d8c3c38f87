import Actors
import Kernel
import Messages

/// Off-policy estimates of a target policy's mean reward per decision from logged decisions:
/// inverse propensity scoring (IPS), its self-normalized form (SNIPS) and the doubly robust
/// estimator (DR), each with a 95 % bootstrap interval over the decisions.
///
/// For decision i with logged action aᵢ, logging propensity μᵢ, reward rᵢ, target probability
/// πᵢ = π(aᵢ | xᵢ), weight wᵢ = πᵢ / μᵢ, and a reward model q̂(x, a):
/// - IPS  = (1/n) Σ wᵢ rᵢ — unbiased when every target action has a logged propensity;
/// - SNIPS = Σ wᵢ rᵢ / Σ wᵢ — biased but far less variable when weights are large;
/// - DR   = (1/n) Σ [ Σₐ π(a | xᵢ) q̂(xᵢ, a) + wᵢ (rᵢ − q̂(xᵢ, aᵢ)) ] — the model's estimate,
///   corrected by the weighted residuals: unbiased if either the propensities or the model are right.
public struct OffPolicyEstimate: Sendable, Codable, Equatable {
    public struct Value: Sendable, Codable, Equatable {
        public var estimate: Double
        /// 95 % percentile bootstrap interval (decisions resampled with replacement).
        public var lower: Double
        public var upper: Double
    }

    public var decisions: Int
    public var ips: Value
    public var snips: Value
    public var dr: Value
    /// (Σ w)² / Σ w²: how many decisions the weighted estimate is worth.
    public var effective_sample_size: Double
    /// Mean probability the target puts on actions the log never offered (0…1).
    public var unsupported_mass: Double

    /// One logged decision as the estimators need it.
    public struct Sample: Sendable, Equatable {
        public var weight: Double
        public var reward: Double
        /// q̂(x, a) of the logged action, and Σₐ π(a | x) q̂(x, a).
        public var modelReward: Double
        public var modelTargetReward: Double
        public var unsupported: Double

        public init(weight: Double, reward: Double, modelReward: Double, modelTargetReward: Double, unsupported: Double = 0) {
            self.weight = weight
            self.reward = reward
            self.modelReward = modelReward
            self.modelTargetReward = modelTargetReward
            self.unsupported = unsupported
        }
    }

    /// Nil without samples.
    public static func estimate(_ samples: [Sample], resamples: Int = 1_000, seed: UInt64 = 0) -> OffPolicyEstimate? {
        guard !samples.isEmpty else { return nil }
        var stream = RandomStream(rootSeed: seed, streamName: "evaluate.bootstrap")
        var ipsValues: [Double] = [], snipsValues: [Double] = [], drValues: [Double] = []
        var resample = samples
        for _ in 0..<resamples {
            for index in resample.indices { resample[index] = samples[Int(stream.next(below: UInt64(samples.count)))] }
            let (ips, snips, dr) = point(resample)
            ipsValues.append(ips)
            if let snips { snipsValues.append(snips) }
            drValues.append(dr)
        }
        let (ips, snips, dr) = point(samples)
        let weights = samples.map(\.weight)
        let squares = weights.reduce(0) { $0 + $1 * $1 }
        return OffPolicyEstimate(decisions: samples.count, ips: value(ips, &ipsValues), snips: value(snips ?? 0, &snipsValues),
                                 dr: value(dr, &drValues),
                                 effective_sample_size: squares > 0 ? pow2(weights.reduce(0, +)) / squares : 0,
                                 unsupported_mass: samples.reduce(0) { $0 + $1.unsupported } / Double(samples.count))
    }

    static func point(_ samples: [Sample]) -> (ips: Double, snips: Double?, dr: Double) {
        var weighted = 0.0, weights = 0.0, doublyRobust = 0.0
        for sample in samples {
            weighted += sample.weight * sample.reward
            weights += sample.weight
            doublyRobust += sample.modelTargetReward + sample.weight * (sample.reward - sample.modelReward)
        }
        let count = Double(samples.count)
        return (weighted / count, weights > 0 ? weighted / weights : nil, doublyRobust / count)
    }

    static func value(_ estimate: Double, _ resampled: inout [Double]) -> Value {
        resampled.sort()
        return Value(estimate: estimate, lower: StationaryBootstrap.quantile(0.025, ofSorted: resampled) ?? estimate,
                     upper: StationaryBootstrap.quantile(0.975, ofSorted: resampled) ?? estimate)
    }

    static func pow2(_ value: Double) -> Double { value * value }
}
