import Foundation
import Testing

/// Recording, replaying and inspecting logs through the real CLI and the real zstd / lz4 tools.
@Suite struct JournalCommandTests {
    func record(_ codec: String, until: String = "45m") throws -> URL {
        let directory = try CommandRunner.temporaryDirectory()
        let log = directory.appendingPathComponent("calm-\(codec).mlog")
        let result = try CommandRunner.metronome("run", "calm-day", "--until", until, "--quiet", "--record", log.path, "--codec", codec)
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        return log
    }

    func tool(_ name: String, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("/usr/bin/env", [name] + arguments)
    }

    @Test func codecToolsAcceptTheLogs() throws {
        let zstd = try record("zstd")
        #expect(try tool("zstd", ["-t", "-q", zstd.path]).exitCode == 0)
        let raw = try CommandRunner.run("/bin/sh", ["-c", "zstd -dc '\(zstd.path)' | wc -c"])
        #expect(raw.exitCode == 0)
        let rawBytes = Int(raw.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        let inspect = try CommandRunner.metronome("log", "inspect", zstd.path)
        #expect(field("raw bytes", in: inspect.stdout) == grouped(rawBytes), "zstd -dc yields exactly the raw records")
        let lz4 = try record("lz4")
        #expect(try tool("lz4", ["-t", "-q", lz4.path]).exitCode == 0)
        let stored = try record("none")
        #expect(try tool("zstd", ["-t", "-q", stored.path]).exitCode == 0)
    }

    @Test func recordReplayVerifyPasses() throws {
        let log = try record("zstd")
        let replay = try CommandRunner.metronome("replay", log.path, "--verify", "--quiet")
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("verified: both digests equal the recording"))
        let verify = try CommandRunner.metronome("log", "verify", log.path)
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        let inspect = try CommandRunner.metronome("log", "inspect", log.path)
        #expect(field("closed cleanly", in: inspect.stdout) == "yes")
        #expect(field("scenario", in: inspect.stdout)?.hasPrefix("calm-day") == true)
    }

    @Test func catPrintsNDJSONFilteredByTimeAndType() throws {
        let log = try record("zstd")
        let orders = try CommandRunner.metronome("log", "cat", log.path, "--type", "order", "--from", "10m", "--to", "40m")
        #expect(orders.exitCode == 0)
        let lines = orders.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] as? String == "order")
            let time = object?["time"] as? String ?? ""
            #expect(time >= "2024-03-01T14:40:00" && time <= "2024-03-01T15:10:00.000000000Z")
        }
        let badType = try CommandRunner.metronome("log", "cat", log.path, "--type", "nonsense")
        #expect(badType.exitCode == 2)
    }

    /// `--record-signals` through the CLI: `log cat --type signal` prints the signals, the technical
    /// agent's with the indicator values behind them; the log verifies and replays, signals checked.
    @Test func signalsAreOnTheRecordWithTheirIndicators() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let log = directory.appendingPathComponent("calm-signals.mlog")
        let run = try CommandRunner.metronome("run", "calm-day", "--until", "45m", "--quiet", "--record", log.path, "--record-signals")
        #expect(run.exitCode == 0, "stderr: \(run.stderr)")
        let signals = try CommandRunner.metronome("log", "cat", log.path, "--type", "signal")
        #expect(signals.exitCode == 0, "\(signals.stderr)")
        var withIndicators = 0
        for line in signals.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["record"] as? String == "signal" && object?["type"] as? String == "signal")
            guard let indicators = object?["indicators"] as? [String: Double] else { continue }
            withIndicators += 1
            let rsi = try #require(indicators["rsi"])
            let adx = try #require(indicators["adx"])
            #expect((0...100).contains(rsi) && (0...100).contains(adx))
            #expect(Set(indicators.keys) == ["rsi", "macd", "percent_b", "atr", "donchian_upper", "donchian_lower", "supertrend",
                                              "supertrend_direction", "adx"])
        }
        #expect(withIndicators > 0, "the technical agent's signals carry their indicators")
        let forecasts = try CommandRunner.metronome("log", "cat", log.path, "--type", "forecast")
        #expect(forecasts.exitCode == 0 && !forecasts.stdout.isEmpty)
        let inspect = try CommandRunner.metronome("log", "inspect", log.path)
        #expect(field("format", in: inspect.stdout) == "v5, schema v1")
        #expect(field("records", in: inspect.stdout)?.contains("signal records") == true)
        let verify = try CommandRunner.metronome("log", "verify", log.path)
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        let replay = try CommandRunner.metronome("replay", log.path, "--verify", "--quiet")
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("signal records"))
    }

    @Test func tornLogIsRecoveredAndReplaysToTheLossPoint() throws {
        let log = try record("zstd", until: "3h")
        let bytes = try Data(contentsOf: log)
        let torn = log.deletingLastPathComponent().appendingPathComponent("torn.mlog")
        try bytes.prefix(bytes.count * 3 / 4).write(to: torn)
        let verify = try CommandRunner.metronome("log", "verify", torn.path, "--no-replay")
        #expect(verify.exitCode == 1)
        let inspect = try CommandRunner.metronome("log", "inspect", torn.path)
        #expect(field("closed cleanly", in: inspect.stdout) == "no (no trailer)")
        #expect(field("damage", in: inspect.stdout)?.contains("lost from there to the end") == true)
        let recovered = log.deletingLastPathComponent().appendingPathComponent("recovered.mlog")
        let recover = try CommandRunner.metronome("log", "recover", torn.path, recovered.path)
        #expect(recover.exitCode == 0)
        #expect(recover.stdout.contains("lost: block"))
        let replay = try CommandRunner.metronome("replay", recovered.path, "--verify", "--quiet")
        #expect(replay.exitCode == 0, "\(replay.stdout)")
        #expect(replay.stdout.contains("verified up to the loss point"))
    }

    /// The decision log: an order's trace id names the tick behind it, and `--trace` lists that
    /// tick and the chain intent → gate → order → ack → fill → position.
    @Test func traceLinksATickToItsDecisions() throws {
        let log = try record("zstd", until: "1h")
        let orders = try CommandRunner.metronome("log", "cat", log.path, "--type", "order")
        let first = try #require(orders.stdout.split(separator: "\n").first)
        let order = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let trace = try #require(order["trace"] as? Int)
        let chain = try CommandRunner.metronome("log", "cat", log.path, "--trace", "\(trace)")
        #expect(chain.exitCode == 0)
        let records = try chain.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        // The trace id is the tick's ordinal among the log's inputs (format 4): the tick is the trace-th input.
        #expect(records.first?["record"] as? String == "input" && records.first?["trace"] as? Int == trace, "the tick comes first")
        let all = try CommandRunner.metronome("log", "cat", log.path)
        let tick = try #require(all.stdout.split(separator: "\n").filter { $0.contains("\"record\":\"input\"") }.dropFirst(trace - 1).first)
        let tickRecord = try #require(try JSONSerialization.jsonObject(with: Data(tick.utf8)) as? [String: Any])
        #expect(tickRecord["seq"] as? Int == records.first?["seq"] as? Int)
        let types = records.compactMap { $0["type"] as? String }
        for type in ["intent", "gate", "order", "report", "fill", "position"] { #expect(types.contains(type), "\(type) in \(types)") }
        for record in records.dropFirst() { #expect(record["trace"] as? Int == trace) }
    }

    /// A scenario's `record:` section records the run; `--record` wins over it.
    @Test func theScenarioCanAskToBeRecorded() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let fromScenario = directory.appendingPathComponent("from-scenario.mlog")
        let library = CommandRunner.repositoryRoot.appendingPathComponent("Scenarios/Library/one-strategy.yaml")
        let text = try String(contentsOf: library, encoding: .utf8) + "\nrecord:\n  path: \(fromScenario.path)\n  codec: lz4\n"
        let scenario = directory.appendingPathComponent("recorded.yaml")
        try text.write(to: scenario, atomically: true, encoding: .utf8)
        let run = try CommandRunner.metronome("run", scenario.path, "--until", "10m")
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("recorded         \(fromScenario.path)"))
        let inspect = try CommandRunner.metronome("log", "inspect", fromScenario.path)
        #expect(field("codec", in: inspect.stdout)?.hasPrefix("lz4") == true)
        let other = directory.appendingPathComponent("from-option.mlog")
        let overridden = try CommandRunner.metronome("run", scenario.path, "--until", "5m", "--quiet", "--record", other.path)
        #expect(overridden.exitCode == 0 && FileManager.default.fileExists(atPath: other.path))
        let bad = directory.appendingPathComponent("bad.yaml")
        try (text.replacingOccurrences(of: "codec: lz4", with: "codec: gzip")).write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.metronome("validate", bad.path)
        #expect(refused.exitCode == 2 && refused.stderr.contains("record.codec must be zstd, lz4 or none, found 'gzip'"))
    }

    @Test func garbageIsBadInput() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let garbage = directory.appendingPathComponent("garbage.mlog")
        try Data("this is not a log".utf8).write(to: garbage)
        let result = try CommandRunner.metronome("replay", garbage.path, "--verify")
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("garbage.mlog"))
    }

    /// The value of a `label   value` row of `log inspect`.
    private func field(_ label: String, in text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(label + " ") {
            return line.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    private func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }
}
