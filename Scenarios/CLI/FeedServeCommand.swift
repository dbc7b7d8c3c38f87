import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct FeedServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Stream a scenario's feed or a tick CSV over TCP in the live protocol, in real time or faster.",
        discussion: """
            SOURCE is a scenario (file or library name: its feeds are generated exactly as a run \
            would, from --seed) or a tick CSV (docs/scenarios.md). Each connection gets the whole \
            feed from the start, one JSON object per line (docs/live.md), stamped with the time \
            it is sent; the connection closes at the end. Binds 127.0.0.1 unless --host says \
            otherwise. Stop with Ctrl-C, or use --once to exit after one connection.

            Examples:
              metronome feed serve calm-day --port 9000 --speed 10
              metronome feed serve calm-day --port 9000 --rate 100000 --until 30m --once
              metronome feed serve ticks.csv --port 9000 --speed max
            """)

    @Argument(help: "A scenario (file or library name) or a tick CSV file (.csv).")
    var source: String

    @Option(help: "TCP port (0 picks a free one; see --port-file).")
    var port: Int

    @Option(help: "Address to bind. Default 127.0.0.1 (loopback only).")
    var host: String = "127.0.0.1"

    @Option(help: "Pace by the feed's own time, X times faster than real time (1 = real time), or 'max' for no pacing. Default 1.")
    var speed: String?

    @Option(help: "Pace at this many lines per second instead, whatever the feed's times.")
    var rate: Double?

    @Option(help: "Override the scenario's root seed.")
    var seed: UInt64?

    @Option(help: "Stop the scenario's feed at this simulated time: UTC or a duration after its start (1h).")
    var until: String?

    @Flag(help: "Exit after the first connection's stream ends.")
    var once = false

    @Option(name: .customLong("port-file"), help: "Write the bound port to this file once listening (for scripts).")
    var portFile: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        guard (0...65_535).contains(port) else { throw CommandFailure.badInput("metronome: error: --port must be 0…65535, found \(port)") }
        let pacing = try checkedPacing()
        let (makeSource, description) = try feedSource()
        let server = FeedServer(pacing: pacing, makeSource: makeSource)
        let bound: Int
        do {
            bound = try server.start(host: host, port: port)
        } catch {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        defer { server.shutdown() }
        if let portFile { try ReportFile.write(Data("\(bound)\n".utf8), to: portFile) }
        let interrupt = InterruptHandler { Foundation.exit(0) }
        defer { interrupt.cancel() }
        if !quiet { FileHandle.standardError.write(Data("metronome: serving \(description) on tcp://\(host):\(bound) (\(pacing))\n".utf8)) }
        repeat {
            let sent: FeedServer.Sent
            do {
                sent = try server.waitForConnection()
            } catch {
                throw CommandFailure.badInput("metronome: error: \(error)")
            }
            if !quiet {
                let seconds = Double(sent.wallNanoseconds) / 1e9
                FileHandle.standardError.write(Data(String(format: "metronome: sent %@ lines in %.2f s (%@ lines/s)\n", DecimalText.grouped(sent.lines), seconds,
                                                           DecimalText.grouped(UInt64(Double(sent.lines) / max(seconds, 1e-9)))).utf8))
            }
        } while !once
    }

    /// `--speed` or `--rate` (one of them at most; real time without either).
    private func checkedPacing() throws -> FeedPacing {
        switch (speed, rate) {
        case (.some, .some): throw CommandFailure.badInput("metronome: error: --speed and --rate exclude each other")
        case (nil, .some(let perSecond)):
            guard perSecond > 0, perSecond.isFinite else { throw CommandFailure.badInput("metronome: error: --rate must be a positive number of lines per second") }
            return .rate(perSecond)
        case (.some("max"), nil): return .unpaced
        case (.some(let text), nil):
            guard let factor = Double(text), factor > 0, factor.isFinite else {
                throw CommandFailure.badInput("metronome: error: --speed must be a positive factor (10 = ten times real time) or 'max', found '\(text)'")
            }
            return .speed(factor)
        case (nil, nil): return .speed(1)
        }
    }

    /// What each connection is sent (a CSV file's rows, or a scenario's feeds), checked before
    /// listening, and how to name it.
    private func feedSource() throws -> (@Sendable () throws -> any FeedLineSource, String) {
        guard source.lowercased().hasSuffix(".csv") else {
            let scenario = try ScenarioArgument.load(source)
            let untilTime = try TimeArgument.until(until, scenario: scenario)
            let seed = self.seed
            return ({ try ScenarioFeedLineSource(scenario: scenario, seed: seed, until: untilTime) },
                    "\(scenario.name) (seed \(seed ?? scenario.seed))")
        }
        guard FileManager.default.isReadableFile(atPath: source) else { throw CommandFailure.badInput("metronome: error: cannot read '\(source)'") }
        if seed != nil || until != nil { throw CommandFailure.badInput("metronome: error: --seed and --until apply to scenarios, not to a CSV") }
        let path = source
        // Fail before listening if the first row is bad.
        do {
            var probe = try CSVFeedLineSource(path: path)
            _ = try probe.nextTime()
        } catch {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        return ({ try CSVFeedLineSource(path: path) }, path)
    }
}
