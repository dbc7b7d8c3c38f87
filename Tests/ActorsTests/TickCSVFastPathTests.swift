@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// The byte fast path of `TickCSV` (`TickCSVRowScanner`) must read every file exactly as the
/// general, text-based path does: the same records, or the same error at the same line and column.
@Suite struct TickCSVFastPathTests {
    static let instruments: [String: (id: SymbolID, precision: Int)] = ["ACME": (0, 2), "ÉCU": (1, 4), "ZERO": (2, 0)]

    /// The records a path reads, or the error it throws, as text.
    static func outcome(_ text: String, fastPath: Bool) -> String {
        do {
            var source = try TickCSV(text: text, file: "ticks.csv", instruments: instruments, quoteTopic: TopicID(rawValue: 3),
                                     tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 1_000, fastPath: fastPath)
            var records: [String] = []
            while let record = try source.next() { records.append("\(record)") }
            return records.joined(separator: "\n")
        } catch {
            return "error: \(error)"
        }
    }

    static func expectSameOutcome(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let general = outcome(text, fastPath: false)
        let fast = outcome(text, fastPath: true)
        #expect(fast == general, "file: \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func plainRowsAreReadAsTheGeneralPathReadsThem() {
        let text = """
            time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side
            2024-03-01T14:30:00.250Z,ACME,quote,100.01,100.03,300,200,,,
            2024-03-01T14:30:00.400Z,ACME,trade,,,,,100.03,50,buy
            2024-03-01T14:30:01Z,ÉCU,quote,1.2345,1.2350,1,2,,,
            1709303401500000000,ACME,trade,,,,,99.9,7,sell
            2024-02-29T23:59:59.123456789Z,ZERO,quote,7,9,-1,0,x,y,z

            """
        #expect(!TickCSVFastPathTests.outcome(text, fastPath: true).hasPrefix("error"))
        TickCSVFastPathTests.expectSameOutcome(text)
        TickCSVFastPathTests.expectSameOutcome("\u{FEFF}" + text)
        TickCSVFastPathTests.expectSameOutcome(text.replacingOccurrences(of: "\n", with: "\r\n"))
        TickCSVFastPathTests.expectSameOutcome(text.replacingOccurrences(of: "\n", with: "\r"))
        TickCSVFastPathTests.expectSameOutcome("# a comment\n\n" + text + "\n# trailing\n")
    }

    @Test func oddAndMalformedRowsGiveTheSameRecordsAndErrors() {
        let rows = [
            " 2024-03-01T14:30:00Z ,  ACME ,quote, 100.01 ,100.02,1,2,,,",  // padding: trimmed by the general path
            "2024-03-01 14:30:00Z,ACME,quote,100.01,100.02,1,2,,,",  // contains no T
            "2024-03-01t14:30:00TZ,ACME,quote,100.01,100.02,1,2,,,",
            "2024-02-30T14:30:00Z,ACME,quote,100.01,100.02,1,2,,,",  // no such day
            "2024-03-01T24:00:00Z,ACME,quote,100.01,100.02,1,2,,,",
            "2024-03-01T14:30:00.Z,ACME,quote,100.01,100.02,1,2,,,",
            "2024-03-01T14:30:00.1234567890Z,ACME,quote,100.01,100.02,1,2,,,",
            "2024-03-01T14:30Z,ACME,quote,100.01,100.02,1,2,,,",
            "1969-12-31T23:59:59Z,ACME,quote,100.01,100.02,1,2,,,",
            "18446744073709551615,ACME,quote,100.01,100.02,1,2,,,",  // 20 digits: UInt64.max
            "18446744073709551616,ACME,quote,100.01,100.02,1,2,,,",
            "+5,ACME,quote,100.01,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,NOPE,quote,100.01,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,,quote,100.01,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,ACME,QUOTE,100.01,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,ACME,quote,100.,100.02,1,2,,,",  // accepted by the general path
            "2024-03-01T14:30:00Z,ACME,quote,.5,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,ACME,quote,100.011,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,ACME,quote,-0.01,-100,1,2,,,",
            "2024-03-01T14:30:00Z,ACME,quote,1.2.3,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,5.0,2,,,",  // a size with a point: refused by the general path
            "2024-03-01T14:30:00Z,ACME,trade,,,,,100.01,5.,buy",
            "2024-03-01T14:30:00Z,ACME,quote,1e3,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,ACME,quote,92233720368547758.07,100.02,1,2,,,",  // Int64.max
            "2024-03-01T14:30:00Z,ACME,quote,92233720368547758.08,100.02,1,2,,,",
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,+1,007,,,",
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,9223372036854775807,-9223372036854775808,,,",
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,9223372036854775808,1,,,",
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,1,-9223372036854775808,,,",  // Int64.min alone: out of range, no trap
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,1,,,,",
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,1,2,,",  // nine fields
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,1,2,,,,",  // eleven
            "2024-03-01T14:30:00Z,ACME,trade,,,,,100.02,5,hold",
            "2024-03-01T14:30:00Z,ACME,trade,x,y,z,w,100.02,5, sell",
            "2024-03-01T14:30:00Z,ZERO,trade,,,,,100.0,5,buy",
            "2024-03-01T14:30:00Z,ZERO,trade,,,,,100.,5,buy",
            "2024-03-01T14:30:00Z,ÉCU,quote,1.23456,1.2,1,2,,,",
            "2024-03-01T14:30:00Z,E\u{301}CU,quote,1.2345,1.2,1,2,,,",  // the same symbol, decomposed
            "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,1,2,,,\u{301}",
            "#\u{301} not quite a comment",
            "time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side",  // a header after a record
            "time,symbol,kind",
        ]
        let header = TickCSV.header.joined(separator: ",") + "\n"
        let good = "2024-03-01T14:30:00Z,ACME,quote,100.01,100.02,1,2,,,\n"
        for row in rows {
            TickCSVFastPathTests.expectSameOutcome(row + "\n")
            TickCSVFastPathTests.expectSameOutcome(header + good + row + "\n" + good)
        }
    }

    /// A price or size beyond the market bounds is refused at load with its line and column, by
    /// both paths alike; the bounds themselves load.
    @Test func valuesBeyondTheMarketBoundsAreRefusedWithTheirLine() {
        let header = TickCSV.header.joined(separator: ",") + "\n"
        let tooLargeAsk = header + "2024-03-01T14:30:00Z,ACME,quote,100.01,10000000000000.01,1,2,,,\n"
        #expect(TickCSVFastPathTests.outcome(tooLargeAsk, fastPath: true)
                == "error: ticks.csv:2:40: error: expected a price of at most 10000000000000.00 in ask, found '10000000000000.01'")
        let tooLargeSize = header + "2024-03-01T14:30:00Z,ACME,trade,,,,,100.02,1000000000001,buy\n"
        #expect(TickCSVFastPathTests.outcome(tooLargeSize, fastPath: true).hasPrefix("error: ticks.csv:2:"))
        #expect(TickCSVFastPathTests.outcome(tooLargeSize, fastPath: true).contains("at most 1000000000000 in size"))
        let atBounds = header + "2024-03-01T14:30:00Z,ACME,quote,100.01,10000000000000.00,1000000000000,2,,,\n"
        #expect(!TickCSVFastPathTests.outcome(atBounds, fastPath: true).hasPrefix("error"))
        for text in [tooLargeAsk, tooLargeSize, atBounds] { TickCSVFastPathTests.expectSameOutcome(text) }
    }

    /// Rows stitched at random from plain and odd pieces: whatever the fast path accepts, it
    /// must read as the general path does, and whatever it declines, the general path reads.
    @Test func randomRowsGiveTheSameOutcome() {
        let times = ["2024-03-01T14:30:00.250Z", "2024-03-01T14:30:00Z", "2024-12-31T23:59:59.999999999Z", "1709303400250000000",
                     "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-03-01T14:30:00.25", " 2024-03-01T14:30:00Z", "0", ""]
        let symbols = ["ACME", "ACME", "ÉCU", "ZERO", " ACME", "ACME\t", "NOPE", ""]
        let kinds = ["quote", "quote", "trade", "trade", "Quote", ""]
        let prices = ["100.01", "100.1", "100", "0.5", "1.2345", "100.", "-3.25", "+1", "", "1,5", "١٢"]
        let sizes = ["10", "0", "-3", "+4", "007", "", "x", "99999999999999999999"]
        let sides = ["buy", "sell", "buy", "hold", "", "BUY"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func pick(_ choices: [String]) -> String {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407  // a fixed LCG: the same rows every run
            return choices[Int((state >> 33) % UInt64(choices.count))]
        }
        var read = 0
        for _ in 0..<3_000 {
            let row = [pick(times), pick(symbols), pick(kinds), pick(prices), pick(prices), pick(sizes), pick(sizes),
                       pick(prices), pick(sizes), pick(sides)].joined(separator: ",")
            TickCSVFastPathTests.expectSameOutcome(row + "\n")
            if !TickCSVFastPathTests.outcome(row, fastPath: true).hasPrefix("error") { read += 1 }
        }
        #expect(read > 100, "too few valid rows to exercise the fast path: \(read)")
    }
}
