#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel
import Messages

/// A scripted event in a synthetic market (scenario `feeds[].events`), for stress days: a
/// volatility regime change, a crash and its recovery, a news shock on a sector's sentiment.
public enum MarketEvent: Sendable, Equatable {
    /// From `from` (until `until`, or the end), σ and spreads × `multiplier`.
    case volatility(from: Timestamp, until: Timestamp?, multiplier: Double)
    /// From `at`, prices (of `sector`, or all) fall by `drop` (a fraction) evenly over `fall`, then
    /// win back `recovery` (a fraction of the loss) evenly over `recover`.
    case crash(at: Timestamp, sector: Int?, drop: Double, fallNanoseconds: DurationNanoseconds,
               recovery: Double, recoverNanoseconds: DurationNanoseconds)
    /// At `at`, the latent alpha (what sentiment reports and drift follows) of `sector`'s symbols
    /// jumps by `shift` (in standard deviations); it then decays with the alpha's half-life.
    case sentiment(at: Timestamp, sector: Int?, shift: Double)

    /// The volatility multiplier this event applies at `time` (1 when none).
    public func volatilityMultiplier(at time: Timestamp) -> Double {
        guard case .volatility(let from, let until, let multiplier) = self, time >= from, until.map({ time < $0 }) ?? true else { return 1 }
        return multiplier
    }

    /// The deterministic log-return this event adds to a symbol of `sector` over the interval
    /// (time − interval, time].
    public func logReturn(sector symbolSector: Int, at time: Timestamp, intervalNanoseconds: DurationNanoseconds) -> Double {
        guard case .crash(let at, let sector, let drop, let fall, let recovery, let recover) = self,
              sector.map({ $0 == symbolSector }) ?? true, time > at else { return 0 }
        let loss = log(1 - min(max(drop, 0), 0.99))
        let elapsed = time - at
        let start = elapsed > intervalNanoseconds ? elapsed - intervalNanoseconds : 0
        func overlap(_ from: UInt64, _ to: UInt64) -> Double {
            let low = max(start, from)
            let high = min(elapsed, to)
            return high > low ? Double(high - low) : 0
        }
        var result = 0.0
        if fall > 0 { result += loss * overlap(0, fall) / Double(fall) }
        if recover > 0 { result -= recovery * loss * overlap(fall, fall + recover) / Double(recover) }
        return result
    }
}
