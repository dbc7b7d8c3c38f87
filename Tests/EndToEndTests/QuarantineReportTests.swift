import Foundation
import Testing

/// The inputs the input defense refused are listed by symbol and reason in the summary, the JSON
/// and the HTML reports, and `metronome log cat --type quarantine` derives the same ones from the log.
@Suite struct QuarantineReportTests {
    /// Two symbols, a quote a second each; ACME has a spike (row 31) and a quote out of order,
    /// BOLT a crossed quote and a trade of size 0.
    static func csv() -> String {
        var rows = ["time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side"]
        for second in 1...40 {
            let time = String(format: "2024-03-01T14:30:%02d.000Z", second)
            let wiggle = [0, 1, 2][second % 3]
            let acme = second == 31 ? 200 : 100
            rows.append("\(time),ACME,quote,\(acme).0\(wiggle),\(acme).1\(wiggle),10,12,,,")
            rows.append(second == 25 ? "\(time),BOLT,quote,50.20,50.10,10,12,,," : "\(time),BOLT,quote,50.0\(wiggle),50.1\(wiggle),10,12,,,")
            if second == 33 { rows.append("\(time),BOLT,trade,,,,,50.05,0,buy") }
        }
        rows.append("2024-03-01T14:30:41.000Z,ACME,quote,100.01,100.11,10,12,,,")
        rows.append("2024-03-01T14:30:20.000Z,ACME,quote,100.01,100.11,10,12,,,")
        return rows.joined(separator: "\n") + "\n"
    }

    static let scenario = """
        version: 1
        name: planted
        start: 2024-03-01T14:30:00Z
        duration: 1m
        universe:
          - { symbol: ACME, price_precision: 2 }
          - { symbol: BOLT, price_precision: 2 }
        feeds:
          - { type: csv, path: ticks.csv }
        agents:
          - { type: ema-cross, fast: 2, slow: 4 }
        """

    @Test func theReportAndLogCatListQuarantinesBySymbolAndReason() throws {
        let directory = try CommandRunner.temporaryDirectory()
        try QuarantineReportTests.csv().write(to: directory.appendingPathComponent("ticks.csv"), atomically: true, encoding: .utf8)
        let scenario = directory.appendingPathComponent("planted.yaml")
        try QuarantineReportTests.scenario.write(to: scenario, atomically: true, encoding: .utf8)
        let json = directory.appendingPathComponent("run.json").path
        let html = directory.appendingPathComponent("run.html").path
        let log = directory.appendingPathComponent("run.mlog").path
        let run = try CommandRunner.metronome("run", scenario.path, "--report-json", json, "--report-html", html, "--record", log)
        #expect(run.exitCode == 0, "\(run.stderr)")
        // The summary: by symbol and reason with the share of the symbol's inputs, then the first one.
        #expect(run.stdout.contains("quarantined      4 (crossed 1, non_positive 1, out_of_order 1, spike 1)"), "\(run.stdout)")
        #expect(run.stdout.contains("  by symbol      ACME out_of_order 1 of 42 (2.38%), ACME spike 1 of 42 (2.38%), BOLT crossed 1 of 41 (2.44%), BOLT non_positive 1 of 41 (2.44%)"),
                "\(run.stdout)")
        #expect(run.stdout.contains("  first          2024-03-01T14:30:25.000000000Z BOLT crossed: quote bid 50.20 ask 50.10 sizes 10/12"), "\(run.stdout)")

        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let quarantine = try #require(report["quarantine"] as? [String: Any])
        let entries = try #require(quarantine["by_symbol"] as? [[String: Any]])
        let listed = entries.map { "\($0["symbol"]!) \($0["reason"]!) \($0["count"]!)" }
        #expect(listed == ["ACME out_of_order 1", "ACME spike 1", "BOLT crossed 1", "BOLT non_positive 1"])
        #expect(quarantine["judged"] as? Int == 83)
        let examples = try #require(quarantine["examples"] as? [[String: Any]])
        #expect(examples.map { "\($0["time"]!) \($0["symbol"]!) \($0["reason"]!)" } == [
            "2024-03-01T14:30:25.000000000Z BOLT crossed", "2024-03-01T14:30:31.000000000Z ACME spike",
            "2024-03-01T14:30:33.000000000Z BOLT non_positive", "2024-03-01T14:30:41.000000000Z ACME out_of_order",
        ])

        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<h2>Input defense</h2><p>4 of 83 inputs quarantined</p>"))
        #expect(page.contains("<tr><td>ACME</td><td>spike</td><td>1</td><td>42 (2.38 %)</td></tr>"))
        #expect(page.contains("<td><code>2024-03-01T14:30:31.000000000Z</code></td><td>ACME</td><td>spike</td><td>quote bid 200.01 ask 200.11 sizes 10/12</td>"))

        // The log records the inputs, not the verdicts: log cat derives the same four.
        let cat = try CommandRunner.metronome("log", "cat", log, "--type", "quarantine")
        #expect(cat.exitCode == 0, "\(cat.stderr)")
        let lines = cat.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(cat.stdout)")
        let parsed = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(parsed.map { "\($0["time"]!) \($0["symbol_name"]!) \($0["reason"]!) \($0["type"]!)" } == [
            "2024-03-01T14:30:25.000000000Z BOLT crossed quote", "2024-03-01T14:30:31.000000000Z ACME spike quote",
            "2024-03-01T14:30:33.000000000Z BOLT non_positive trade", "2024-03-01T14:30:41.000000000Z ACME out_of_order quote",
        ])
        #expect(parsed.allSatisfy { $0["record"] as? String == "quarantine" && $0["seq"] is Int })
        #expect(parsed[1]["bid"] as? Int == 20_001 && parsed[1]["topic"] as? String == "market.raw.quotes")
        // --from / --to narrow what is printed, not what is judged: the spike is still a spike.
        let window = try CommandRunner.metronome("log", "cat", log, "--type", "quarantine", "--from", "30s", "--to", "32s")
        #expect(window.stdout.split(separator: "\n").count == 1 && window.stdout.contains("\"reason\":\"spike\""), "\(window.stdout)")
        // The log's scenario names its CSV relative to itself: log cat does not need the file.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("ticks.csv"))
        let again = try CommandRunner.metronome("log", "cat", log, "--type", "quarantine")
        #expect(again.stdout == cat.stdout, "\(again.stderr)")
        let unknown = try CommandRunner.metronome("log", "cat", log, "--type", "quarantin")
        #expect(unknown.exitCode == 2 && unknown.stderr.contains("quarantine"))
    }
}
