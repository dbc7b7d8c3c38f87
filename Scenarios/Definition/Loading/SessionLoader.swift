import Actors
import Foundation
import Kernel
import Messages
import Yams

/// `universe[].session` and `universe[].holidays`: when an instrument trades, as local times of a
/// named zone, turned into the UTC sessions of the run (``TradingSessions``) here, at load time.
///
/// A session opens at `open` and closes at `close` on each of its `days` (the trading day: the
/// local date it closes on); a `close` at or before `open` makes an overnight session that opened
/// the evening before (CME's E-mini: `open: "18:00", close: "17:00", days: mon-fri`, Monday's
/// session opening on Sunday evening). A holiday removes the session of that trading day.
enum SessionLoader {
    static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// What a `session:` and `holidays:` say: instruments that say the same share one
    /// ``TradingSessions`` (its arrays are stored once, however wide the universe).
    struct Specification: Hashable {
        var open: Int64
        var close: Int64
        var zone: String
        var days: Set<Int>
        var holidays: Set<Int64>
    }

    /// The sessions from a little before `start` to a little after `end`, or nil without
    /// `session:`; `built` keeps those already built, by what they say.
    static func sessions(_ map: inout StrictMapping, path: String, start: Timestamp, end: Timestamp,
                         built: inout [Specification: TradingSessions], file: String) throws(ScenarioError) -> TradingSessions? {
        guard let specification = try specification(&map, path: path, file: file) else { return nil }
        if let known = built[specification] { return known }
        // The zone was checked when it was read.
        guard let zone = TimeZone(identifier: specification.zone) else { return nil }
        let sessions = build(open: specification.open, close: specification.close, zone: zone, days: specification.days,
                             holidays: specification.holidays, start: start, end: end)
        built[specification] = sessions
        return sessions
    }

    static func specification(_ map: inout StrictMapping, path: String, file: String) throws(ScenarioError) -> Specification? {
        let scalars = ScalarReader(file: file)
        let holidaysNode = map.value("holidays")
        guard let sessionNode = map.value("session") else {
            if let holidaysNode {
                throw StrictMapping.error(file, holidaysNode, "\(path).holidays needs a session",
                                          hint: "give the instrument a session: { open: \"09:30\", close: \"16:00\", time_zone: America/New_York }")
            }
            return nil
        }
        var session = try StrictMapping(sessionNode, file: file, path: "\(path).session")
        let open = try wallClock(try session.require("open"), "\(path).session.open", file: file)
        let closeNode = try session.require("close")
        let close = try wallClock(closeNode, "\(path).session.close", file: file)
        guard open != close else {
            throw StrictMapping.error(file, closeNode, "\(path).session.close equals its open", hint: "a session lasts from open to close; for a market that never closes leave session out")
        }
        let zoneNode = try session.require("time_zone")
        let zoneName = try scalars.text(zoneNode, "\(path).session.time_zone")
        guard TimeZone(identifier: zoneName) != nil else {
            throw StrictMapping.error(file, zoneNode, "\(path).session.time_zone: no time zone named '\(zoneName)'",
                                      hint: "an IANA zone name such as America/New_York, America/Chicago, Europe/London or UTC")
        }
        let days = try session.value("days").map { node throws(ScenarioError) in try weekdaySet(node, "\(path).session.days", file: file) }
            ?? Set(1...5)
        try session.finish(allowed: ["open", "close", "time_zone", "days"])
        var holidays: Set<Int64> = []
        if let holidaysNode {
            for (index, node) in try scalars.list(holidaysNode, "\(path).holidays").enumerated() {
                let what = "\(path).holidays[\(index)]"
                let time = try scalars.timestamp(node, what)
                guard time % TimeUnits.nanosecondsPerDay == 0 else {
                    throw StrictMapping.error(file, node, "\(what) must be a date, found '\(try scalars.text(node, what))'", hint: "a date such as 2013-09-02")
                }
                holidays.insert(Int64(time / TimeUnits.nanosecondsPerDay))
            }
        }
        return Specification(open: open, close: close, zone: zoneName, days: days, holidays: holidays)
    }

    /// Sessions whose trading day falls from two days before `start` to two days after `end`.
    static func build(open: Int64, close: Int64, zone: TimeZone, days: Set<Int>, holidays: Set<Int64>,
                      start: Timestamp, end: Timestamp) -> TradingSessions {
        let secondsPerDay: Int64 = 86_400
        let first = Int64(start / TimeUnits.nanosecondsPerDay) - 2
        let last = Int64(end / TimeUnits.nanosecondsPerDay) + 2
        var opens: [Timestamp] = []
        var closes: [Timestamp] = []
        var tradingDays: [UInt64] = []
        for day in max(first, 2)...last where days.contains(Int((day + 4) % 7)) && !holidays.contains(day) {
            let closeInstant = instant(wallSeconds: day * secondsPerDay + close, zone: zone)
            let openInstant = instant(wallSeconds: (close <= open ? day - 1 : day) * secondsPerDay + open, zone: zone)
            guard openInstant < closeInstant, opens.isEmpty || closes[closes.count - 1] <= Timestamp(openInstant) * TimeUnits.nanosecondsPerSecond else {
                continue
            }
            opens.append(Timestamp(openInstant) * TimeUnits.nanosecondsPerSecond)
            closes.append(Timestamp(closeInstant) * TimeUnits.nanosecondsPerSecond)
            tradingDays.append(UInt64(day))
        }
        return TradingSessions(opens: opens, closes: closes, days: tradingDays)
    }

    /// The UTC second of a wall-clock second in `zone`: among the zone's offsets a day either
    /// side, the one that maps it back onto itself (the earlier instant when two do: the hour
    /// repeated in autumn); a wall time skipped in spring is read with the offset before the change.
    static func instant(wallSeconds wall: Int64, zone: TimeZone) -> Int64 {
        func offset(at utc: Int64) -> Int64 { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))) }
        var candidates: [Int64] = []
        for probe in [wall - 86_400, wall, wall + 86_400] where !candidates.contains(offset(at: probe)) { candidates.append(offset(at: probe)) }
        let valid = candidates.filter { offset(at: wall - $0) == $0 }
        return wall - (valid.max() ?? offset(at: wall - 86_400))
    }

    /// `"09:30"` or `"09:30:15"`: seconds after local midnight.
    static func wallClock(_ node: Node, _ what: String, file: String) throws(ScenarioError) -> Int64 {
        let raw = try ScalarReader(file: file).text(node, what)
        let parts = raw.split(separator: ":", omittingEmptySubsequences: false).map { Int64($0) }
        guard (2...3).contains(parts.count), raw.split(separator: ":").allSatisfy({ $0.count == 2 }),
              let hour = parts[0], let minute = parts[1], hour < 24, minute < 60, (parts.count == 2 ? 0 : parts[2] ?? 60) < 60 else {
            throw StrictMapping.error(file, node, "\(what) must be a local time HH:MM, found '\(raw)'", hint: "e.g. \"09:30\" or \"16:00\" (quoted), from 00:00 to 23:59")
        }
        return hour * 3_600 + minute * 60 + (parts.count == 3 ? parts[2] ?? 0 : 0)
    }

    /// `mon-fri`, `sun-thu`, `mon,wed,fri`, or a list `[mon, tue]`: weekdays, 0 Sunday … 6 Saturday.
    static func weekdaySet(_ node: Node, _ what: String, file: String) throws(ScenarioError) -> Set<Int> {
        let scalars = ScalarReader(file: file)
        let words: [String]
        if case .sequence = node {
            words = try scalars.list(node, what).map { item throws(ScenarioError) in try scalars.text(item, what) }
        } else {
            words = try scalars.text(node, what).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var set: Set<Int> = []
        for word in words {
            let ends = word.lowercased().split(separator: "-").map(String.init)
            let indices = ends.compactMap { weekdays.firstIndex(of: $0) }
            guard !ends.isEmpty, ends.count <= 2, indices.count == ends.count else {
                throw StrictMapping.error(file, node, "\(what): '\(word)' is not a weekday or a range of weekdays",
                                          hint: "weekdays are \(weekdays.joined(separator: ", ")): e.g. days: mon-fri, days: sun-thu, days: [mon, wed, fri]")
            }
            var day = indices[0]
            set.insert(day)
            while day != indices[indices.count - 1] {
                day = (day + 1) % 7
                set.insert(day)
            }
        }
        guard !set.isEmpty else {
            throw StrictMapping.error(file, node, "\(what) names no weekday", hint: "e.g. days: mon-fri")
        }
        return set
    }
}
