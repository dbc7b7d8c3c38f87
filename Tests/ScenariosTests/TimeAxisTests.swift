import Kernel
import Messages
@testable import ScenarioReports
import Testing

/// The HTML report's charts carry dates on their time axis (docs/scenarios.md, "HTML report").
@Suite struct TimeAxisTests {
    static func time(_ text: String) -> Timestamp { TimeUnits.parseISO8601(text)! }

    @Test func aRunOverDaysIsLabelledWithDatesAndHours() {
        // es-2013-09's span, 45 hours: a 12-hour step (6 hours would make 7 ticks).
        let first = Self.time("2013-09-01T22:00:00Z"), last = Self.time("2013-09-03T19:00:00Z")
        let ticks = TimeAxis.ticks(first: first, last: last)
        #expect(ticks.map(\.label) == ["2013-09-02 00:00", "2013-09-02 12:00", "2013-09-03 00:00", "2013-09-03 12:00"])
        #expect(ticks.map(\.x) == [120, 840, 1_560, 2_280])
    }

    @Test func aLongRunIsLabelledWithDatesAndAShortOneWithMinutes() {
        let months = TimeAxis.ticks(first: Self.time("2008-09-02T00:00:00Z"), last: Self.time("2009-01-01T00:00:00Z"))
        #expect(months.map(\.label) == ["2008-09-08", "2008-10-08", "2008-11-07", "2008-12-07"], "a 30-day step, counted from the epoch")
        let session = TimeAxis.ticks(first: Self.time("2024-03-01T14:30:00.250Z"), last: Self.time("2024-03-01T15:00:00Z"))
        #expect(session.map(\.label) == ["2024-03-01 14:45", "2024-03-01 15:00"])
        #expect(TimeAxis.ticks(first: 5, last: 5).isEmpty)
    }
}
