@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// A large plain tick file is checked in two parts on two cores (`SplitCheck`): the run must read
/// exactly the records, or get exactly the error, that one pass gives. (On one core nothing is
/// cut: the suite needs two.)
@Suite(.enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2)) struct SplitCheckTests {
    static let settings = TickCSVReader.Settings(instruments: RecordSpillTests.instruments, quoteTopic: TopicID(rawValue: 3),
                                                 tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 1_000, fastPath: true)
    static let header = "time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side"

    /// Rows of two symbols, quotes and sided trades; `unsidedAt` and `badAt` plant an unsided
    /// trade and a malformed price at those rows.
    static func rows(_ range: Range<Int>, ending: String = "\n", unsidedAt: Int? = nil, badAt: Int? = nil) -> String {
        var lines: [String] = []
        for row in range {
            let time = 1_709_303_400_000_000_000 + UInt64(row) * 250_000_000
            let symbol = row % 3 == 0 ? "BOLT" : "ACME"
            let cents = 10_000 + row % 50
            let price = RecordSpillTests.decimal(cents) + (symbol == "BOLT" ? "00" : "")
            if row == badAt {
                lines.append("\(time),\(symbol),quote,1x.00,100.02,5,5,,,")
            } else if row % 5 == 4 {
                lines.append("\(time),\(symbol),trade,,,,,\(price),\(row % 9 + 1),\(row == unsidedAt ? "" : row % 2 == 0 ? "buy" : "sell")")
            } else {
                let ask = RecordSpillTests.decimal(cents + 3) + (symbol == "BOLT" ? "00" : "")
                lines.append("\(time),\(symbol),quote,\(price),\(ask),\(row % 70 + 1),\(row % 40 + 1),,,")
            }
        }
        return lines.map { $0 + ending }.joined()
    }

    static func file(_ count: Int, unsidedAt: Int? = nil, badAt: Int? = nil) -> String {
        header + "\n" + rows(0..<count, unsidedAt: unsidedAt, badAt: badAt)
    }

    /// A file whose cut — the first `\n` at or after its middle — falls just before `special`.
    static func withLineAtCut(_ special: String, ending: String = "\n", finalLineBreak: Bool = true) -> String {
        let head = header + ending + rows(0..<4_000, ending: ending)
        let headBytes = head.utf8.count
        // The whole file is 2 × head − 6 bytes: its middle falls inside the head's last line.
        let tailBytes = headBytes - 6 - special.utf8.count - ending.utf8.count
        var tail = rows(10_000..<13_900, ending: ending)
        precondition(tail.utf8.count < tailBytes - 10)
        let padding = tailBytes - tail.utf8.count - (finalLineBreak ? ending.utf8.count : 0)
        tail += "#" + String(repeating: "x", count: padding - 1) + (finalLineBreak ? ending : "")
        let text = head + special + ending + tail
        precondition(text.utf8.count == 2 * headBytes - 6)
        return text
    }

    static func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "split-check-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// What reading a file gave: its records, or the error's message.
    enum Read: Equatable {
        case records([InputRecord])
        case failure(String)
    }

    /// One pass over the text: its records, or its error (with `path` for the file's name).
    static func onePass(_ text: String, path: String) -> Read {
        do {
            var source = try TickCSV(text: text, file: path, instruments: RecordSpillTests.instruments, quoteTopic: TopicID(rawValue: 3),
                                     tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 1_000, fastPath: true, spilling: false)
            var records: [InputRecord] = []
            while let record = try source.next() { records.append(record) }
            return .records(records)
        } catch {
            return .failure("\(error)")
        }
    }

    /// The file read as a run reads it, cut wherever it is 0 bytes or more.
    static func run(_ path: String) -> (result: Read, wasCut: Bool) {
        do {
            var source = try TickCSV(path: path, instruments: RecordSpillTests.instruments, quoteTopic: TopicID(rawValue: 3),
                                     tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 1_000, tradeQuotes: .automatic, spilling: true,
                                     splitMinimumBytes: 0)
            let wasCut = source.readsParts
            var records: [InputRecord] = []
            while let record = try source.next() { records.append(record) }
            return (.records(records), wasCut)
        } catch {
            return (.failure("\(error)"), false)
        }
    }

    static func expectSameAsOnePass(_ text: String, cut: Bool, _ comment: Comment) throws {
        let path = try write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = run(path)
        #expect(read.result == onePass(text, path: path), comment)
        #expect(read.wasCut == cut, comment)
    }

    @Test func thePartsReadAsOnePass() throws {
        try Self.expectSameAsOnePass(Self.file(20_000), cut: true, "plain rows")
        let path = try Self.write(Self.file(20_000))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parts = try #require(try SplitCheck.tickCSV(path: path, settings: Self.settings, minimumBytes: 0))
        #expect(parts.count == 2 && parts.allSatisfy { $0.count > 5_000 } && parts.reduce(0) { $0 + $1.count } == 20_000)
    }

    /// What a part after the first cannot know sends the file back to one pass: a header or a
    /// byte-order mark right after the cut is an error there, not a file start.
    @Test func theLinesAtTheCutReadAsInOnePass() throws {
        try Self.expectSameAsOnePass(Self.withLineAtCut(Self.header), cut: false, "a header after the cut")
        try Self.expectSameAsOnePass(Self.withLineAtCut("\u{FEFF}" + Self.rows(20_000..<20_001).dropLast()), cut: false, "a BOM after the cut")
        try Self.expectSameAsOnePass(Self.withLineAtCut("# a comment\n\n"), cut: true, "a comment and an empty line")
        try Self.expectSameAsOnePass(Self.withLineAtCut(String(Self.rows(20_000..<20_001).dropLast()), ending: "\r\n"), cut: true, "CRLF")
        try Self.expectSameAsOnePass(Self.withLineAtCut(String(Self.rows(20_000..<20_001).dropLast())), cut: true, "a row at the cut")
        try Self.expectSameAsOnePass(Self.withLineAtCut("#", finalLineBreak: false), cut: true, "no final line break")
    }

    /// An unsided trade after the cut needs the quotes before it: the file is checked in one pass.
    @Test func anUnsidedTradeInTheSecondPartGivesUpTheCut() throws {
        try Self.expectSameAsOnePass(Self.file(20_000, unsidedAt: 15_004), cut: false, "unsided after the cut")
        try Self.expectSameAsOnePass(Self.file(20_000, unsidedAt: 4), cut: true, "unsided before the cut: inferred as in one pass")
    }

    /// A bad row after the cut is left to one pass, whose error names its line in the whole file;
    /// one before the cut is the first part's error, the same one pass gives.
    @Test func aBadRowIsReportedAsOnePassReportsIt() throws {
        for badAt in [3_000, 17_000] {
            let text = Self.file(20_000, badAt: badAt)
            let path = try Self.write(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard case .failure(let message) = Self.onePass(text, path: path) else { Issue.record("row \(badAt) passed"); continue }
            #expect(message.contains(":\(badAt + 2):"), "row \(badAt) is line \(badAt + 2): \(message)")
            #expect(Self.run(path).result == .failure(message))
        }
    }

    /// The longest line is a line's own length: one longer after the cut is refused as one pass
    /// refuses it, wherever the chunks fall.
    @Test func anOverlongLineAfterTheCutIsRefusedAsInOnePass() throws {
        let long = "#" + String(repeating: "x", count: DataFileLines.maximumLineBytes + 10)
        let text = Self.file(20_000) + long + "\n" + Self.rows(30_000..<60_000)
        try Self.expectSameAsOnePass(text, cut: false, "a line over the limit")
    }

    @Test func smallOrCompressedFilesAreNotCut() throws {
        let path = try Self.write(Self.file(100))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SplitCheck.tickCSV(path: path, settings: Self.settings) == nil, "below the minimum size")
        #expect(try SplitCheck.tickCSV(path: path + ".gz", settings: Self.settings, minimumBytes: 0) == nil)
    }
}
