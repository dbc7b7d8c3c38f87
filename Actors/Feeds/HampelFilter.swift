/// The Hampel identifier over a sliding window: a value is an outlier when it lies more than
/// `threshold` robust standard deviations from the window's median, the robust standard deviation
/// being 1.4826 × MAD (median absolute deviation; 1.4826 makes it consistent with σ for normal
/// data). `minimumRelativeDeviation` keeps a perfectly flat window (MAD = 0) from rejecting the
/// first tick that moves.
///
/// Only accepted values enter the window, so a burst of spikes cannot drag the median along. A
/// genuine level shift (a jump, a crash) is not a spike: after `persistence` consecutive outliers
/// that agree with each other (within the same tolerance), the window restarts from them and the
/// new level is accepted.
public struct HampelFilter: Sendable {
    public let windowSize: Int
    public let threshold: Double
    public let minimumRelativeDeviation: Double
    public let persistence: Int
    private var window: [Double] = []
    private var outlierRun: [Double] = []
    private var next = 0
    private var scratch: [Double] = []

    public init(windowSize: Int = 21, threshold: Double = 5, minimumRelativeDeviation: Double = 0.002, persistence: Int = 5) {
        precondition(windowSize >= 3 && threshold > 0 && persistence >= 2)
        self.windowSize = windowSize
        self.threshold = threshold
        self.minimumRelativeDeviation = minimumRelativeDeviation
        self.persistence = persistence
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
            if abs(value - median) > limit {
                return acceptAsLevelShift(value, tolerance: limit)
            }
        }
        outlierRun.removeAll(keepingCapacity: true)
        if window.count < windowSize {
            window.append(value)
        } else {
            window[next] = value
            next = (next + 1) % windowSize
        }
        return true
    }

    /// An outlier: quarantined, unless it completes a run of `persistence` outliers that agree
    /// with each other, in which case the market has moved and the window restarts there.
    private mutating func acceptAsLevelShift(_ value: Double, tolerance: Double) -> Bool {
        if let first = outlierRun.first, abs(value - first) > tolerance { outlierRun.removeAll(keepingCapacity: true) }
        outlierRun.append(value)
        guard outlierRun.count >= persistence else { return false }
        window = outlierRun
        next = window.count % windowSize
        outlierRun.removeAll(keepingCapacity: true)
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
