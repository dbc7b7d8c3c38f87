import Foundation
import Kernel
import Messages

/// Local wall-clock times of a named IANA time zone (`America/Chicago`) turned into UTC instants,
/// by the system's time-zone database through Foundation's `TimeZone` (loading only, never the
/// run). The result depends only on the text and the zone's rules, never on the machine's own
/// zone or locale.
///
/// A wall time the clocks passed twice (the hour repeated when daylight saving ends) is read as
/// the first of the two — the earlier instant; one they skipped (the hour lost when it starts)
/// does not exist and is refused.
struct LocalTimeZone {
    let identifier: String
    private let zone: TimeZone
    /// The last quarter hour of wall time converted, and its offsets (seconds east of UTC); a
    /// file's rows fall in the same quarter hour one after another, and zones change their
    /// offset on quarter hours.
    private var cachedQuarter = Int64.min
    private var cachedOffset: Int64?

    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// The instant of a wall time (nanoseconds "as if UTC"); nil when the wall time does not
    /// exist in the zone or falls before the epoch.
    mutating func instant(ofWallTime wall: Int64) -> Timestamp? {
        let nanosecondsPerSecond = Int64(TimeUnits.nanosecondsPerSecond)
        let wallSeconds = wall / nanosecondsPerSecond
        let quarter = wallSeconds / 900
        if quarter != cachedQuarter {
            cachedQuarter = quarter
            cachedOffset = offset(ofWallSeconds: quarter * 900)
        }
        guard let offset = cachedOffset else { return nil }
        let instant = wall - offset * nanosecondsPerSecond
        return instant >= 0 ? Timestamp(instant) : nil
    }

    /// The wall-clock time (nanoseconds "as if UTC") of an instant.
    func wallTime(ofInstant instant: Timestamp) -> Int64 {
        let seconds = Int64(instant / TimeUnits.nanosecondsPerSecond)
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        return Int64(instant) + offset * Int64(TimeUnits.nanosecondsPerSecond)
    }

    /// The offset a wall time has: among the zone's offsets a day either side, those that map
    /// the wall time back onto itself; the largest (the earlier instant) when two do.
    private func offset(ofWallSeconds wall: Int64) -> Int64? {
        var candidates: [Int64] = []
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe))))
            if !candidates.contains(offset) { candidates.append(offset) }
        }
        let valid = candidates.filter { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - $0)))) == $0 }
        return valid.max()
    }
}
