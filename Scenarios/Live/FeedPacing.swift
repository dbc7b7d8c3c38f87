import Kernel
import Messages

/// When `metronome feed serve` sends each line.
public enum FeedPacing: Sendable, Equatable {
    /// The feed's own time, `factor` times faster than real time (1 = real time).
    case speed(Double)
    /// A fixed number of lines per second, whatever the feed's times.
    case rate(Double)
    /// As fast as the connection takes them.
    case unpaced

    /// Wall nanoseconds after the start at which line `index`, of simulated time `time`, is due.
    func offset(index: UInt64, time: Timestamp, firstTime: Timestamp) -> UInt64 {
        switch self {
        case .speed(let factor): UInt64(Double(time &- firstTime) / factor)
        case .rate(let perSecond): UInt64(Double(index) * 1e9 / perSecond)
        case .unpaced: 0
        }
    }
}
