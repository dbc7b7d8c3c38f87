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
    /// The window's values in ascending order, kept in step with `window`: the median is a
    /// lookup and the MAD a linear merge, with no sorting per tick.
    private var ordered: [Double] = []
    private var outlierRun: [Double] = []
    private var next = 0

    public init(windowSize: Int = 21, threshold: Double = 5, minimumRelativeDeviation: Double = 0.002, persistence: Int = 5) {
        precondition(windowSize >= 3 && threshold > 0 && persistence >= 2)
        self.windowSize = windowSize
        self.threshold = threshold
        self.minimumRelativeDeviation = minimumRelativeDeviation
        self.persistence = persistence
        window.reserveCapacity(windowSize)
        ordered.reserveCapacity(windowSize)
    }

    /// True while the window is not yet full: nothing is judged an outlier then.
    public var isWarmingUp: Bool { window.count < windowSize }

    /// Judges `value` against the window, then (if accepted) adds it.
    /// - Complexity: O(w) for a window of w values.
    public mutating func accept(_ value: Double) -> Bool {
        if !isWarmingUp {
            let median = HampelFilter.middle(ordered)
            let deviation = abs(value - median)
            // The limit is never below the relative floor, so a value within the floor passes
            // whatever the MAD is: most ticks are, and skip its O(window) walk.
            if deviation > minimumRelativeDeviation * abs(median) {
                let mad = HampelFilter.medianAbsoluteDeviation(ordered, around: median)
                let limit = max(threshold * 1.4826 * mad, minimumRelativeDeviation * abs(median))
                if deviation > limit {
                    return acceptAsLevelShift(value, tolerance: limit)
                }
            }
        }
        outlierRun.removeAll(keepingCapacity: true)
        if window.count < windowSize {
            window.append(value)
            HampelFilter.insert(value, into: &ordered)
        } else {
            HampelFilter.replace(window[next], with: value, in: &ordered)
            window[next] = value
            next = (next + 1) % windowSize
        }
        return true
    }

    static func insert(_ value: Double, into sorted: inout [Double]) {
        sorted.insert(value, at: lowerBound(of: value, in: sorted))
    }

    /// The first index whose element is not below `value`.
    ///
    /// Branch-free (Khuong and Morin's layout of the search): the answer stays in
    /// `base...base + length`, each step halves `length` and moves `base` by a conditional move,
    /// so the processor has no comparison to mispredict — with the mids of a random walk it
    /// mispredicted about one step in two, the largest cost of the input defense.
    static func lowerBound(of value: Double, in sorted: [Double]) -> Int {
        sorted.withUnsafeBufferPointer { buffer in
            guard !buffer.isEmpty else { return 0 }
            var base = 0
            var length = buffer.count
            while length > 1 {
                let half = length &>> 1
                base = buffer[base &+ half] < value ? base &+ half : base
                length &-= half
            }
            return buffer[base] < value ? base &+ 1 : base
        }
    }

    /// Replaces one occurrence of `old` by `value`, keeping `sorted` sorted: the same array as
    /// removing `old` and inserting `value`, with only the elements between the two places
    /// shifted by one instead of the tail twice (the window is full on every tick but the first
    /// few). Without `old` in the array, it only inserts.
    static func replace(_ old: Double, with value: Double, in sorted: inout [Double]) {
        let low = lowerBound(of: old, in: sorted)
        guard low < sorted.count, sorted[low] == old else {
            insert(value, into: &sorted)
            return
        }
        sorted.withUnsafeMutableBufferPointer { buffer in
            var position = low
            while position > 0, buffer[position - 1] > value {
                buffer[position] = buffer[position - 1]
                position -= 1
            }
            while position + 1 < buffer.count, buffer[position + 1] < value {
                buffer[position] = buffer[position + 1]
                position += 1
            }
            buffer[position] = value
        }
    }

    /// The median of |x − median| over a sorted array, by merging the deviations outward from
    /// the median (left side decreasing x, right side increasing x): O(n), no sort.
    static func medianAbsoluteDeviation(_ sorted: [Double], around median: Double) -> Double {
        let count = sorted.count
        guard count > 0 else { return 0 }
        var right = 0
        while right < count && sorted[right] < median { right += 1 }
        var left = right - 1
        let wanted = count / 2  // index of the (upper) middle deviation
        var previous = 0.0
        var current = 0.0
        for rank in 0...wanted {
            let leftDeviation = left >= 0 ? median - sorted[left] : .infinity
            let rightDeviation = right < count ? sorted[right] - median : .infinity
            previous = current
            if leftDeviation <= rightDeviation {
                current = leftDeviation
                left -= 1
            } else {
                current = rightDeviation
                right += 1
            }
            if rank == 0 { previous = current }
        }
        return count % 2 == 1 ? current : (previous + current) / 2
    }

    /// An outlier: quarantined, unless it completes a run of `persistence` outliers that agree
    /// with each other, in which case the market has moved and the window restarts there.
    private mutating func acceptAsLevelShift(_ value: Double, tolerance: Double) -> Bool {
        if let first = outlierRun.first, abs(value - first) > tolerance { outlierRun.removeAll(keepingCapacity: true) }
        outlierRun.append(value)
        guard outlierRun.count >= persistence else { return false }
        window = outlierRun
        ordered = outlierRun.sorted()
        next = window.count % windowSize
        outlierRun.removeAll(keepingCapacity: true)
        return true
    }

    static func middle(_ sorted: [Double]) -> Double {
        let count = sorted.count
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
    }
}
