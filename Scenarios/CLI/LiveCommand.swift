import ArgumentParser
import Foundation
import Kernel
import Messages
import Logging
import Scenarios

struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Run a scenario's pipeline on the wall clock, fed by a live NDJSON feed, and record it.",
        discussion: """
            The scenario gives the universe and the components; its feeds: section is replaced by \
            the live feed (one JSON object per line: quotes, trades, bars, alternative data — see \
            docs/live.md). Every line is admitted and stamped by the kernel and journaled before \
            any component sees it; malformed lines are quarantined and counted, never fatal. \
            Recording is on by default (group commit every --fsync-interval). SIGINT or SIGTERM \
            stop the run cleanly with a closed log; so does the end of the feed.
            `metronome replay LOG --verify` then reproduces the day bit-for-bit.

            Examples:
              metronome feed serve calm-day --port 9000 --speed 10 &
              metronome live calm-day --feed tcp://127.0.0.1:9000 --record out/live.mlog
              metronome replay out/live.mlog --verify
              cat ticks.ndjson | metronome live one-strategy --feed stdin --no-record
            """)

    @Argument(help: "Scenario file or library name (its universe and components).")
    var scenario: String

    @Option(help: "The feed: tcp://HOST:PORT (connects to it) or stdin.")
    var feed: String

    @Option(help: "Record to this log (default: out/live-<UTC time>.mlog).")
    var record: String?

    @Flag(name: .customLong("no-record"), help: "Do not record.")
    var noRecord = false

    @Option(help: "Block compression of the log: zstd (default), lz4 or none.")
    var codec: String = "zstd"

    @Option(name: .customLong("fsync-interval"), help: "Group commit: wall time between fsyncs, and the most a crash can lose. Default 100ms.")
    var fsyncInterval: String = "100ms"

    @Option(name: .customLong("for"), help: "Stop after this much wall time, e.g. 30s (default: until the feed ends or a signal).")
    var duration: String?

    @Option(help: "Override the scenario's root seed.")
    var seed: UInt64?

    @Option(help: "Append quarantined lines (line number, reason, the line) to this file.")
    var quarantine: String?

    @Option(name: .customLong("connect-timeout"), help: "Keep trying to connect to a TCP feed this long. Default 10s.")
    var connectTimeout: String = "10s"

    @Option(name: .customLong("report-json"), help: "Write the JSON report (with the feed's counts and tick-to-order latency) to this path.")
    var reportJSON: String?

    @Option(name: .customLong("log-level"), help: "Component log level on stderr (trace … critical).")
    var logLevel: String = "warning"

    @Flag(name: .shortAndLong, help: "No status line and no summary.")
    var quiet = false

    func run() throws {
        let loaded = try ScenarioArgument.load(scenario)
        let endpoint: FeedEndpoint
        switch FeedEndpoint.parse(feed) {
        case .success(let parsed): endpoint = parsed
        case .failure(let error): throw CommandFailure.badInput("metronome: error: --feed \(error)")
        }
        let options = try sessionOptions()
        let session: LiveSession
        do {
            session = try LiveSession(scenario: loaded, endpoint: endpoint, options: options)
            try session.openFeed()
        } catch let error as LiveFeedError {
            throw CommandFailure.badInput("metronome: error: \(error)")
        } catch {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        let kernel = session.run.kernel
        let interrupt = InterruptHandler { kernel.requestStop() }
        defer { interrupt.cancel() }
        if !quiet {
            FileHandle.standardError.write(Data("metronome: live \(loaded.name) on \(endpoint)\(options.recording.map { ", recording to \($0.path)" } ?? "")\n".utf8))
        }
        let status = quiet ? nil : LiveStatusLine(monitor: session.monitor, ingest: session.ingest)
        status?.start()
        let outcome: LiveSession.Outcome
        do {
            outcome = try session.runToEnd()
            status?.stop()
        } catch {
            status?.stop()
            throw CommandFailure.checkFailed("metronome: error: the live run failed: \(error)")
        }
        try report(outcome, recording: options.recording)
    }

    /// The flags, checked, as the session's options; the report's and the recording's paths are
    /// checked writable before the feed is opened.
    private func sessionOptions() throws -> LiveSession.Options {
        guard let codecValue = BlockCodec(name: codec) else { throw CommandFailure.badInput("metronome: error: --codec must be zstd, lz4 or none, not '\(codec)'") }
        guard let fsync = DurationText.parse(fsyncInterval) else { throw CommandFailure.badInput("metronome: error: --fsync-interval must be a duration such as 100ms") }
        guard let timeout = DurationText.parse(connectTimeout) else { throw CommandFailure.badInput("metronome: error: --connect-timeout must be a duration such as 10s") }
        let runFor = try duration.map { text throws -> DurationNanoseconds in
            guard let value = DurationText.parse(text), value > 0 else { throw CommandFailure.badInput("metronome: error: --for must be a positive duration such as 30s") }
            return value
        }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw CommandFailure.badInput("metronome: error: --log-level expects trace, debug, info, notice, warning, error or critical, found '\(logLevel)'")
        }
        if noRecord && record != nil { throw CommandFailure.badInput("metronome: error: --record and --no-record exclude each other") }
        if let reportJSON { try ReportFile.checkWritable(reportJSON, option: "--report-json") }
        var recording: ScenarioRun.Recording?
        if !noRecord {
            let path = record ?? "out/live-\(LiveCommand.fileStamp()).mlog"
            try ReportFile.checkWritable(path, option: "--record")
            recording = ScenarioRun.Recording(path: path, writer: JournalWriter.Options(codec: codecValue, fsyncIntervalNanoseconds: fsync))
        }
        return LiveSession.Options(seed: seed, durationNanoseconds: runFor, recording: recording, logLevel: level, quarantinePath: quarantine,
                                   connectTimeoutNanoseconds: timeout)
    }

    /// The summary and the JSON report; a feed that broke fails the command after them.
    private func report(_ outcome: LiveSession.Outcome, recording: ScenarioRun.Recording?) throws {
        var report = RunReport(outcome.run)
        report.mode = "live"
        if let reportJSON { try ReportFile.write(LiveReportFile(run: report, live: LiveReport(outcome)), to: reportJSON) }
        if !quiet {
            print(SummaryTable.render(report))
            print(LiveCommand.feedLines(outcome).joined(separator: "\n"))
            if let recording, let journal = outcome.run.journal {
                print(SummaryTable.recording(path: recording.path, statistics: journal, inputs: outcome.run.summary.inputs))
            }
        }
        // A broken feed is not a normal end: the run and its log are complete up to the break,
        // but whoever runs this unattended must learn that the feed did not finish.
        if let failure = outcome.feedFailure {
            throw CommandFailure.checkFailed("metronome: error: the feed broke (\(failure)); the run stopped as input_failed after admitting \(outcome.run.summary.inputs) inputs")
        }
    }

    static func feedLines(_ outcome: LiveSession.Outcome) -> [String] {
        let feed = outcome.feed
        let admitted = outcome.run.summary.inputs
        let dropped = feed.submitted > admitted ? feed.submitted - admitted : 0
        var lines = ["feed             \(DecimalText.grouped(feed.lines)) lines, \(DecimalText.grouped(admitted)) admitted, \(DecimalText.grouped(feed.quarantinedTotal)) quarantined"
                     + (dropped > 0 ? ", \(DecimalText.grouped(dropped)) still queued at the stop (not admitted, not recorded)" : "")
                     + (feed.quarantinedTotal > 0 ? " (" + feed.quarantined.filter { $0.count > 0 }.map { "\($0.reason) \($0.count)" }.joined(separator: ", ") + ")" : "")]
        for problem in feed.firstProblems { lines.append("                   \(problem)") }
        if let latency = outcome.tickToOrder {
            lines.append(String(format: "tick-to-order    p50 %.1f µs · p99 %.1f µs · p99.9 %.1f µs · max %.1f µs (%@ orders)",
                                Double(latency.p50_ns) / 1e3, Double(latency.p99_ns) / 1e3, Double(latency.p999_ns) / 1e3,
                                Double(latency.max_ns) / 1e3, DecimalText.grouped(latency.count)))
        }
        return lines
    }

    static func fileStamp() -> String {
        let iso = TimeUnits.iso8601(WallClock.wallTime())
        return String(iso.prefix(19)).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
    }
}

/// The live part of the report.
struct LiveReport: Codable {
    var feed_lines: UInt64
    /// Good lines handed to the kernel's inbox.
    var feed_parsed: UInt64
    /// Inputs the kernel admitted (and journaled).
    var feed_admitted: UInt64
    /// Parsed lines still in the inbox when a stop request ended the run: never admitted, never journaled.
    var feed_dropped_at_stop: UInt64
    var feed_quarantined: [String: UInt64]
    var tick_to_order: StageDistribution?
    var untraced_orders: UInt64
    /// What broke the feed when it did not end normally (the run then stopped as `input_failed`).
    var feed_failure: String?

    init(_ outcome: LiveSession.Outcome) {
        feed_lines = outcome.feed.lines
        feed_parsed = outcome.feed.submitted
        feed_admitted = outcome.run.summary.inputs
        feed_dropped_at_stop = outcome.feed.submitted > outcome.run.summary.inputs ? outcome.feed.submitted - outcome.run.summary.inputs : 0
        feed_quarantined = Dictionary(uniqueKeysWithValues: outcome.feed.quarantined.map { ($0.reason, $0.count) })
        tick_to_order = outcome.tickToOrder
        untraced_orders = outcome.untracedOrders
        feed_failure = outcome.feedFailure
    }
}

struct LiveReportFile: Codable {
    var run: RunReport
    var live: LiveReport
}
