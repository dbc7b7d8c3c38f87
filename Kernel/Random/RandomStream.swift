#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded, portable pseudo-random stream: xoshiro256** 1.0 (Blackman & Vigna), seeded through
/// ``SplitMix64``. Never the system generator.
///
/// Each actor owns one stream split from the root seed by its name
/// (``RandomStream/init(rootSeed:streamName:)``), so adding an actor or a fault knob never
/// shifts another actor's draws. The derived helpers (``nextDouble()``, ``nextGaussian()``,
/// ``next(below:)``) are written out here rather than taken from the standard library, whose
/// algorithms are not promised to stay the same across releases.
public struct RandomStream: RandomNumberGenerator, Sendable {
    private var state0: UInt64
    private var state1: UInt64
    private var state2: UInt64
    private var state3: UInt64
    /// The second value of the last Box–Muller pair, if not yet used.
    private var spareGaussian: Double?

    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        state0 = expander.next()
        state1 = expander.next()
        state2 = expander.next()
        state3 = expander.next()
        spareGaussian = nil
    }

    /// The stream for `streamName` under `rootSeed`: seed = XXH64(UTF-8 name, seed: rootSeed).
    /// A full hash, not a XOR, so distinct (root seed, name) pairs do not collide by construction.
    public init(rootSeed: UInt64, streamName: String) {
        self.init(seed: XXH64.hash(Array(streamName.utf8), seed: rootSeed))
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// - Complexity: O(1), no allocation.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state1 &* 5, 7) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = rotateLeft(state3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lower, upper).
    public mutating func nextDouble(in lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextDouble()
    }

    /// Uniform in 0..<bound, unbiased (Lemire's multiply-and-reject). `bound` must be > 0.
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// Standard normal N(0, 1) by the Box–Muller transform; pairs are used in order.
    public mutating func nextGaussian() -> Double {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        // 1 − u keeps the argument of log in (0, 1].
        let radius = (-2.0 * log(1.0 - nextDouble())).squareRoot()
        let angle = 2.0 * Double.pi * nextDouble()
        spareGaussian = radius * sin(angle)
        return radius * cos(angle)
    }

    /// True with probability `probability`.
    public mutating func nextBernoulli(_ probability: Double) -> Bool { nextDouble() < probability }
}
