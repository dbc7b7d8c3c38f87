@testable import Actors
import Kernel
import Messages
import Testing

/// The time formats a layout reads (docs/data.md, "Time formats"), on known instants:
/// 2024-03-01T14:30:00Z is 1,709,303,400 s after the epoch. Zone conversions are checked against
/// Python's zoneinfo (`datetime(…, tzinfo=ZoneInfo(…)).timestamp()`, fold 0).
@Suite struct CSVTimeFormatTests {
    static let instant: Timestamp = 1_709_303_400_000_000_000

    static func read(_ text: String, _ format: CSVTimeFormat) -> CSVTimeFormat.Reading? {
        Array(text.utf8).withUnsafeBufferPointer { format.read($0) }
    }

    static func utc(_ text: String, _ format: CSVTimeFormat) -> Timestamp? {
        if case .utc(let time) = read(text, format) { return time }
        return nil
    }

    /// Local readings, turned into instants by `zone`.
    static func local(_ text: String, _ format: CSVTimeFormat, zone: String) -> Timestamp? {
        guard case .local(let wall) = read(text, format), var zone = LocalTimeZone(identifier: zone) else { return nil }
        return zone.instant(ofWallTime: wall)
    }

    @Test func iso8601WithOffsetsAndEitherSeparator() {
        let cases: [(String, Timestamp)] = [
            ("2024-03-01T14:30:00Z", Self.instant),
            ("2024-03-01T14:30:00.250Z", Self.instant + 250_000_000),
            ("2024-03-01t14:30:00.000000001z", Self.instant + 1),
            ("2024-03-01 09:30:00-05:00", Self.instant),
            ("2024-03-01 15:30:00+0100", Self.instant),
            ("2024-03-01T20:00+05:30", Self.instant),
            ("2024-03-01T16:30:00,5+02", Self.instant + 500_000_000),
        ]
        for (text, expected) in cases {
            #expect(Self.utc(text, .iso8601) == expected, "\(text)")
            #expect(Self.utc(text, .automatic) == expected, "\(text)")
        }
        #expect(Self.read("2024-03-01 14:30:00", .iso8601) == .local(Int64(Self.instant)))
        #expect(Self.read("2024-03-01", .iso8601) == .local(Int64(Self.instant - 52_200_000_000_000)))
        for bad in ["2024-02-30T00:00:00Z", "2024-03-01T24:00:00Z", "2024-03-01T14:30:00+25:00", "2024-03-01X14:30Z", "1969-12-31T23:59:59Z",
                    "2024-03-01T14:30:00.1234567890Z", "2024-3-1T14:30:00Z", ""] {
            #expect(Self.read(bad, .iso8601) == nil, "\(bad)")
        }
        #expect(Self.utc("1709303400000000000", .automatic) == Self.instant)
        // 2262 and later: beyond the last time a run can have.
        #expect(Self.read("9999999999999999999", .automatic) == nil)
        #expect(Self.read("9999999999", .epoch(.seconds)) == nil)
        #expect(Self.utc("9214646399", .epoch(.seconds)) == TimeUnits.latestTimestamp - 999_999_999)
        #expect(Self.read("1709303400000000000", .iso8601) == nil)
    }

    @Test func epochUnitsIntegerOrDecimal() {
        let cases: [(String, CSVTimeFormat.EpochUnit, Timestamp)] = [
            ("1709303400", .seconds, Self.instant),
            ("1709303400.25", .seconds, Self.instant + 250_000_000),
            ("1709303400.000000001", .seconds, Self.instant + 1),
            ("1709303400250", .milliseconds, Self.instant + 250_000_000),
            ("1709303400250.5", .milliseconds, Self.instant + 250_500_000),
            ("1709303400250000", .microseconds, Self.instant + 250_000_000),
            ("1709303400250000.001", .microseconds, Self.instant + 250_000_001),
            ("1709303400250000000", .nanoseconds, Self.instant + 250_000_000),
        ]
        for (text, unit, expected) in cases { #expect(Self.utc(text, .epoch(unit)) == expected, "\(text) \(unit)") }
        for (text, unit) in [("1709303400.0000000001", CSVTimeFormat.EpochUnit.seconds), ("1.5", .nanoseconds), ("-1", .seconds), ("1e9", .seconds),
                             ("1709303400.", .seconds), ("99999999999999999999", .nanoseconds), ("18446744074", .seconds)] {
            #expect(Self.read(text, .epoch(unit)) == nil, "\(text) \(unit)")
        }
    }

    @Test func datesAndPatterns() throws {
        let midnight = Int64(Self.instant) - 52_200_000_000_000
        for text in ["3/1/2024", "03/01/2024", "2024-03-01"] { #expect(Self.read(text, .date) == .local(midnight), "\(text)") }
        for bad in ["2/30/2024", "13/1/2024", "3/1/24", "2024-3-1"] { #expect(Self.read(bad, .date) == nil, "\(bad)") }
        let cases: [(pattern: String, text: String)] = [
            ("%m/%d/%Y %H:%M:%S", "03/01/2024 14:30:00"),
            ("%m/%d/%Y %H:%M:%S", "3/1/2024 14:30:00"),
            ("%d-%b-%y %I:%M:%S %p", "01-Mar-24 02:30:00 PM"),
            ("%d %b %Y %H:%M", "1 MARCH 2024 14:30"),
            ("%Y%m%d %H%M%S", "20240301 143000"),
            ("%Y.%m.%d %H:%M:%S.%f", "2024.03.01 14:30:00.0"),
            ("100%% %Y-%m-%d %H:%M", "100% 2024-03-01 14:30"),
        ]
        for (pattern, text) in cases {
            #expect(Self.read(text, .pattern(try StrftimePattern(pattern))) == .local(Int64(Self.instant)), "\(pattern) \(text)")
        }
        let withOffset = try StrftimePattern("%Y-%m-%dT%H:%M:%S.%f%z")
        #expect(Self.utc("2024-03-01T09:30:00.5-05:00", .pattern(withOffset)) == Self.instant + 500_000_000)
        #expect(Self.read("12/01/2024 12:00:00 AM", .pattern(try StrftimePattern("%m/%d/%Y %I:%M:%S %p")))
                == .local(Int64(1_733_011_200) * 1_000_000_000))  // midnight: 12 AM is hour 0
        for (pattern, text) in [("%m/%d/%Y %H:%M:%S", "03/01/2024 14:30"), ("%m/%d/%Y %H:%M:%S", "03/01/2024 14:30:00 "),
                                ("%d-%b-%y", "01-Mrz-24"), ("%m/%d/%Y %I:%M %p", "03/01/2024 13:30 PM")] {
            #expect(Self.read(text, .pattern(try StrftimePattern(pattern))) == nil, "\(pattern) \(text)")
        }
        #expect(try StrftimePattern("%Y-%m-%d %H:%M").example == "2024-03-01 14:30")
    }

    @Test func unsupportedOrIncompletePatternsAreRefused() throws {
        #expect { try StrftimePattern("%Y-%m-%d %Q") } throws: { "\($0)".contains("%Q, which is not supported") }
        #expect { try StrftimePattern("%Y-%m %H") } throws: { "\($0)".contains("needs a year") }
        #expect { try StrftimePattern("%Y-%m-%d %I:%M") } throws: { "\($0)".contains("%I with %p") }
        #expect { try StrftimePattern("%Y-%m-%d %") } throws: { "\($0)".contains("lone %") }
        #expect(throws: Never.self) { try CSVTimeFormat.named("epoch-ms") }
        #expect(try CSVTimeFormat.named("epoch-ms") == .epoch(.milliseconds))
        #expect(try CSVTimeFormat.named("rfc2822") == nil)
    }

    /// Local times through IANA zones, across both daylight-saving changes (Python zoneinfo values).
    @Test func localTimesThroughNamedZones() {
        let iso = CSVTimeFormat.iso8601
        #expect(Self.local("2024-03-01 08:30:00", iso, zone: "America/Chicago") == Self.instant)          // CST, UTC-6
        #expect(Self.local("2013-09-01 17:00:00.083", iso, zone: "America/Chicago") == 1_378_072_800_083_000_000)  // CDT, UTC-5
        #expect(Self.local("2024-03-10 01:59:59", iso, zone: "America/Chicago") == 1_710_057_599_000_000_000)
        #expect(Self.local("2024-03-10 02:30:00", iso, zone: "America/Chicago") == nil)                   // skipped by the clocks
        #expect(Self.local("2024-11-03 01:30:00", iso, zone: "America/Chicago") == 1_730_615_400_000_000_000)  // twice: the first
        #expect(Self.local("2024-03-01 20:00:00", iso, zone: "Asia/Kolkata") == Self.instant)             // UTC+5:30
        #expect(Self.local("2024-03-01 14:30:00", iso, zone: "UTC") == Self.instant)
        // Rows read one after another in one quarter hour share the cached offset; a later row
        // in another zone offset is still right.
        var zone = LocalTimeZone(identifier: "Europe/Zurich")!
        #expect(zone.instant(ofWallTime: Int64(Self.instant) + 3_600_000_000_000) == Self.instant)           // CET, UTC+1
        #expect(zone.instant(ofWallTime: Int64(Self.instant) + 3_600_000_000_000 + 1) == Self.instant + 1)
        let july: Int64 = 1_719_844_200_000_000_000  // 2024-07-01T14:30:00Z
        #expect(zone.instant(ofWallTime: july + 7_200_000_000_000) == Timestamp(july))                       // CEST, UTC+2
        #expect(LocalTimeZone(identifier: "Mars/Olympus") == nil)
    }
}
