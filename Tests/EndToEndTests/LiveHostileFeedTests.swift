import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Live mode against a hostile feed: lines whose values would overflow later arithmetic, and a
/// connection that breaks instead of ending.
@Suite(.serialized) struct LiveHostileFeedTests {
    /// A quote line for ACME around 100.00.
    static func quote(_ index: Int) -> String {
        let bid = 10_000 + index % 7
        return "{\"type\":\"quote\",\"symbol\":\"ACME\",\"bid\":\(bid / 100).\(String(format: "%02d", bid % 100)),"
            + "\"ask\":\((bid + 2) / 100).\(String(format: "%02d", (bid + 2) % 100)),\"bid_size\":300,\"ask_size\":200}"
    }

    /// The lines that once trapped live mode (an ask size of Int64.max overflowed the flow model;
    /// prices near Int64.max / 100 overflowed the mid) are quarantined as out of range, and the run
    /// goes on, records and replays.
    @Test func outOfRangeLinesAreQuarantinedAndTheRunGoesOn() throws {
        let directory = try CommandRunner.temporaryDirectory()
        var lines = (0..<200).map(Self.quote)
        lines.insert(#"{"type":"quote","symbol":"ACME","bid":99.99,"ask":100.01,"bid_size":300,"ask_size":9223372036854775807}"#, at: 50)
        lines.insert(#"{"type":"quote","symbol":"ACME","bid":92233720368547758.00,"ask":92233720368547758.07,"bid_size":1,"ask_size":1}"#, at: 100)
        lines.insert(#"{"type":"trade","symbol":"ACME","price":100.01,"size":9223372036854775807,"side":"buy"}"#, at: 150)
        let input = directory.appendingPathComponent("feed.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("hostile.mlog")
        let report = directory.appendingPathComponent("hostile.json")
        let live = try BackgroundProcess(["live", "calm-day", "--feed", "stdin", "--record", log.path, "--report-json", report.path],
                                         in: directory, standardInput: input)
        #expect(live.wait(seconds: 60) == 0, "no trap; stderr: \(live.stderr)")
        let section = try #require(try CommandRunner.json(at: report)["live"] as? [String: Any])
        #expect(section["feed_admitted"] as? Int == 200)
        let quarantined = try #require(section["feed_quarantined"] as? [String: Int])
        #expect(quarantined["out_of_range"] == 3, "\(quarantined)")
        #expect(live.stdout.contains("out_of_range at column 84: expected \"ask_size\" to be at most 1000000000000"), "\(live.stdout)")
        let replay = try CommandRunner.metronome("replay", log.path, "--verify", "--quiet")
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
    }

    /// A feed that resets its connection has not ended: the run stops as `input_failed`, exits 1
    /// with the reason, and its log still holds (and replays) every input admitted before.
    @Test func aConnectionResetIsAFailureNotAnEnd() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let server = try ResettingFeedServer(lines: (0..<300).map(Self.quote))
        let log = directory.appendingPathComponent("reset.mlog")
        let report = directory.appendingPathComponent("reset.json")
        let live = try BackgroundProcess(["live", "one-strategy", "--feed", "tcp://127.0.0.1:\(server.port)", "--record", log.path,
                                          "--report-json", report.path], in: directory)
        let status = live.wait(seconds: 60)
        server.join()
        #expect(status == 1, "a broken feed is a failed check; stdout: \(live.stdout) stderr: \(live.stderr)")
        #expect(live.stdout.contains("input_failed"), "\(live.stdout)")
        #expect(live.stderr.contains("the feed broke"), "\(live.stderr)")
        let section = try #require(try CommandRunner.json(at: report)["live"] as? [String: Any])
        #expect(section["feed_admitted"] as? Int == 300, "every line sent before the reset is admitted")
        #expect((section["feed_failure"] as? String)?.isEmpty == false)
        let replay = try CommandRunner.metronome("replay", log.path, "--verify", "--quiet")
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
    }
}

/// A one-connection TCP server on loopback that sends `lines`, waits for the client to read them,
/// then closes with SO_LINGER 0 — a reset (RST), as a crashed or cut-off feed leaves it.
final class ResettingFeedServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    init(lines: [String]) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 1) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let payload = Array((lines.joined(separator: "\n") + "\n").utf8)
        let done = self.done
        let thread = Thread {
            defer { done.signal() }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var sent = 0
            while sent < payload.count {
                let count = payload[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard count > 0 else { break }
                sent += count
            }
            // Give the client time to read what was sent: a reset discards unread data.
            usleep(1_000_000)
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(connection)
        }
        self.thread = thread
        thread.start()
    }

    /// Waits for the connection to have been reset, then closes the listener.
    func join() {
        _ = done.wait(timeout: .now() + 30)
        close(listener)
    }
}
