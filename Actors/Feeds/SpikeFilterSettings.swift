import Kernel
import Messages

/// How the input defense judges a symbol's quotes as outliers: the Hampel identifier on the mid
/// price (``HampelFilter``) with its window, threshold and minimum move — or no outlier filter.
///
/// Only this statistical filter is configurable. The checks for values that are wrong whatever the
/// market does (non-positive, out of range, crossed, out of order, stale, not a number) always run.
public struct SpikeFilterSettings: Sendable, Equatable, CustomStringConvertible {
    /// Accepted mids the median and the MAD are taken over, per symbol.
    public var window: Int
    /// How many robust standard deviations (1.4826 × MAD) from the median make an outlier.
    public var thresholdMADs: Double
    /// The smallest distance from the median, as a fraction of it, that can be an outlier
    /// (0.002 = 0.2 %): it keeps a flat window (MAD 0) from refusing the first move.
    public var minimumRelativeMove: Double
    /// False: no outlier filter at all for these quotes.
    public var isEnabled: Bool

    public init(window: Int, thresholdMADs: Double, minimumRelativeMove: Double, isEnabled: Bool = true) {
        self.window = window
        self.thresholdMADs = thresholdMADs
        self.minimumRelativeMove = minimumRelativeMove
        self.isEnabled = isEnabled
    }

    /// Ticks: what a feed quoting every few milliseconds or seconds needs (and every live feed gets).
    public static let tick = SpikeFilterSettings(window: 21, thresholdMADs: 5, minimumRelativeMove: 0.002)
    /// No outlier filter.
    public static let off = SpikeFilterSettings(window: tick.window, thresholdMADs: tick.thresholdMADs,
                                                minimumRelativeMove: tick.minimumRelativeMove, isEnabled: false)

    /// Below this resolution quotes are ticks; from it on, bars.
    public static let barResolutionNanoseconds: DurationNanoseconds = 60_000_000_000
    /// The threshold for bars: returns over a bar are heavy-tailed, and 21 quotes of bars span
    /// days over which the volatility itself moves, so 5 MADs is an ordinary day, not a bad print.
    public static let barThresholdMADs = 10.0
    /// The minimum move never exceeds this, whatever the resolution: a price 10 % off its recent
    /// median is still caught (a wrong decimal, a price of another instrument).
    public static let largestDefaultMinimumMove = 0.1

    /// The default for quotes `resolution` apart (the time between two quotes of a symbol, 0 for
    /// ticks). Ticks (below 1 minute) get ``tick``. Bars get a threshold of 10 MADs and a minimum
    /// move that grows like a random walk's spread, with the square root of the resolution:
    /// 0.2 % × √(resolution / 1 minute), at most 10 % — 1.1 % for 30-minute bars, 1.55 % for
    /// hourly ones, 7.6 % for daily ones. The window stays 21 quotes.
    public static func defaults(forResolution resolution: DurationNanoseconds) -> SpikeFilterSettings {
        guard resolution >= barResolutionNanoseconds else { return tick }
        let scale = (Double(resolution) / Double(barResolutionNanoseconds)).squareRoot()
        return SpikeFilterSettings(window: tick.window, thresholdMADs: barThresholdMADs,
                                   minimumRelativeMove: min(tick.minimumRelativeMove * scale, largestDefaultMinimumMove))
    }

    /// The filter for one symbol, or nil when off.
    public func makeFilter() -> HampelFilter? {
        isEnabled ? HampelFilter(windowSize: window, threshold: thresholdMADs, minimumRelativeDeviation: minimumRelativeMove) : nil
    }

    /// "window 21, threshold 5 MADs, min move 0.2 %" or "off".
    public var description: String {
        guard isEnabled else { return "off" }
        let move = minimumRelativeMove * 100
        let moveText = move == move.rounded() ? "\(Int(move))" : "\((move * 1_000).rounded() / 1_000)"
        let threshold = thresholdMADs == thresholdMADs.rounded() ? "\(Int(thresholdMADs))" : "\(thresholdMADs)"
        return "window \(window), threshold \(threshold) MADs, min move \(moveText) %"
    }
}
