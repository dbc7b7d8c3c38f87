import Actors
import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// `csv` feeds with a declared layout (docs/data.md, "Layouts"): the loader's keys and their
/// errors, `validate` reading the file through the layout, and a run on a preset.
@Suite struct LayoutFeedTests {
    static let fixtures = FileManager.default.currentDirectoryPath + "/Tests/Fixtures/layouts"

    /// A scenario in a fresh folder whose one feed is `feed` (a flow mapping's inside).
    static func scenario(feed: String, universe: String = "{ symbol: AAPL, price_precision: 2 }", start: String = "2024-03-01T14:30:00Z",
                         duration: String = "1h") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let text = """
            version: 1
            name: layout
            start: \(start)
            duration: \(duration)
            universe:
              - \(universe)
            feeds:
              - { \(feed) }
            agents:
              - { type: ema-cross, fast: 2, slow: 4 }
            """
        let path = directory.appendingPathComponent("layout.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func sources(_ path: String) throws -> [any InputSource<Message>] {
        let scenario = try ScenarioLoader.load(path: path)
        let kernel = Kernel(configuration: KernelConfiguration(seed: scenario.seed, startTime: scenario.startTime))
        return try ScenarioFeeds.sources(of: scenario, kernel: kernel, seed: scenario.seed, end: scenario.endTime)
    }

    static func inputs(_ path: String) throws -> [InputRecord] {
        var sources = try sources(path)
        var records: [InputRecord] = []
        while let record = try sources[0].next() { records.append(record) }
        return records
    }

    @Test func presetsReadTheirFixtures() throws {
        let quotes = try Self.inputs(Self.scenario(feed: "type: csv, layout: polygon-quotes, path: \(Self.fixtures)/polygon-quotes.csv"))
        // MSFT is not in the universe: skipped. Sizes are the file's (round lots).
        #expect(quotes.map(\.time) == [1_709_303_400_250_000_000, 1_709_303_400_500_500_000])
        if case .quote(let quote) = quotes[0].message { #expect((quote.bidPrice, quote.askPrice, quote.bidSize, quote.askSize) == (18_229, 18_231, 2, 3)) }
        let trades = try Self.inputs(Self.scenario(feed: "type: csv, layout: polygon-trades, path: \(Self.fixtures)/polygon-trades.csv"))
        let sides = trades.compactMap { record -> Side? in if case .trade(let trade) = record.message { trade.aggressor } else { nil } }
        #expect(sides == [.buy, .buy, .buy, .sell])  // inferred by the tick rule: first, up, same, down
        let minutes = try Self.inputs(Self.scenario(feed: "type: csv, layout: polygon-minute-aggs, path: \(Self.fixtures)/polygon-minute-aggs.csv"))
        // Two bars, four quotes each, 15 s apart: open, low, high, close (up bar); open, high, low, close (down bar).
        #expect(minutes.map { $0.time - 1_709_303_400_000_000_000 } == [0, 15, 30, 45, 60, 75, 90, 105].map { $0 * 1_000_000_000 })
        #expect(minutes.compactMap { record -> Int64? in if case .quote(let quote) = record.message { quote.askPrice } else { nil } }
                == [18_230, 18_225, 18_240, 18_235, 18_235, 18_236, 18_218, 18_220])
        let days = try Self.inputs(Self.scenario(feed: "type: csv, layout: polygon-day-aggs, path: \(Self.fixtures)/polygon-day-aggs.csv",
                                                 start: "2024-03-01T00:00:00Z", duration: "1d"))
        // Dated 2024-03-01 in New York; quoted at 14:30, 16:40, 18:50 and 21:00 UTC.
        #expect(days.map(\.time) == DailyBarQuotes.quoteOffsetsNanoseconds.map { 1_709_251_200_000_000_000 + $0 })
        let generic = try Self.inputs(Self.scenario(
            feed: "type: csv, layout: generic-ohlcv, symbol: ES, bar_interval: 1h, time_zone: America/New_York, path: \(Self.fixtures)/generic-ohlcv.csv",
            universe: "{ symbol: ES, price_precision: 2 }", duration: "2h"))
        #expect(generic.count == 8)
        #expect(generic.first?.time == 1_709_303_400_000_000_000)  // 09:30 in New York (EST) is 14:30Z
    }

    /// The examples of docs/data.md, "Layouts": a headerless `;` file in Chicago time, and a
    /// price-only series in epoch seconds.
    @Test func theDocumentedExamplesRead() throws {
        let es = try Self.inputs(Self.scenario(
            feed: "type: csv, path: \(Self.fixtures)/es-trades-chicago.txt, symbol: ES, header: false, delimiter: ';', columns: { time: 0, price: 1, size: 2 }, time_format: '%m/%d/%Y %H:%M:%S.%f', time_zone: America/Chicago",
            universe: "{ symbol: ES, price_precision: 2 }", start: "2013-09-01T22:00:00Z"))
        // Trades only: each trade is preceded by the quote it reveals, at its time (docs/data.md, "Trades-only feeds").
        let esTrades = es.filter { if case .trade = $0.message { true } else { false } }
        #expect(esTrades.map(\.time) == [1_378_072_800_083_000_000, 1_378_072_800_083_000_000, 1_378_072_801_500_000_000, 1_378_072_802_000_000_000])
        #expect(es.map(\.time) == esTrades.flatMap { [$0.time, $0.time] })
        #expect(es.enumerated().allSatisfy { index, record in
            if case .quote = record.message { index % 2 == 0 } else { index % 2 == 1 }
        })
        let fx = try Self.inputs(Self.scenario(
            feed: "type: csv, path: \(Self.fixtures)/usdchf-prices.csv, symbol: USDCHF, columns: { time: timestamp, price: last }, time_format: epoch-s",
            universe: "{ symbol: USDCHF, price_precision: 4 }", start: "2013-08-31T22:00:00Z", duration: "2h"))
        let fxTrades = fx.filter { if case .trade = $0.message { true } else { false } }
        #expect(fxTrades.map(\.time) == [1_377_986_400_000_000_000, 1_377_988_200_500_000_000, 1_377_990_000_000_000_000])
        #expect(fx.count == 6, "a quote before each print")
    }

    /// `layout: shared-daily` reads the shared daily format as `type: daily-bars` does: the same
    /// quotes, hence the same run, digests included.
    @Test func sharedDailyRunsAsDailyBars() throws {
        let library = "Scenarios/Library/sp500-2008.yaml"
        let data = FileManager.default.currentDirectoryPath + "/Scenarios/Data/"
        let text = try String(contentsOfFile: library, encoding: .utf8).replacingOccurrences(of: "../Data/", with: data)
        let original = "{ name: ndx, type: daily-bars, symbol: NDX, path: \(data)nasdaq.csv }"
        #expect(text.contains(original))
        let layoutText = text.replacingOccurrences(of: original, with: "{ name: ndx, type: csv, layout: shared-daily, symbol: NDX, path: \(data)nasdaq.csv }")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sp500-2008-layout-\(UUID().uuidString).yaml").path
        try layoutText.write(toFile: copy, atomically: true, encoding: .utf8)
        let base = try ScenarioRun(scenario: ScenarioLoader.load(path: library)).run()
        let viaLayout = try ScenarioRun(scenario: ScenarioLoader.load(path: copy)).run()
        #expect(viaLayout.summary.inputs == base.summary.inputs)
        #expect(viaLayout.summary.digest == base.summary.digest)
        #expect(viaLayout.summary.decisionDigest == base.summary.decisionDigest)
    }

    @Test func layoutKeysAreCheckedWhereTheyAreWritten() throws {
        let cases: [(feed: String, says: String)] = [
            ("type: csv, layout: polygon-quote, path: \(Self.fixtures)/polygon-quotes.csv", "unknown preset 'polygon-quote'"),
            ("type: csv, columns: { time: 0, prize: 1 }, symbol: AAPL, path: \(Self.fixtures)/polygon-quotes.csv", "unknown field 'prize'"),
            ("type: csv, columns: { time: 0, price: 1 }, path: \(Self.fixtures)/polygon-quotes.csv", "no symbol column"),
            ("type: csv, columns: { time: 0, open: 1, high: 2, low: 3 }, symbol: AAPL, path: \(Self.fixtures)/polygon-quotes.csv", "lacks close"),
            ("type: csv, columns: { time: 0, open: 1, high: 2, low: 3, close: 4 }, symbol: AAPL, path: \(Self.fixtures)/polygon-quotes.csv", "needs bar_interval"),
            ("type: csv, columns: { time: 0, price: 1 }, symbol: AAPL, time_zone: Mars/Olympus, path: \(Self.fixtures)/polygon-quotes.csv", "unknown time zone 'Mars/Olympus'"),
            ("type: csv, columns: { time: 0, price: 1 }, symbol: AAPL, time_format: '%Y-%m-%d %Q', path: \(Self.fixtures)/polygon-quotes.csv", "%Q, which is not supported"),
            ("type: csv, columns: { time: 0, price: 1 }, symbol: AAPL, time_format: epoch-ps, path: \(Self.fixtures)/polygon-quotes.csv", "unknown format 'epoch-ps'"),
            ("type: csv, columns: { time: 0, price: 1 }, symbol: NOPE, path: \(Self.fixtures)/polygon-quotes.csv", "'NOPE' is not in the universe"),
            ("type: csv, columns: { time: Time, price: 1 }, symbol: AAPL, header: false, path: \(Self.fixtures)/polygon-quotes.csv", "no header"),
        ]
        for (feed, says) in cases {
            let path = try Self.scenario(feed: feed)
            #expect { try ScenarioLoader.load(path: path) } throws: { "\($0)".contains(says) && "\($0)".contains("layout.yaml:") }
        }
    }

    /// `validate` reads the file through its layout: an unknown column names the header's.
    @Test func validateFindsAnUnknownColumnInTheFile() throws {
        let path = try Self.scenario(feed: "type: csv, layout: polygon-quotes, columns: { bid: bid_px }, path: \(Self.fixtures)/polygon-quotes.csv")
        #expect { try Self.sources(path) } throws: {
            "\($0)".contains("polygon-quotes.csv:1:1: error: no column 'bid_px' (for bid) in the header; its columns are: ticker, ask_exchange, ask_price")
        }
    }
}
