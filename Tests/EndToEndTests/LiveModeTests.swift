import Foundation
import Testing

/// Live mode as a user runs it: `feed serve` on loopback, `live` recording it, then replay.
@Suite(.serialized) struct LiveModeTests {
    /// Starts `feed serve` on a free port and returns it with the port.
    func serve(_ arguments: [String], in directory: URL) throws -> (BackgroundProcess, Int) {
        let portFile = directory.appendingPathComponent("port")
        let server = try BackgroundProcess(["feed", "serve"] + arguments + ["--port", "0", "--port-file", portFile.path], in: directory)
        var port: Int?
        _ = BackgroundProcess.until(seconds: 20) {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return port != nil
        }
        return (server, try #require(port, "feed serve wrote its port; stderr: \(server.stderr)"))
    }

    @Test func liveRunFedOverLoopbackStopsOnSIGINTAndReplaysBitForBit() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let (server, port) = try serve(["one-strategy", "--rate", "5000"], in: directory)
        defer { server.signal(SIGTERM); server.wait(seconds: 10) }
        let log = directory.appendingPathComponent("live.mlog")
        let live = try BackgroundProcess(["live", "one-strategy", "--feed", "tcp://127.0.0.1:\(port)", "--record", log.path,
                                          "--report-json", directory.appendingPathComponent("live.json").path], in: directory)
        // Let a few thousand ticks through, then Ctrl-C.
        #expect(BackgroundProcess.until(seconds: 30) { (try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int).map { $0 > 20_000 } ?? false },
                "the recording grows while the feed runs; stderr: \(live.stderr)")
        live.signal(SIGINT)
        let status = live.wait(seconds: 30)
        #expect(status == 0, "live exits 0 on SIGINT; stderr: \(live.stderr)")
        #expect(live.stdout.contains("stop_requested"), "\(live.stdout)")
        let report = try CommandRunner.json(at: directory.appendingPathComponent("live.json"))
        let liveSection = try #require(report["live"] as? [String: Any])
        let admitted = try #require(liveSection["feed_admitted"] as? Int)
        #expect(admitted > 1_000, "thousands of ticks were admitted before the stop")
        let run = try #require(report["run"] as? [String: Any])
        #expect(run["inputs"] as? Int == admitted, "the run's inputs are the admitted lines")
        let parsed = try #require(liveSection["feed_parsed"] as? Int)
        #expect(parsed - admitted == liveSection["feed_dropped_at_stop"] as? Int, "lines queued at the stop are reported, not admitted")
        #expect((run["orders"] as? Int ?? 0) > 0, "the strategy traded on the live ticks")
        #expect(run["mode"] as? String == "live")

        let replay = try CommandRunner.metronome("replay", log.path, "--verify")
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("verified: both digests equal the recording"), "\(replay.stdout)")
        #expect(replay.stdout.contains("\(admitted) inputs"), "every admitted tick is in the log: \(replay.stdout)")
    }

    @Test func malformedLinesAreQuarantinedCountedAndNeverFatal() throws {
        let directory = try CommandRunner.temporaryDirectory()
        var lines: [String] = []
        for index in 0..<300 {
            let bid = 10_000 + index % 7
            lines.append("{\"type\":\"quote\",\"symbol\":\"ACME\",\"bid\":\(bid / 100).\(String(format: "%02d", bid % 100)),\"ask\":\((bid + 2) / 100).\(String(format: "%02d", (bid + 2) % 100)),\"bid_size\":300,\"ask_size\":200}")
        }
        lines.insert("this is not json", at: 10)
        lines.insert("{\"type\":\"quote\",\"symbol\":\"NOPE\",\"bid\":1,\"ask\":2,\"bid_size\":1,\"ask_size\":1}", at: 20)
        lines.insert("{\"type\":\"quote\",\"symbol\":\"ACME\",\"bid\":100.001,\"ask\":100.02,\"bid_size\":1,\"ask_size\":1}", at: 30)
        lines.insert("{\"type\":\"quote\",\"symbol\":\"ACME\",\"ask\":100.02,\"bid_size\":1,\"ask_size\":1}", at: 40)
        lines.insert("{\"type\":\"candle\",\"symbol\":\"ACME\"}", at: 50)
        lines.insert("{\"type\":\"trade\",\"symbol\":\"ACME\",\"price\":100.01,\"size\":5,\"side\":\"buy\"", at: 60)
        lines.insert(String(repeating: "x", count: 5_000), at: 70)
        lines.insert("", at: 80)
        let input = directory.appendingPathComponent("feed.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("stdin.mlog")
        let quarantine = directory.appendingPathComponent("quarantine.txt")
        let live = try BackgroundProcess(["live", "one-strategy", "--feed", "stdin", "--record", log.path, "--quarantine", quarantine.path,
                                          "--report-json", directory.appendingPathComponent("stdin.json").path], in: directory, standardInput: input)
        #expect(live.wait(seconds: 60) == 0, "the end of the feed ends the run cleanly; stderr: \(live.stderr)")
        #expect(live.stdout.contains("input_closed"), "\(live.stdout)")
        let report = try CommandRunner.json(at: directory.appendingPathComponent("stdin.json"))
        let section = try #require(report["live"] as? [String: Any])
        #expect(section["feed_admitted"] as? Int == 300, "every good line is admitted")
        #expect(section["feed_dropped_at_stop"] as? Int == 0, "the end of the feed drains the inbox before stopping")
        let quarantined = try #require(section["feed_quarantined"] as? [String: Int])
        #expect(quarantined == ["malformed_json": 2, "unknown_symbol": 1, "bad_value": 1, "missing_field": 1, "unknown_type": 1, "out_of_range": 0, "too_long": 1])
        let file = try String(contentsOf: quarantine, encoding: .utf8)
        #expect(file.contains("line 11: malformed_json"), "\(file)")
        #expect(file.contains("line 21: unknown_symbol at column 27: \"NOPE\" is not in the scenario's universe"), "\(file)")
        #expect(file.contains("line 31: bad_value"), "\(file)")
        #expect(file.split(separator: "\n").count == 7)
        let replay = try CommandRunner.metronome("replay", log.path, "--verify", "--quiet")
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
    }

    @Test func liveRecordingKilledWithSIGKILLRecoversToItsLossPoint() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let (server, port) = try serve(["one-strategy", "--rate", "5000"], in: directory)
        defer { server.signal(SIGTERM); server.wait(seconds: 10) }
        let log = directory.appendingPathComponent("killed.mlog")
        let live = try BackgroundProcess(["live", "one-strategy", "--feed", "tcp://127.0.0.1:\(port)", "--record", log.path,
                                          "--fsync-interval", "100ms", "--quiet"], in: directory)
        #expect(BackgroundProcess.until(seconds: 30) { (try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int).map { $0 > 20_000 } ?? false })
        live.signal(SIGKILL)
        let killedAt = Date().timeIntervalSince1970
        live.wait(seconds: 10)
        let recovered = directory.appendingPathComponent("recovered.mlog")
        let recover = try CommandRunner.metronome("log", "recover", log.path, recovered.path)
        #expect(recover.exitCode == 0, "\(recover.stdout)\(recover.stderr)")
        // "recovered N blocks, M records (K inputs) up to 2026-…Z into …"
        let upTo = try #require(recover.stdout.range(of: "up to ")).upperBound
        let stamp = String(recover.stdout[upTo...].prefix { $0 != " " })
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let lossPoint = try #require(formatter.date(from: stamp.replacingOccurrences(of: #"(\.\d{3})\d*"#, with: "$1", options: .regularExpression)),
                                     "a time in: \(recover.stdout)")
        // The loss is bounded by the group-commit interval (100 ms) plus the time to write a block;
        // the bound here is loose so that a loaded CI machine does not make it flaky.
        #expect(killedAt - lossPoint.timeIntervalSince1970 < 1.5, "lost \(killedAt - lossPoint.timeIntervalSince1970) s")
        let replay = try CommandRunner.metronome("replay", recovered.path, "--verify")
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("verified: recovered log: verified up to the loss point"), "\(replay.stdout)")
    }

    /// A feed file of quotes on a slow sine wave, so the EMA crossover trades.
    func sineFeed(in directory: URL, count: Int = 3_000) throws -> URL {
        var text = ""
        for index in 0..<count {
            let mid = 10_000 + Int((300 * sin(Double(index) / 120)).rounded())
            text += "{\"type\":\"quote\",\"symbol\":\"ACME\",\"bid\":\"\(mid / 100).\(String(format: "%02d", mid % 100))\",\"ask\":\"\((mid + 2) / 100).\(String(format: "%02d", (mid + 2) % 100))\",\"bid_size\":500,\"ask_size\":500}\n"
        }
        let url = directory.appendingPathComponent("sine.ndjson")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func liveLogsDiffAndReplayCounterfactually() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let feed = try sineFeed(in: directory)
        var logs: [String] = []
        for name in ["first", "second"] {
            let log = directory.appendingPathComponent("\(name).mlog").path
            let live = try BackgroundProcess(["live", "one-strategy", "--feed", "stdin", "--record", log, "--quiet"], in: directory, standardInput: feed)
            #expect(live.wait(seconds: 60) == 0, "\(live.stderr)")
            logs.append(log)
        }
        let same = try CommandRunner.metronome("diff", logs[0], logs[0])
        #expect(same.exitCode == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.hasPrefix("same run: "), "\(same.stdout)")
        // The same lines on another day: every admission stamp differs from the first record on.
        let differs = try CommandRunner.metronome("diff", logs[0], logs[1])
        #expect(differs.exitCode == 1, "\(differs.stdout)\(differs.stderr)")
        #expect(differs.stdout.contains("first divergence at record 0,"), "\(differs.stdout)")
        #expect(differs.stdout.contains("input market.raw.quotes: the inputs differ"), "\(differs.stdout)")
        #expect(differs.stdout.contains("PnL"), "\(differs.stdout)")

        let empty = directory.appendingPathComponent("empty.yaml")
        try "# nothing changes\n".write(to: empty, atomically: true, encoding: .utf8)
        let unchanged = try CommandRunner.metronome("replay", logs[0], "--with", empty.path, "--report-json", directory.appendingPathComponent("same.json").path)
        #expect(unchanged.exitCode == 0, "\(unchanged.stdout)\(unchanged.stderr)")
        let sameReport = try CommandRunner.json(at: directory.appendingPathComponent("same.json"))
        #expect((sameReport["diff"] as? [String: Any])?["same"] as? Bool == true, "empty overrides replay the live day exactly")

        let strict = directory.appendingPathComponent("strict.yaml")
        try "trader: { min_confidence: 0.99 }\n".write(to: strict, atomically: true, encoding: .utf8)
        let whatIf = try CommandRunner.metronome("replay", logs[0], "--with", strict.path, "--report-json", directory.appendingPathComponent("whatif.json").path)
        #expect(whatIf.exitCode == 0, "\(whatIf.stdout)\(whatIf.stderr)")
        let diff = try #require(try CommandRunner.json(at: directory.appendingPathComponent("whatif.json"))["diff"] as? [String: Any])
        #expect(diff["same"] as? Bool == false)
        let a = try #require(diff["a"] as? [String: Any])
        #expect((a["orders"] as? Int ?? 0) > 0, "the live day traded")
        #expect((diff["orders_removed"] as? Int ?? 0) > 0, "a stricter trader sends fewer orders: \(diff)")
        #expect(whatIf.stdout.contains("counterfactual vs original"), "\(whatIf.stdout)")
    }
}

