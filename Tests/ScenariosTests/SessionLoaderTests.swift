import Actors
import Kernel
import Messages
import Scenarios
import Testing

/// `universe[].session` and `holidays` read into UTC sessions, checked against instants computed
/// independently (Python's zoneinfo), daylight saving and overnight sessions included; and what a
/// bad session is told.
@Suite struct SessionLoaderTests {
    static func scenario(_ instrument: String, start: String = "2013-08-30T00:00:00Z", end: String = "2013-11-08T00:00:00Z") -> String {
        """
        version: 1
        name: sessions
        start: \(start)
        end: \(end)
        universe:
          - \(instrument)
        feeds:
          - { type: gbm, interval: 1m, initial_price: 1640.00 }
        """
    }

    static let nyse = #"{ symbol: SPY, session: { open: "09:30", close: "16:00", time_zone: America/New_York, days: mon-fri }, holidays: [2013-09-02] }"#

    func error(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text, file: "s.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func aRegularSessionInItsZoneWithAHolidayAndDaylightSaving() throws {
        let scenario = try ScenarioLoader.parse(Self.scenario(Self.nyse), file: "s.yaml")
        let sessions = try #require(scenario.universe[0].sessions)
        let s = TimeUnits.nanosecondsPerSecond
        // Friday 2013-08-30 09:30–16:00 EDT; Monday 2 September is Labor Day: next, Tuesday.
        let friday = try #require(sessions.lastOpened(atOrBefore: 1_377_869_400 * s))
        #expect(sessions.opens[friday] == 1_377_869_400 * s && sessions.closes[friday] == 1_377_892_800 * s)
        #expect(sessions.opens[friday + 1] == 1_378_215_000 * s, "Tuesday 3 September")
        #expect(!sessions.isOpen(at: 1_378_215_000 * s - 24 * 3_600 * s), "the holiday has no session")
        // 1 November 09:30 EDT = 13:30 UTC; 4 November 09:30 EST = 14:30 UTC.
        #expect(sessions.opens.contains(1_383_312_600 * s) && sessions.opens.contains(1_383_575_400 * s))
        // Saturday 31 August belongs to Friday's trading day.
        #expect(sessions.tradingDay(of: 1_377_950_400 * s) == UInt64(TimeUnits.daysFromCivil(year: 2013, month: 8, day: 30)))
        #expect(scenario.metrics.calendar.sessions == sessions)
        #expect(scenario.metrics.calendar.sessionNanoseconds == 23_400 * s, "6 h 30 min, from the session")
    }

    /// CME's E-mini: Monday's session opens Sunday 18:00 Chicago time and closes Monday 17:00.
    @Test func anOvernightSessionOpensTheEveningBefore() throws {
        let es = #"{ symbol: ES, multiplier: 50, session: { open: "18:00", close: "17:00", time_zone: America/Chicago, days: mon-fri } }"#
        let sessions = try #require(try ScenarioLoader.parse(Self.scenario(es), file: "s.yaml").universe[0].sessions)
        let s = TimeUnits.nanosecondsPerSecond
        let monday = try #require(sessions.opens.firstIndex(of: 1_378_681_200 * s))
        #expect(sessions.closes[monday] == 1_378_764_000 * s)
        #expect(sessions.days[monday] == UInt64(TimeUnits.daysFromCivil(year: 2013, month: 9, day: 9)))
        #expect(sessions.opens[monday - 1] < sessions.closes[monday - 1] && sessions.closes[monday - 1] < sessions.opens[monday],
                "Friday's session closes before Sunday's opens")
    }

    @Test func badSessionsAreRefusedWithTheirLine() throws {
        func message(_ instrument: String) throws -> String { try #require(error(Self.scenario(instrument))).message }
        #expect(try message(#"{ symbol: A, session: { open: "09:30", close: "16:00", time_zone: America/Gotham } }"#)
                == "universe[0].session.time_zone: no time zone named 'America/Gotham'")
        #expect(try message(#"{ symbol: A, session: { open: "9h30", close: "16:00", time_zone: UTC } }"#)
                == "universe[0].session.open must be a local time HH:MM, found '9h30'")
        #expect(try message(#"{ symbol: A, session: { open: "09:30", close: "09:30", time_zone: UTC } }"#)
                == "universe[0].session.close equals its open")
        #expect(try message(#"{ symbol: A, session: { open: "09:30", close: "16:00", time_zone: UTC, days: mon-fry } }"#)
                == "universe[0].session.days: 'mon-fry' is not a weekday or a range of weekdays")
        #expect(try message(#"{ symbol: A, holidays: [2013-09-02] }"#) == "universe[0].holidays needs a session")
        #expect(try message(#"{ symbol: A, session: { open: "09:30", close: "16:00", time_zone: UTC }, holidays: [2013-09-02T12:00:00Z] }"#)
                == "universe[0].holidays[0] must be a date, found '2013-09-02T12:00:00Z'")
        let located = try #require(error(Self.scenario(#"{ symbol: A, session: { open: "09:30", close: "16:00", time_zone: Mars } }"#)))
        #expect(located.line == 6)
    }

    @Test func daysTakeRangesListsAndWrapAround() throws {
        let sunThu = #"{ symbol: A, session: { open: "10:00", close: "11:00", time_zone: UTC, days: sun-thu } }"#
        let sessions = try #require(try ScenarioLoader.parse(Self.scenario(sunThu), file: "s.yaml").universe[0].sessions)
        let weekdays = Set(sessions.days.map { Int(($0 + 4) % 7) })
        #expect(weekdays == [0, 1, 2, 3, 4])
        let listed = #"{ symbol: A, session: { open: "10:00", close: "11:00", time_zone: UTC, days: [fri, sat] } }"#
        let weekend = try #require(try ScenarioLoader.parse(Self.scenario(listed), file: "s.yaml").universe[0].sessions)
        #expect(Set(weekend.days.map { Int(($0 + 4) % 7) }) == [5, 6])
    }
}

extension SessionLoaderTests {
    /// Instruments with the same session share its storage: a wide universe keeps one copy.
    @Test func instrumentsWithTheSameSessionShareIt() throws {
        let text = Self.scenario(Self.nyse).replacingOccurrences(of: "symbol: SPY,", with: "symbol: SPY,")
            .replacingOccurrences(of: "  - { symbol: SPY", with: "  - { symbol: QQQ" + Self.nyse.dropFirst("{ symbol: SPY".count) + "\n  - { symbol: SPY")
        let universe = try ScenarioLoader.parse(text, file: "s.yaml").universe
        #expect(universe.map(\.symbol) == ["QQQ", "SPY"])
        let first = try #require(universe[0].sessions)
        let second = try #require(universe[1].sessions)
        #expect(first == second)
        let shared = first.opens.withUnsafeBufferPointer { a in second.opens.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        #expect(shared)
    }
}
