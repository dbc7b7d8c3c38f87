import Kernel
import Messages

/// The time axis of the report's charts: ticks at round UTC times (multiples of a step from a
/// minute to a year), at most ``maximumTicks`` of them, labelled with their date and time — so a
/// run over days shows when things happened, not only how long after the start.
enum TimeAxis {
    static let maximumTicks = 5
    static let steps: [UInt64] = [1, 5, 15, 30, 60, 120, 180, 360, 720, 1_440, 2_880, 10_080, 20_160, 43_200, 131_040, 525_600]
        .map { $0 * TimeUnits.nanosecondsPerMinute }

    /// Ticks between `first` and `last` (inclusive): each at its minutes after `first` (the charts'
    /// x) with its UTC label, `YYYY-MM-DD HH:MM`, or `YYYY-MM-DD` when the step is a day or more.
    static func ticks(first: Timestamp, last: Timestamp) -> [(x: Double, label: String)] {
        guard last > first else { return [] }
        let span = last - first
        guard let step = steps.first(where: { span / $0 < UInt64(maximumTicks) }) else { return [] }
        var ticks: [(x: Double, label: String)] = []
        var time = (first + step - 1) / step * step
        while time <= last {
            let text = TimeUnits.iso8601(time)
            let label = step >= TimeUnits.nanosecondsPerDay ? String(text.prefix(10)) : String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
            ticks.append((Double(time - first) / 60e9, label))
            time += step
        }
        return ticks
    }
}
