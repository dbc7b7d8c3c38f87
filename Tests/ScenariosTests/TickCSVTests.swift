import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

@Suite struct TickCSVTests {
    static let scenario = """
        version: 1
        name: ticks
        start: 2024-03-01T14:30:00Z
        duration: 1h
        universe:
          - { symbol: ACME, price_precision: 2 }
        feeds:
          - { type: csv, path: ticks.csv, latency: 1ms }
        agents:
          - { type: ema-cross, fast: 2, slow: 4 }
        """

    func write(_ csv: String, feed: String = "{ type: csv, path: ticks.csv, latency: 1ms }") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try csv.write(to: directory.appendingPathComponent("ticks.csv"), atomically: true, encoding: .utf8)
        let scenario = directory.appendingPathComponent("ticks.yaml")
        let text = TickCSVTests.scenario.replacingOccurrences(of: "{ type: csv, path: ticks.csv, latency: 1ms }", with: feed)
        try text.write(to: scenario, atomically: true, encoding: .utf8)
        return scenario.path
    }

    @Test func quotesAndTradesLoadAndOutOfOrderRowsAreQuarantined() throws {
        var csv = "time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side\n"
        for second in 1...20 { csv += "2024-03-01T14:30:\(String(format: "%02d", second)).000Z,ACME,quote,100.0\(second % 5),100.1\(second % 5),10,12,,,\n" }
        csv += "2024-03-01T14:30:21.000Z,ACME,trade,,,,,100.12,5,buy\n"
        csv += "2024-03-01T14:30:05.000Z,ACME,quote,100.01,100.11,10,12,,,\n"  // out of order
        let path = try write(csv)
        let outcome = try ScenarioRun(scenario: try ScenarioLoader.load(path: path)).run()
        #expect(outcome.summary.inputs == 22)
        #expect(outcome.quarantined.first { $0.reason == "out_of_order" }?.count == 1)
        #expect(outcome.signals > 0)
    }

    @Test func malformedRowsAreLocated() throws {
        let path = try write("time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side\n2024-03-01T14:30:01.000Z,ACME,quote,100.011,100.1,10,12,,,\n")
        #expect {
            _ = try ScenarioRun(scenario: try ScenarioLoader.load(path: path))
        } throws: { error in
            "\(error)".contains("ticks.csv:2:") && "\(error)".contains("at most 2 decimals")
        }
        let unknown = try write("2024-03-01T14:30:01.000Z,NOPE,quote,100.01,100.1,10,12,,,\n")
        #expect {
            _ = try ScenarioRun(scenario: try ScenarioLoader.load(path: unknown))
        } throws: { "\($0)".contains("ticks.csv:1:") && "\($0)".contains("unknown symbol 'NOPE'") }
    }

    /// A file of trades only: agents see the quotes its trades reveal (docs/data.md, "Trades-only
    /// feeds") and speak; with `trade_quotes: off` they have no mid and stay silent.
    @Test func aTradesOnlyFileGivesSignals() throws {
        var csv = "time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side\n"
        // A zig-zag drifting up then down, one trade a second, no side: inferred by the tick rule.
        for second in 0..<600 {
            let cents = 10_000 + (second < 300 ? second / 3 : 200 - second / 3) + (second % 2) * 2
            csv += "2024-03-01T14:\(30 + second / 60):\(String(format: "%02d", second % 60)).000Z,ACME,trade,,,,,\(cents / 100).\(String(format: "%02d", cents % 100)),5,\n"
        }
        let automatic = try ScenarioRun(scenario: try ScenarioLoader.load(path: try write(csv))).run()
        #expect(automatic.summary.inputs == 1_200, "each trade and the quote it reveals")
        #expect(automatic.signals > 0)
        let off = try ScenarioRun(scenario: try ScenarioLoader.load(path: try write(csv, feed: "{ type: csv, path: ticks.csv, trade_quotes: off }"))).run()
        #expect(off.summary.inputs == 600)
        #expect(off.signals == 0)
    }

    @Test func tradeQuoteKeysAreChecked() throws {
        let csv = "2024-03-01T14:30:01.000Z,ACME,trade,,,,,100.01,5,\n"
        #expect {
            _ = try ScenarioLoader.load(path: try write(csv, feed: "{ type: csv, path: ticks.csv, trade_quotes: { tick_size: 0.005 } }"))
        } throws: { "\($0)".contains("trade_quotes.tick_size") && "\($0)".contains("at most 2 decimals") }
        #expect {
            _ = try ScenarioLoader.load(path: try write(csv, feed: "{ type: csv, path: ticks.csv, trade_quotes: sometimes }"))
        } throws: { "\($0)".contains("unknown choice 'sometimes'") }
        let loaded = try ScenarioLoader.load(path: try write(csv, feed: "{ type: csv, path: ticks.csv, trade_quotes: { tick_size: 0.05, spread_ticks: 2, roll_window: 50, quote_size: 7 } }"))
        #expect(loaded.feeds[0].tradeQuotes == TradeQuoteSettings(mode: .auto, tickUnits: 5, tickDecimals: 2, fallbackSpreadTicks: 2,
                                                                  rollWindow: 50, quoteSize: 7))
    }
}
