import Foundation
import Testing

/// Logs that tell the truth, through the real CLI: no hang on a log without a trailer, a header
/// bound to its body, a torn log that says so, a damaged log named by `diff`, and a live input
/// that kills the process still in the log after `log recover` (docs/log-format.md).
@Suite struct LogTruthTests {
    /// Runs `metronome` through `/bin/sh` (for redirections and environment switches); `exec` so
    /// that a trap shows as the process's own signal.
    static func shell(_ command: String, in directory: URL, environment: [String: String] = [:]) throws -> CommandRunner.Result {
        try CommandRunner.run("/bin/sh", ["-c", "exec " + command], in: directory, environment: environment)
    }

    static let metronome = CommandRunner.product("metronome")

    /// What a failed connect leaves: a live log with a header and nothing else.
    @Test func aLogWithoutATrailerIsRefusedPromptlyPointingToRecover() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let log = directory.appendingPathComponent("x.mlog").path
        let live = try CommandRunner.metronome("live", "calm-day", "--feed", "tcp://127.0.0.1:1", "--connect-timeout", "1s", "--record", log)
        #expect(live.exitCode == 2)
        let started = Date()
        let replay = try CommandRunner.metronome("replay", log, "--verify")
        #expect(Date().timeIntervalSince(started) < 30, "the replay returns")
        #expect(replay.exitCode == 2)
        #expect(replay.stderr.contains("not closed cleanly") && replay.stderr.contains("metronome log recover \(log)"), "\(replay.stderr)")
        let verify = try CommandRunner.metronome("log", "verify", log)
        #expect(verify.exitCode == 1)
        #expect(verify.stdout.contains("hint: `metronome log recover"), "\(verify.stdout)")
        let recovered = directory.appendingPathComponent("recovered.mlog").path
        #expect(try CommandRunner.metronome("log", "recover", log, recovered).exitCode == 0)
        #expect(try CommandRunner.metronome("replay", recovered, "--verify", "--quiet").exitCode == 0)
    }

    /// A seed-42 header on a seed-7 body, its own checksum recomputed: caught by verify and replay.
    @Test func aSwappedHeaderIsDetected() throws {
        let directory = try CommandRunner.temporaryDirectory()
        var bodies: [Data] = []
        var headers: [Data] = []
        for seed in ["7", "42"] {
            let log = directory.appendingPathComponent("seed-\(seed).mlog")
            #expect(try CommandRunner.metronome("run", "calm-day", "--until", "10m", "--seed", seed, "--quiet", "--record", log.path).exitCode == 0)
            let bytes = try Data(contentsOf: log)
            // The header frame: magic u32, size u32, payload.
            let size = Int(bytes[bytes.startIndex + 4]) | Int(bytes[bytes.startIndex + 5]) << 8 | Int(bytes[bytes.startIndex + 6]) << 16
            headers.append(bytes.prefix(8 + size))
            bodies.append(bytes.dropFirst(8 + size))
        }
        let swapped = directory.appendingPathComponent("swapped.mlog")
        try (headers[1] + bodies[0]).write(to: swapped)
        let verify = try CommandRunner.metronome("log", "verify", swapped.path)
        #expect(verify.exitCode == 1)
        #expect(verify.stdout.contains("was written under another header"), "\(verify.stdout)")
        let replay = try CommandRunner.metronome("replay", swapped.path, "--verify", "--quiet")
        #expect(replay.exitCode == 2)
        #expect(replay.stderr.contains("another header"), "\(replay.stderr)")
    }

    @Test func catOfATornLogPrintsWhatWasGoodThenFails() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let log = directory.appendingPathComponent("day.mlog")
        #expect(try CommandRunner.metronome("run", "calm-day", "--until", "1h", "--quiet", "--record", log.path, "--block-size", "65536").exitCode == 0)
        let bytes = try Data(contentsOf: log)
        let torn = directory.appendingPathComponent("torn.mlog")
        try bytes.prefix(bytes.count / 2).write(to: torn)
        let cat = try CommandRunner.metronome("log", "cat", torn.path)
        #expect(cat.exitCode == 2)
        #expect(cat.stdout.split(separator: "\n").count > 1_000, "the records before the damage are printed")
        #expect(cat.stderr.contains("damaged") && cat.stderr.contains("log recover"), "\(cat.stderr)")
        let whole = try CommandRunner.metronome("log", "cat", log.path, "--type", "order")
        #expect(whole.exitCode == 0)
    }

    @Test func catIntoAClosedPipeStopsQuietly() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let log = directory.appendingPathComponent("day.mlog").path
        #expect(try CommandRunner.metronome("run", "calm-day", "--until", "1h", "--quiet", "--record", log).exitCode == 0)
        // The shell reports the status of `metronome`, the first command of the pipe.
        let piped = try CommandRunner.run("/bin/bash", ["-c", "'\(Self.metronome)' log cat '\(log)' | head -1; exit ${PIPESTATUS[0]}"])
        #expect(piped.exitCode == 0, "not killed by SIGPIPE (141); stderr: \(piped.stderr)")
        #expect(piped.stderr.isEmpty)
        #expect(piped.stdout.split(separator: "\n").count == 1)
    }

    @Test func aPipeIsRefusedWithAMessage() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let log = directory.appendingPathComponent("day.mlog").path
        #expect(try CommandRunner.metronome("run", "calm-day", "--until", "10m", "--quiet", "--record", log).exitCode == 0)
        let piped = try CommandRunner.run("/bin/bash", ["-c", "exec '\(Self.metronome)' log verify <(cat '\(log)')"])
        #expect(piped.exitCode == 2)
        #expect(piped.stderr.contains("is not a regular file (a pipe or FIFO)"), "\(piped.stderr)")
    }

    /// B is A with a block duplicated and damaged before the index: not "the same run", and B is named.
    @Test func diffNamesTheDamagedLog() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let a = directory.appendingPathComponent("a.mlog")
        #expect(try CommandRunner.metronome("run", "calm-day", "--until", "20m", "--quiet", "--record", a.path, "--block-size", "8192").exitCode == 0)
        var bytes = [UInt8](try Data(contentsOf: a))
        let descriptors = Self.frameOffsets(bytes, kind: "MTBD")
        let index = try #require(Self.frameOffsets(bytes, kind: "MTIX").first)
        var duplicate = Array(bytes[descriptors[descriptors.count - 2]..<descriptors[descriptors.count - 1]])
        duplicate[duplicate.count - 5] ^= 0xFF
        bytes.insert(contentsOf: duplicate, at: index)
        let b = directory.appendingPathComponent("b.mlog")
        try Data(bytes).write(to: b)
        let diff = try CommandRunner.metronome("diff", a.path, b.path)
        #expect(diff.exitCode == 2)
        #expect(!diff.stdout.contains("same run"), "\(diff.stdout)")
        #expect(diff.stderr.contains("log B (\(b.path)) is damaged"), "\(diff.stderr)")
        #expect(!diff.stderr.contains("log A"))
    }

    /// The write-ahead folder: a live run killed in a handler by one feed line. Recover brings
    /// that line back after the last complete block, and the replay of the recovered log dies on
    /// it again; the same feed without the switch records and verifies cleanly.
    @Test func aLiveInputThatKillsTheProcessIsInTheRecoveredLog() throws {
        let directory = try CommandRunner.temporaryDirectory()
        var lines: [String] = []
        for index in 0..<400 {
            let mid = 10_000 + index % 40
            let askSize = index == 350 ? 777 : 500
            lines.append("{\"type\":\"quote\",\"symbol\":\"ACME\",\"bid\":\"\(mid / 100).\(String(format: "%02d", mid % 100))\",\"ask\":\"\((mid + 2) / 100).\(String(format: "%02d", (mid + 2) % 100))\",\"bid_size\":500,\"ask_size\":\(askSize)}")
        }
        let feed = directory.appendingPathComponent("feed.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: feed, atomically: true, encoding: .utf8)
        let planted = ["METRONOME_PLANTED_BUG": "trap-on-ask-size:777"]
        let log = directory.appendingPathComponent("live.mlog").path
        let live = try Self.shell("'\(Self.metronome)' live one-strategy --feed stdin --record '\(log)' --quiet < '\(feed.path)'", in: directory, environment: planted)
        #expect(live.crashed, "the planted trap kills the live run; exit \(live.exitCode)")
        #expect(live.stderr.contains("planted trap"))
        #expect(FileManager.default.fileExists(atPath: log + ".wal"), "a dead live run leaves its write-ahead folder")
        let recovered = directory.appendingPathComponent("recovered.mlog").path
        let recover = try CommandRunner.metronome("log", "recover", log, recovered)
        #expect(recover.exitCode == 0, "\(recover.stderr)")
        #expect(recover.stdout.contains("inputs from the write-ahead folder"), "\(recover.stdout)")
        let cat = try CommandRunner.metronome("log", "cat", recovered, "--type", "quote")
        #expect(cat.exitCode == 0)
        #expect(cat.stdout.split(separator: "\n").count == 351, "every quote up to the fatal one")
        #expect(cat.stdout.split(separator: "\n").last?.contains("\"ask_size\":777") == true)
        let verify = try CommandRunner.metronome("log", "verify", recovered, "--no-replay")
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        let replay = try Self.shell("'\(Self.metronome)' replay '\(recovered)' --verify --quiet", in: directory, environment: planted)
        #expect(replay.crashed, "the replay reaches the same trap; stdout: \(replay.stdout)")
        #expect(replay.stderr.contains("planted trap"))

        // Without the switch the run ends with the feed, closes the log and removes the folder.
        let clean = directory.appendingPathComponent("clean.mlog").path
        let cleanRun = try Self.shell("'\(Self.metronome)' live one-strategy --feed stdin --record '\(clean)' --quiet < '\(feed.path)'", in: directory)
        #expect(cleanRun.exitCode == 0, "\(cleanRun.stderr)")
        #expect(!FileManager.default.fileExists(atPath: clean + ".wal"))
        #expect(try CommandRunner.metronome("replay", clean, "--verify", "--quiet").exitCode == 0)
    }

    /// Recorded by a build of 2026-12-01 (format 2: no header binding, trace ids by sequence) from
    /// one-strategy, whose decisions no later change of behaviour has touched.
    @Test func aFormatTwoLogStillReplaysVerified() throws {
        let fixture = CommandRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/logs/format-2-one-strategy-10m.mlog").path
        let inspect = try CommandRunner.metronome("log", "inspect", fixture)
        #expect(inspect.stdout.contains("v2, schema v1"), "\(inspect.stdout)")
        let verify = try CommandRunner.metronome("log", "verify", fixture)
        #expect(verify.exitCode == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("digest bbd5e806d2231ad7 reproduced by replay"), "\(verify.stdout)")
    }

    /// Offsets of the metadata frames of `kind` ("MTBD", "MTIX"…), in file order.
    static func frameOffsets(_ bytes: [UInt8], kind: String) -> [Int] {
        let magic: [UInt8] = [0x5E, 0x2A, 0x4D, 0x18]
        let kindBytes = Array(kind.utf8)
        var offsets: [Int] = []
        var index = 0
        while index + 12 <= bytes.count {
            if Array(bytes[index..<index + 4]) == magic && Array(bytes[index + 8..<index + 12]) == kindBytes { offsets.append(index) }
            index += 1
        }
        return offsets
    }
}
