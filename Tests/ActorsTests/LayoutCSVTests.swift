@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// Files read with a declared layout (docs/data.md, "Layouts"): columns by name or position,
/// quotes, trades and price-only series, and what a bad file is told.
@Suite struct LayoutCSVTests {
    static let instruments: [String: (id: SymbolID, precision: Int)] = ["ACME": (0, 2), "ES": (1, 2), "AAPL": (2, 2), "MSFT": (3, 2)]
    static let quotes = TopicID(rawValue: 1)
    static let trades = TopicID(rawValue: 2)

    /// The file's own records: without the synthetic quotes of trades-only symbols (``TradeQuoteTests``).
    static func records(_ text: String, _ layout: CSVLayout, chunkBytes: Int = 1 << 18) throws -> [InputRecord] {
        var source = try LayoutCSV(text: text, file: "f.csv", layout: layout, instruments: instruments, quoteTopic: quotes,
                                   tradeTopic: trades, chunkBytes: chunkBytes, tradeQuotes: TradeQuoteSettings(mode: .off))
        var records: [InputRecord] = []
        while let record = try source.next() { records.append(record) }
        return records
    }

    static func records(file: String, _ layout: CSVLayout) throws -> [InputRecord] {
        var source = try LayoutCSV(path: "Tests/Fixtures/layouts/\(file)", layout: layout, instruments: instruments, quoteTopic: quotes,
                                   tradeTopic: trades, tradeQuotes: TradeQuoteSettings(mode: .off))
        var records: [InputRecord] = []
        while let record = try source.next() { records.append(record) }
        return records
    }

    static func message(_ error: any Error) -> String { "\(error)" }

    /// The tick CSV's own columns, reordered, with extra columns and named by the `tick-csv`
    /// preset, read to exactly the records `TickCSV` reads from the plain file.
    @Test func everyFieldHasItsPlaceInTheIndexTable() {
        for (place, field) in CSVLayout.Field.allCases.enumerated() {
            #expect(LayoutCSVReader.slot(field) == place, "\(field)")
        }
    }

    @Test func reorderedTickColumnsReadAsTheTickCSV() throws {
        let plain = """
            time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side
            2024-03-01T14:30:00.250Z,ACME,quote,100.01,100.03,300,200,,,
            2024-03-01T14:30:00.400Z,ACME,trade,,,,,100.03,50,buy
            2024-03-01T14:30:00.500Z,ACME,trade,,,,,100.00,5,

            """
        let reordered = """
            venue,side,size,price,ask_size,bid_size,ask,bid,kind,symbol,time
            X,,,,200,300,100.03,100.01,quote,ACME,2024-03-01T14:30:00.250Z
            X,buy,50,100.03,,,,,trade,ACME,2024-03-01T14:30:00.400Z
            Y,,5,100.00,,,,,trade,ACME,2024-03-01T14:30:00.500Z

            """
        var tick = try TickCSV(text: plain, file: "t.csv", instruments: Self.instruments, quoteTopic: Self.quotes, tradeTopic: Self.trades)
        var expected: [InputRecord] = []
        while let record = try tick.next() { expected.append(record) }
        #expect(expected.count == 3)
        #expect(try Self.records(reordered, CSVLayout.preset(named: "tick-csv")!) == expected)
    }

    /// No header, `;` between fields, positions, one symbol, no kind column: a price-only series
    /// of trade prints with the default size and sides by the tick rule; local Chicago times.
    @Test func aHeaderlessPriceSeriesByPositionReadsAsTrades() throws {
        let layout = CSVLayout(columns: [.init(.time, .position(0)), .init(.price, .position(1)), .init(.size, .position(2))],
                               symbol: "ES", hasHeader: false, delimiter: UInt8(ascii: ";"),
                               timeFormat: .pattern(try StrftimePattern("%m/%d/%Y %H:%M:%S.%f")), timeZone: "America/Chicago")
        let text = "09/01/2013 17:00:00.083;1640.25;3\n09/01/2013 17:00:00.100;1640.25;1\n09/01/2013 17:00:01.5;1640.50;2\n09/01/2013 17:00:02.0;1640.00;4\n"
        let trades = try Self.records(text, layout).compactMap { record -> Trade? in
            if case .trade(let trade) = record.message { trade } else { nil }
        }
        // 17:00:00.083 in Chicago (CDT, UTC-5) is 22:00:00.083Z (Python's zoneinfo: 1378072800083 ms).
        #expect(trades.map(\.exchangeTime) == [1_378_072_800_083_000_000, 1_378_072_800_100_000_000, 1_378_072_801_500_000_000,
                                               1_378_072_802_000_000_000])
        #expect(trades.map(\.price) == [164_025, 164_025, 164_050, 164_000])
        #expect(trades.map(\.size) == [3, 1, 2, 4])
        #expect(trades.map(\.symbol) == [1, 1, 1, 1])
        // First: buy; same price: the previous side; uptick: buy; downtick: sell.
        #expect(trades.map(\.aggressor) == [.buy, .buy, .buy, .sell])
        let defaultSize = CSVLayout(columns: [.init(.time, .position(0)), .init(.price, .position(1))], symbol: "ES", hasHeader: false,
                                    timeFormat: .epoch(.seconds))
        let prints = try Self.records("1377986400,1640.25\n", defaultSize)
        #expect(prints.map(\.topic) == [Self.trades])
        if case .trade(let trade) = prints.first?.message { #expect(trade.size == CSVLayout.standardDefaultSize) }
    }

    /// Without a kind column, a row with a bid and an ask is a quote, one with a price a trade.
    @Test func rowsAreQuotesOrTradesByWhatTheyHold() throws {
        let layout = CSVLayout(columns: [.init(.time, .name("t")), .init(.bid, .name("b")), .init(.ask, .name("a")),
                                         .init(.price, .name("p")), .init(.size, .name("q"))], symbol: "ACME", timeFormat: .epoch(.milliseconds))
        let records = try Self.records("t,b,a,p,q\n1709303400250,99.98,100.02,,\n1709303400300,,,100.02,7\n", layout)
        #expect(records.map(\.topic) == [Self.quotes, Self.trades])
        #expect(records.map(\.time) == [1_709_303_400_250_000_000, 1_709_303_400_300_000_000])
        if case .quote(let quote) = records[0].message {
            #expect((quote.bidPrice, quote.askPrice, quote.bidSize) == (9_998, 10_002, CSVLayout.standardDefaultSize))
        }
        if case .trade(let trade) = records[1].message { #expect(trade.aggressor == .buy) }  // at the ask, above the mid
        #expect { try Self.records("t,b,a,p,q\n1709303400250,,,,\n", layout) } throws: {
            Self.message($0).hasPrefix("f.csv:2:1: error: expected a bid and an ask (a quote) or a price (a trade)")
        }
    }

    /// Positions with `header: true`: the header row is skipped, not read as data; a directory
    /// is refused by name.
    @Test func positionsMayReadAFileWithAHeader() throws {
        let layout = CSVLayout(columns: [.init(.time, .position(1)), .init(.price, .position(0))], symbol: "ACME", hasHeader: true,
                               timeFormat: .epoch(.seconds))
        #expect(try Self.records("px,t\n100.00,1709303400\n", layout).map(\.time) == [1_709_303_400_000_000_000])
        #expect { _ = try LayoutCSV(path: "Tests/Fixtures/layouts", layout: layout, instruments: Self.instruments, quoteTopic: Self.quotes,
                                    tradeTopic: Self.trades) } throws: { Self.message($0).contains("Tests/Fixtures/layouts: cannot read the file (Is a directory)") }
    }

    @Test func anUnknownColumnNameIsRefusedWithTheHeadersColumns() throws {
        let layout = CSVLayout(columns: [.init(.time, .name("sip_timestamp")), .init(.price, .name("px"))], symbol: "ACME",
                               timeFormat: .epoch(.nanoseconds))
        #expect { try Self.records("sip_timestamp,price,size\n1,2,3\n", layout) } throws: {
            Self.message($0) == "f.csv:1:1: error: no column 'px' (for price) in the header; its columns are: sip_timestamp, price, size"
        }
    }

    @Test func badFieldsAreRefusedAtTheirLineAndColumnWithTheExpectedFormat() throws {
        let layout = CSVLayout(columns: [.init(.time, .name("when")), .init(.price, .name("price"))], symbol: "ACME",
                               timeFormat: .pattern(try StrftimePattern("%d.%m.%Y %H:%M")), timeZone: "Europe/Zurich")
        #expect { try Self.records("when,price\n01.03.2024 15:30,100.00\n2024-03-01 15:31,100.01\n", layout) } throws: {
            Self.message($0) == "f.csv:3:1: error: expected a time like 01.03.2024 14:30 (%d.%m.%Y %H:%M) in column 'when', found '2024-03-01 15:31'"
        }
        #expect { try Self.records("when,price\n01.03.2024 15:30,100.001\n", layout) } throws: {
            Self.message($0) == "f.csv:2:18: error: expected a price with at most 2 decimals (zeros past them are fine) in price (column 'price'), found '100.001'"
        }
        #expect { try Self.records("when,price\n01.03.2024 15:30\n", layout) } throws: {
            Self.message($0).hasPrefix("f.csv:2:1: error: expected at least 2 fields")
        }
        let noZone = CSVLayout(columns: [.init(.time, .name("when")), .init(.price, .name("price"))], symbol: "ACME", timeFormat: .iso8601)
        #expect { try Self.records("when,price\n2024-03-01 15:30:00,100.00\n", noZone) } throws: {
            Self.message($0).contains("has no offset: give the feed a time_zone:")
        }
    }

    @Test func rowsOfOtherSymbolsAreSkippedOrRefusedAsTheLayoutSays() throws {
        var layout = CSVLayout(columns: [.init(.symbol, .name("s")), .init(.time, .name("t")), .init(.price, .name("p"))],
                               timeFormat: .epoch(.seconds))
        let text = "s,t,p\nACME,1709303400,100.00\nZZZ,1709303401,5.00\nES,1709303402,5000.00\n"
        #expect { try Self.records(text, layout) } throws: { Self.message($0).hasPrefix("f.csv:3:1: error: unknown symbol 'ZZZ'") }
        layout.otherSymbols = .skip
        #expect(try Self.records(text, layout).count == 2)
        layout.symbol = "ES"  // with a symbol column: only this symbol's rows
        #expect(try Self.records(text, layout).map(\.time) == [1_709_303_402_000_000_000])
    }

    @Test func aLayoutFileReadsTheSameRecordsInAnyChunking() throws {
        let layout = try #require(CSVLayout.preset(named: "polygon-trades"))
        let text = try String(contentsOfFile: "Tests/Fixtures/layouts/polygon-trades.csv", encoding: .utf8)
        let whole = try Self.records(text, layout)
        #expect(whole.count == 4)
        for chunk in [1, 3, 17] { #expect(try Self.records(text, layout, chunkBytes: chunk) == whole) }
    }

    /// The shared-daily fixture (`M/D/YYYY` and ISO dates, a row of missing values) through the
    /// preset gives the quotes `DailyBarCSV` and `DailyBarQuotes` give: the reader `daily-bars` uses.
    @Test func sharedDailyGivesTheQuotesOfTheDailyBarReader() throws {
        let path = "Tests/Fixtures/layouts/shared-daily.csv"
        let bars = try DailyBarCSV(path: path, symbol: 1, pricePrecision: 2, topic: Self.quotes).loadedBars
        var daily = DailyBarQuotes(bars: bars, quoteTopic: Self.quotes, altTopic: nil)
        var expected: [InputRecord] = []
        while let record = daily.next() { expected.append(record) }
        #expect(expected.count == 12)  // three bars: the row of missing values is skipped
        var layout = try #require(CSVLayout.preset(named: "shared-daily"))
        layout.symbol = "ES"
        #expect(try Self.records(file: "shared-daily.csv", layout) == expected)
    }

    @Test func fieldsAreSplitOutsideQuotesAndTrimmed() {
        func split(_ text: String, _ delimiter: Character = ",") -> [String] {
            var splitter = CSVFieldSplitter(delimiter: delimiter.asciiValue!)
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                splitter.split(buffer, 0..<buffer.count)
                return splitter.fields.map { BytesText.string(buffer, $0) }
            }
        }
        #expect(split("a,b,,c") == ["a", "b", "", "c"])
        #expect(split(" a , b\t,c ") == ["a", "b", "c"])
        #expect(split("AAPL,\"12,37\",0") == ["AAPL", "12,37", "0"])
        #expect(split("\"say \"\"hi\"\"\",x") == ["say \"\"hi\"\"", "x"])
        #expect(split("1\t2\t\t3", "\t") == ["1", "2", "", "3"])
        #expect(split("") == [""])
        #expect(split(",") == ["", ""])
    }
}
