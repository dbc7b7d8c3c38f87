@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// A large plain tick file is checked in two parts on two cores (`SplitCheck`): the run must read
/// exactly the records, or get exactly the error, that one pass gives.
@Suite struct SplitCheckTests {
    static let settings = TickCSVReader.Settings(instruments: RecordSpillTests.instruments, quoteTopic: TopicID(rawValue: 3),
                                                 tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 1_000, fastPath: true)

    /// Rows of two symbols, quotes and sided trades; `unsidedAt` and `badAt` plant an unsided
    /// trade and a malformed price at those rows.
    static func rows(_ count: Int, unsidedAt: Int? = nil, badAt: Int? = nil) -> String {
        var lines = ["time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side"]
        for row in 0..<count {
            let time = 1_709_303_400_000_000_000 + UInt64(row) * 250_000_000
            let symbol = row % 3 == 0 ? "BOLT" : "ACME"
            let cents = 10_000 + row % 50
            let price = RecordSpillTests.decimal(cents) + (symbol == "BOLT" ? "00" : "")
            if row == badAt {
                lines.append("\(time),\(symbol),quote,1x.00,100.02,5,5,,,")
            } else if row % 5 == 4 {
                lines.append("\(time),\(symbol),trade,,,,,\(price),\(row % 9 + 1),\(row == unsidedAt ? "" : row % 2 == 0 ? "buy" : "sell")")
            } else {
                lines.append("\(time),\(symbol),quote,\(price),\(RecordSpillTests.decimal(cents + 3))\(symbol == "BOLT" ? "00" : ""),\(row % 70 + 1),\(row % 40 + 1),,,")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "split-check-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func onePass(_ text: String) throws -> [InputRecord] {
        var source = try TickCSV(text: text, file: "ticks.csv", instruments: RecordSpillTests.instruments, quoteTopic: TopicID(rawValue: 3),
                                 tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 1_000, fastPath: true, spilling: false)
        var records: [InputRecord] = []
        while let record = try source.next() { records.append(record) }
        return records
    }

    @Test func thePartsReadAsOnePass() throws {
        let text = Self.rows(20_000)
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parts = try #require(try SplitCheck.tickCSV(path: path, settings: Self.settings, minimumBytes: 0))
        #expect(parts.count == 2 && parts.allSatisfy { $0.count > 5_000 })
        var stream = CheckedStream(parts: parts) { try TickCSVReader(lines: DataFileLines(path: path), file: path, settings: Self.settings) }
        var records: [InputRecord] = []
        while let record = try stream.next(file: path) { records.append(record) }
        #expect(stream.count == 20_000)
        #expect(records == (try Self.onePass(text)))
        var census = RecordCensus()
        for record in records { census.count(record.message) }
        #expect(stream.census.quotes == census.quotes && stream.census.trades == census.trades)
    }

    /// An unsided trade after the cut needs the quotes before it: the file is checked in one pass.
    @Test func anUnsidedTradeInTheSecondPartGivesUpTheCut() throws {
        let text = Self.rows(20_000, unsidedAt: 15_004)
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SplitCheck.tickCSV(path: path, settings: Self.settings, minimumBytes: 0) == nil)
        let early = try Self.file(Self.rows(20_000, unsidedAt: 4))
        defer { try? FileManager.default.removeItem(atPath: early) }
        #expect(try SplitCheck.tickCSV(path: early, settings: Self.settings, minimumBytes: 0) != nil, "before the cut it is inferred as in one pass")
    }

    /// A bad row after the cut is left to one pass, whose error names its line in the whole file;
    /// one before the cut is the first part's error, the same one pass gives.
    @Test func aBadRowIsReportedAsOnePassReportsIt() throws {
        for badAt in [3_000, 17_000] {
            let text = Self.rows(20_000, badAt: badAt)
            let path = try Self.file(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var onePassError = ""
            do { _ = try Self.onePass(text) } catch { onePassError = "\(error)".replacingOccurrences(of: "ticks.csv", with: path) }
            #expect(onePassError.contains(":\(badAt + 2):"), "row \(badAt) is line \(badAt + 2): \(onePassError)")
            if badAt < 10_000 {
                #expect { _ = try SplitCheck.tickCSV(path: path, settings: Self.settings, minimumBytes: 0) } throws: { "\($0)" == onePassError }
            } else {
                #expect(try SplitCheck.tickCSV(path: path, settings: Self.settings, minimumBytes: 0) == nil)
            }
            #expect { _ = try TickCSV(path: path, instruments: RecordSpillTests.instruments, quoteTopic: TopicID(rawValue: 3),
                                      tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 1_000) } throws: { "\($0)" == onePassError }
        }
    }

    @Test func smallOrCompressedFilesAreNotCut() throws {
        let path = try Self.file(Self.rows(100))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SplitCheck.tickCSV(path: path, settings: Self.settings) == nil, "below the minimum size")
        #expect(try SplitCheck.tickCSV(path: path + ".gz", settings: Self.settings, minimumBytes: 0) == nil)
    }
}
