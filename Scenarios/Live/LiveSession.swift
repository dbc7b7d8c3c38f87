import Actors
import Foundation
import Kernel
import Messages
import Logging
import ScenarioBenchmarks
import ScenarioDefinition
import ScenarioRunning

/// A scenario's pipeline on the live clock, fed by a live feed: the scenario's universe and
/// components, but its `feeds:` replaced by lines arriving over TCP or standard input. Every
/// line is admitted, stamped with the wall clock and journaled by the kernel before any
/// component sees it, so the recording replays bit-for-bit on the virtual clock.
public final class LiveSession {
    public struct Options: Sendable {
        public var seed: UInt64?
        /// Stop after this much wall time; nil runs until the feed ends or a signal stops it.
        public var durationNanoseconds: DurationNanoseconds?
        public var recording: ScenarioRun.Recording?
        public var logLevel: Logger.Level
        /// Quarantined lines, with their line number and reason, are appended here.
        public var quarantinePath: String?
        public var connectTimeoutNanoseconds: UInt64

        public init(seed: UInt64? = nil, durationNanoseconds: DurationNanoseconds? = nil, recording: ScenarioRun.Recording? = nil,
                    logLevel: Logger.Level = .warning, quarantinePath: String? = nil, connectTimeoutNanoseconds: UInt64 = 10_000_000_000) {
            self.seed = seed
            self.durationNanoseconds = durationNanoseconds
            self.recording = recording
            self.logLevel = logLevel
            self.quarantinePath = quarantinePath
            self.connectTimeoutNanoseconds = connectTimeoutNanoseconds
        }
    }

    /// What a live session ends with.
    public struct Outcome: Sendable {
        public var run: RunOutcome
        public var feed: LiveFeedStatistics
        /// Tick-to-order wall latency (see ``TickToOrderProbe``), when there were orders.
        public var tickToOrder: StageDistribution?
        public var untracedOrders: UInt64
        /// What broke the feed (a connection reset, a read error) when it did not end normally.
        public var feedFailure: String?
    }

    public let run: ScenarioRun
    public let monitor = LiveMonitor()
    public let probe = TickToOrderProbe()
    public let ingest: LiveFeedIngest
    public let endpoint: FeedEndpoint
    private let options: Options
    private var client: TCPFeedClient?

    public init(scenario: Scenario, endpoint: FeedEndpoint, options: Options = Options()) throws {
        self.endpoint = endpoint
        self.options = options
        let start = WallClock.wallTime()
        let window = ScenarioRun.ClockWindow(start: start, end: options.durationNanoseconds.map { start &+ $0 })
        run = try ScenarioRun(scenario: scenario, options: ScenarioRun.Options(
            seed: options.seed, logLevel: options.logLevel, mode: .live, recording: options.recording, window: window), inputs: .inbox)
        let kernel = run.kernel
        var instruments: [String: LiveLineParser.Instrument] = [:]
        for (index, instrument) in scenario.universe.enumerated() {
            instruments[instrument.symbol] = LiveLineParser.Instrument(id: SymbolID(index), pricePrecision: instrument.pricePrecision)
        }
        var quarantineFile: FileHandle?
        if let path = options.quarantinePath {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: path) else { throw LiveFeedError.cannotOpen(path, "the quarantine file is not writable") }
            handle.seekToEndOfFile()
            quarantineFile = handle
        }
        ingest = LiveFeedIngest(
            parser: LiveLineParser(instruments: instruments), inbox: kernel.inbox,
            topics: LiveFeedIngest.Topics(quotes: kernel.topic(named: Topics.rawQuotes), trades: kernel.topic(named: Topics.rawTrades),
                                          bars: kernel.topic(named: Topics.rawBars), alternativeData: kernel.topic(named: Topics.rawAlternativeData)),
            quarantineFile: quarantineFile)
        kernel.addObserver(monitor)
        kernel.addObserver(probe)
    }

    /// Opens the feed (connecting to a TCP server, or reading standard input).
    public func openFeed() throws {
        switch endpoint {
        case .tcp(let host, let port):
            let client = TCPFeedClient()
            do {
                try client.connect(host: host, port: port, ingest: ingest, timeoutNanoseconds: options.connectTimeoutNanoseconds)
            } catch {
                client.shutdown()
                throw error
            }
            self.client = client
        case .standardInput:
            StandardInputFeed(ingest: ingest).start()
        }
    }

    /// Runs on the calling thread (it becomes the kernel thread) until the feed ends, the duration
    /// passes or ``requestStop()`` — then closes the feed and the log.
    public func runToEnd() throws -> Outcome {
        defer {
            client?.shutdown()
            client = nil
        }
        let outcome = try run.run()
        return Outcome(run: outcome, feed: ingest.snapshot, tickToOrder: probe.percentiles, untracedOrders: probe.untraced,
                       feedFailure: run.kernel.inbox.failure)
    }

    /// Thread-safe: signal handlers call it.
    public func requestStop() { run.kernel.requestStop() }
}
