/// The Hampel identifier over a sliding window: a value is an outlier when it lies more than
/// `threshold` robust standard deviations from the window's median, the robust standard deviation
/// being 1.4826 × MAD (median absolute deviation; 1.4826 makes it consistent with σ for normal
/// data). `minimumRelativeDeviation` keeps a perfectly flat window (MAD = 0) from rejecting the
/// first tick that moves.
///
/// Only accepted values enter the window, so a burst of spikes cannot drag the median along.
public struct HampelFilter: Sendable {
    public let windowSize: Int
    public let threshold: Double
    public let minimumRelativeDeviation: Double
    private var window: [Double] = []
    private var next = 0
    private var scratch: [Double] = []

    public init(windowSize: Int = 21, threshold: Double = 5, minimumRelativeDeviation: Double = 0.002) {
        precondition(windowSize >= 3 && threshold > 0)
        self.windowSize = windowSize
        self.threshold = threshold
        self.minimumRelativeDeviation = minimumRelativeDeviation
        window.reserveCapacity(windowSize)
        scratch.reserveCapacity(windowSize)
    }

    /// True while the window is not yet full: nothing is judged an outlier then.
    public var isWarmingUp: Bool { window.count < windowSize }

    /// Judges `value` against the window, then (if accepted) adds it.
    /// - Complexity: O(w log w) for a window of w values.
    public mutating func accept(_ value: Double) -> Bool {
        if !isWarmingUp {
            let median = HampelFilter.median(of: window, scratch: &scratch)
            scratch.removeAll(keepingCapacity: true)
            for element in window { scratch.append(abs(element - median)) }
            scratch.sort()
            let mad = HampelFilter.middle(scratch)
            let limit = max(threshold * 1.4826 * mad, minimumRelativeDeviation * abs(median))
            if abs(value - median) > limit { return false }
        }
        if window.count < windowSize {
            window.append(value)
        } else {
            window[next] = value
            next = (next + 1) % windowSize
        }
        return true
    }

    static func median(of values: [Double], scratch: inout [Double]) -> Double {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: values)
        scratch.sort()
        return middle(scratch)
    }

    static func middle(_ sorted: [Double]) -> Double {
        let count = sorted.count
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
    }
}
