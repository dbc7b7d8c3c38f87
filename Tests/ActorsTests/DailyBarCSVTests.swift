import Actors
import Foundation
import Kernel
import Messages
import Testing

@Suite struct DailyBarCSVTests {
    static let sp500 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/Data/sp500.csv").path

    @Test func loadsTheAutumnOf2008() throws {
        let from = TimeUnits.daysFromCivil(year: 2008, month: 9, day: 1)
        let to = TimeUnits.daysFromCivil(year: 2009, month: 1, day: 1)
        var source = try DailyBarCSV(path: DailyBarCSVTests.sp500, symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0),
                                     from: UInt64(from) * TimeUnits.nanosecondsPerDay, to: UInt64(to) * TimeUnits.nanosecondsPerDay)
        #expect(source.count == 85)
        let next = source.next()
        let first = try #require(next)
        guard case .bar(let bar) = first.message else { Issue.record("not a bar"); return }
        // 9/2/2008: 1287.829956, 1303.040039, 1272.199951, 1277.579956, volume 4783560000
        #expect(bar.open == 128_783 && bar.high == 130_304 && bar.low == 127_220 && bar.close == 127_758)
        #expect(bar.volume == 4_783_560_000)
        #expect(TimeUnits.iso8601(first.time) == "2008-09-02T21:00:00.000000000Z")
        var closes = [bar.close]
        while let record = source.next() {
            if case .bar(let next) = record.message { closes.append(next.close) }
        }
        #expect(closes.count == 85)
        #expect(closes.last == 90_325)
        // The worst day of the window: −9.47% (2008-10-15).
        let worst = zip(closes.dropFirst(), closes).map { log(Double($0) / Double($1)) }.min() ?? 0
        #expect(abs(worst - (-0.0947)) < 0.0005)
    }

    /// ISO dates (`1999-01-04`) read as the shared format's `1/4/1999` do: the same bars, the same times.
    @Test func isoDatesReadAsTheSharedFormatsDates() throws {
        let header = "Date,Open,High,Low,Close,Adj Close,Volume\n"
        let shared = header + "1/4/1999,10,12,9,11,11,100\n12/31/1999,11,13,10,12,12,200\n"
        let iso = header + "1999-01-04,10,12,9,11,11,100\n1999-12-31,11,13,10,12,12,200\n"
        var a = try DailyBarCSV(text: shared, file: "a.csv", symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0))
        var b = try DailyBarCSV(text: iso, file: "b.csv", symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0))
        #expect(a.count == 2 && b.count == 2)
        while let left = a.next() { #expect(b.next() == left) }
        for bad in ["1999-1-04", "1999-13-01", "1999-02-30", "99-01-04"] {
            #expect { _ = try DailyBarCSV(text: header + "\(bad),10,12,9,11,11,100\n", file: "x.csv", symbol: 0, pricePrecision: 2,
                                          topic: TopicID(rawValue: 0)) }
                throws: { "\($0)".hasPrefix("x.csv:2:1:") && "\($0)".contains("expected a date M/D/YYYY or YYYY-MM-DD") }
        }
    }

    @Test func malformedRowsAreLocatedAndMissingValuesCounted() throws {
        let header = "Date,Open,High,Low,Close,Adj Close,Volume\n"
        let good = header + "1/4/1999,10,12,9,11,11,100\n1/5/1999,.,.,.,.,.,.\n1/6/1999,11,13,10,12,12,200\n"
        let source = try DailyBarCSV(text: good, file: "x.csv", symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0))
        #expect(source.count == 2)
        #expect(source.rowsWithMissingValues == 1)
        #expect {
            _ = try DailyBarCSV(text: header + "1/4/1999,10,12,9,abc,11,100\n", file: "x.csv", symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0))
        } throws: { error in
            (error as? DailyBarCSV.Problem)?.description.hasPrefix("x.csv:2:") == true && "\(error)".contains("Close")
        }
        #expect(throws: DailyBarCSV.Problem.self) {
            _ = try DailyBarCSV(text: "Day,Open\n", file: "x.csv", symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0))
        }
        #expect(throws: DailyBarCSV.Problem.self) {
            _ = try DailyBarCSV(text: header + "1/6/1999,11,13,10,12,12,200\n1/5/1999,11,13,10,12,12,200\n", file: "x.csv", symbol: 0,
                                pricePrecision: 2, topic: TopicID(rawValue: 0))
        }
        #expect(throws: DailyBarCSV.Problem.self) {
            _ = try DailyBarCSV(text: header + "1/6/1999,11,10,13,12,12,200\n", file: "x.csv", symbol: 0, pricePrecision: 2, topic: TopicID(rawValue: 0))
        }        // Beyond the market bounds: refused with the line and the column, naming the bound.
        #expect {
            _ = try DailyBarCSV(text: header + "1/6/1999,11,13,10,12,12,1000000000001\n", file: "x.csv", symbol: 0, pricePrecision: 2,
                                topic: TopicID(rawValue: 0))
        } throws: { error in
            "\(error)".hasPrefix("x.csv:2:") && "\(error)".contains("at most 1000000000000 in Volume")
        }
        #expect {
            _ = try DailyBarCSV(text: header + "1/6/1999,11,92233720368547758,10,12,12,200\n", file: "x.csv", symbol: 0, pricePrecision: 0,
                                topic: TopicID(rawValue: 0))
        } throws: { error in
            "\(error)".hasPrefix("x.csv:2:") && "\(error)".contains("at most 1000000000000000 in High")
        }
    }
}
