import Foundation
import Testing

/// Every crash the fuzz targets found (docs/fuzzing.md), replayed through the real CLI on the
/// crashing input (Tests/Fixtures/fuzz): the input must end in a clear error or a quarantined
/// line, never in a trap.
///
@Suite struct FuzzRegressionTests {
    static let fixtures = ["live-time-after-2554.ndjson", "tick-csv-time-after-2554.csv", "scenario-start-after-2554.yaml",
                           "journal-more-inputs-than-records.mlog.fixture"]

    static func fixture(_ name: String) -> URL {
        CommandRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/fuzz").appendingPathComponent(name)
    }

    /// A crashing input committed without its test would guard nothing.
    @Test func everyFuzzFixtureHasItsTest() throws {
        let directory = CommandRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/fuzz").path
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(Set(names) == Set(FuzzRegressionTests.fixtures))
    }

    /// Fuzz crash (LiveLineFuzzer): a live line whose `time` is an ISO 8601 time after
    /// 2554-07-21T23:34:33.709551615Z — past the last nanosecond a UInt64 holds — traps in
    /// `TimeUnits.parseISO8601` (Kernel/Time/TimeUnits+Parsing.swift:36, days × ns per day
    /// overflows), called from `LiveLineFields.time` (Actors/Feeds/Live/LiveLineFields.swift:88):
    /// one feed line kills live mode. The line must be quarantined as a bad value instead.
    @Test
    func liveLineWithATimePastTheLastNanosecondIsQuarantined() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let quarantine = directory.appendingPathComponent("quarantine.txt")
        let report = directory.appendingPathComponent("live.json")
        let live = try BackgroundProcess(["live", "one-strategy", "--feed", "stdin", "--no-record", "--quarantine", quarantine.path,
                                          "--report-json", report.path, "--quiet"],
                                         in: directory, standardInput: FuzzRegressionTests.fixture("live-time-after-2554.ndjson"))
        #expect(live.wait(seconds: 60) == 0, "the run ends cleanly at the end of the feed; stderr: \(live.stderr)")
        let section = try #require(try CommandRunner.json(at: report)["live"] as? [String: Any])
        #expect(section["feed_admitted"] as? Int == 2, "the lines before and after it are admitted")
        let quarantined = try #require(section["feed_quarantined"] as? [String: Int])
        #expect(quarantined["bad_value"] == 1 && quarantined.values.reduce(0, +) == 1, "\(quarantined)")
        let file = try String(contentsOf: quarantine, encoding: .utf8)
        #expect(file.hasPrefix("line 2: bad_value"), "\(file)")
    }

    /// Fuzz crash (LiveLineFuzzer, through the CSV feed source): a tick CSV row whose time is
    /// after 2554-07-21 traps in `TimeUnits.parseISO8601` (as above), called from
    /// `CSVFeedLineSource.nextTime` (Scenarios/Live/CSVFeedLineSource.swift:33), which
    /// `feed serve` runs on the first row before it listens. It must be a bad-input error naming
    /// the file, line and column.
    @Test
    func tickCSVRowWithATimePastTheLastNanosecondIsABadInputError() throws {
        let csv = FuzzRegressionTests.fixture("tick-csv-time-after-2554.csv").path
        let result = try CommandRunner.metronome("feed", "serve", csv, "--port", "0", "--once", "--quiet")
        #expect(!result.crashed, "\(result.stderr)")
        #expect(result.exitCode == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("\(csv):1:1: error: expected a time: ISO 8601 UTC or nanoseconds since the epoch"), "\(result.stderr)")
    }

    /// Fuzz crash (ScenarioLoaderFuzzer): a scenario whose `start` is after 2554-07-21 traps in
    /// `TimeUnits.parseISO8601` (as above), called from `ScalarReader.timestamp`
    /// (Scenarios/Definition/Loading/ScalarReader.swift:86) — `validate` dies instead of naming the
    /// value (issue 18: "validate on any time in year ≥ 2555"). It must be an error at the
    /// value's `file:line:column`, exit code 2.
    @Test
    func scenarioStartPastTheLastNanosecondIsAnErrorAtItsLine() throws {
        let scenario = FuzzRegressionTests.fixture("scenario-start-after-2554.yaml").path
        let result = try CommandRunner.metronome("validate", scenario)
        #expect(!result.crashed, "\(result.stderr)")
        #expect(result.exitCode == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("\(scenario):8:8: error: start: year 2555 is after 2261"), "\(result.stderr)")
    }

    /// Fuzz crash (JournalReaderFuzzer, with checksums repaired): a block descriptor announcing
    /// more inputs than records (here 12 of 11) traps `log recover` in
    /// `JournalRecovery.recover` (Kernel/Journal/JournalRecovery.swift:66,
    /// `recordCount - inputCount` in UInt32); issue 18 lists it ("a descriptor claiming more
    /// inputs than records"). The fixture is one-strategy's 3-second seed log with that one field
    /// changed and its descriptor checksum recomputed. `log verify` already names the block;
    /// `log recover` must not trap, and must name the block it stops at.
    @Test
    func logRecoverOnADescriptorWithMoreInputsThanRecordsNamesTheBlock() throws {
        let log = FuzzRegressionTests.fixture("journal-more-inputs-than-records.mlog.fixture").path
        let verify = try CommandRunner.metronome("log", "verify", "--no-replay", log)
        #expect(verify.exitCode == 1, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("block 0 at byte 1298 is corrupt: at byte 1298: block 0 claims 12 inputs among 11 records"), "\(verify.stdout)")
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("recovered.mlog")
        let recover = try CommandRunner.metronome("log", "recover", log, output.path)
        #expect(!recover.crashed, "\(recover.stderr)")
        #expect(recover.exitCode == 0 || recover.exitCode == 2, "\(recover.stdout)\(recover.stderr)")
        #expect((recover.stdout + recover.stderr).contains("block 0"), "the message names the bad block: \(recover.stdout)\(recover.stderr)")
    }
}
