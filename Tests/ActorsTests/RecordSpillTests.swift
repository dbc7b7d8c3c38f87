@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// A data file's checked records go to a temporary file and the run reads them back
/// (`CheckedStream`, `RecordSpillCodec`): what comes back must be exactly what was checked.
@Suite struct RecordSpillTests {
    static let instruments: [String: (id: SymbolID, precision: Int)] = ["ACME": (0, 2), "BOLT": (1, 4)]

    /// Records with every field drawn from the whole range as well as from a tick file's usual
    /// small steps: times that go backwards, prices and sizes of either sign, the extremes.
    static func records(count: Int, seed: UInt64) -> [InputRecord] {
        var random = SplitMix64(seed: seed)
        let extremes: [Int64] = [0, 1, -1, .max, .min, .max - 1, .min + 1, 1 << 56, -(1 << 56), (1 << 56) - 1]
        func field(_ usual: Int64) -> Int64 {
            switch random.next() % 4 {
            case 0: return extremes[Int(random.next() % UInt64(extremes.count))]
            case 1: return Int64(bitPattern: random.next())
            default: return usual
            }
        }
        var time: Timestamp = 1_709_303_400_000_000_000
        var price: Int64 = 10_000
        return (0..<count).map { index in
            time = random.next() % 8 == 0 ? Timestamp(bitPattern: field(Int64(bitPattern: time))) : time &+ 250_000_000
            price = field(price &+ Int64(random.next() % 5) &- 2)
            let symbol = SymbolID(random.next() % 3 == 0 ? UInt32(random.next() % 70_000) : UInt32(index % 2))
            let exchangeTime = random.next() % 6 == 0 ? Timestamp(bitPattern: field(0)) : time &- 300_000
            let topic = TopicID(rawValue: random.next() % 9 == 0 ? UInt32(truncatingIfNeeded: random.next()) : 3)
            let message: Message
            if random.next() % 3 == 0 {
                message = .trade(Trade(symbol: symbol, price: price, size: field(100), aggressor: random.next() % 2 == 0 ? .buy : .sell,
                                       exchangeTime: exchangeTime))
            } else {
                message = .quote(Quote(symbol: symbol, bidPrice: price, askPrice: field(price &+ 2), bidSize: field(300),
                                       askSize: field(200), exchangeTime: exchangeTime))
            }
            return InputRecord(time: time, topic: topic, message: message)
        }
    }

    @Test func everyRecordComesBackExactly() {
        let records = Self.records(count: 20_000, seed: 7)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: records.count * RecordSpillCodec.maximumRecordBytes + RecordSpillCodec.slackBytes)
        defer { buffer.deallocate() }
        var encoder = RecordSpillCodec()
        var written = 0
        for record in records {
            guard let count = encoder.encode(record, at: buffer + written) else { Issue.record("not encoded: \(record)"); return }
            #expect(count <= RecordSpillCodec.maximumRecordBytes)
            written += count
        }
        var decoder = RecordSpillCodec()
        var read = 0
        for (index, record) in records.enumerated() {
            guard let decoded = decoder.decode(from: buffer + read, available: written - read) else {
                Issue.record("record \(index) not decoded")
                return
            }
            #expect(decoded.record == record, "record \(index)")
            read += decoded.byteCount
        }
        #expect(read == written)
    }

    @Test func aRecordCutShortIsRefusedNotMisread() {
        let record = Self.records(count: 1, seed: 3)[0]
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: RecordSpillCodec.maximumRecordBytes + RecordSpillCodec.slackBytes)
        defer { buffer.deallocate() }
        var encoder = RecordSpillCodec()
        let count = encoder.encode(record, at: buffer)!
        for available in 0..<count {
            var decoder = RecordSpillCodec()
            #expect(decoder.decode(from: buffer, available: available) == nil, "\(available) of \(count) bytes")
        }
    }

    @Test func onlyQuotesAndTradesOfAFileHaveTheForm() {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: RecordSpillCodec.maximumRecordBytes + RecordSpillCodec.slackBytes)
        defer { buffer.deallocate() }
        var codec = RecordSpillCodec()
        let datum = InputRecord(time: 5, topic: TopicID(rawValue: 2), message: .alt(AltDatum(kind: .sentiment, symbol: 0, value: 0.5, exchangeTime: 5)))
        #expect(codec.encode(datum, at: buffer) == nil)
        var replayed = Self.records(count: 1, seed: 1)[0]
        replayed.recordedSequence = 12
        #expect(codec.encode(replayed, at: buffer) == nil)
    }

    /// A tick file of `rows` rows: two symbols, quotes and trades (some without a side, which the
    /// reader infers), a time that steps back once.
    static func tickFile(rows: Int) -> String {
        var lines = ["time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side"]
        var nanoseconds: UInt64 = 1_709_303_400_000_000_000
        for row in 0..<rows {
            nanoseconds = row == rows / 2 ? nanoseconds - 5_000_000_000 : nanoseconds + UInt64(100_000_000 + (row % 7) * 50_000_000)
            let symbol = row % 5 == 0 ? "BOLT" : "ACME"
            let cents = 10_000 + (row * 37 % 400) - 200
            let price = Self.decimal(cents) + (symbol == "ACME" ? "" : "15")
            if row % 4 == 3 {
                let side = row % 8 == 3 ? "" : (row % 3 == 0 ? "buy" : "sell")
                lines.append("\(nanoseconds),\(symbol),trade,,,,,\(price),\(row % 90 + 1),\(side)")
            } else {
                let ask = Self.decimal(cents + 2) + (symbol == "ACME" ? "" : "15")
                lines.append("\(nanoseconds),\(symbol),quote,\(price),\(ask),\(row % 500),\(row % 300 + 1),,,")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `cents` as `units.cc`.
    static func decimal(_ cents: Int) -> String { "\(cents / 100)." + (cents % 100 < 10 ? "0" : "") + "\(cents % 100)" }

    static func read(_ text: String, spilling: Bool) throws -> (records: [InputRecord], readsSpill: Bool) {
        var source = try TickCSV(text: text, file: "ticks.csv", instruments: instruments, quoteTopic: TopicID(rawValue: 3),
                                 tradeTopic: TopicID(rawValue: 4), latencyNanoseconds: 1_000, fastPath: true, spilling: spilling)
        var records: [InputRecord] = []
        while let record = try source.next() { records.append(record) }
        return (records, source.readsSpill)
    }

    /// 60,000 rows spill more than two chunks of the reader's buffer, so its refill is crossed.
    @Test func aTickFileReadsTheSameFromItsSpillAsFromItsText() throws {
        let text = Self.tickFile(rows: 60_000)
        let spilled = try Self.read(text, spilling: true)
        let parsedTwice = try Self.read(text, spilling: false)
        #expect(spilled.readsSpill)
        #expect(!parsedTwice.readsSpill)
        #expect(spilled.records.count == 60_000)
        #expect(spilled.records == parsedTwice.records)
    }

    @Test func aLayoutFileReadsTheSameFromItsSpillAsFromItsText() throws {
        let layout = CSVLayout(columns: [.init(.time, .name("t")), .init(.bid, .name("b")), .init(.ask, .name("a")),
                                         .init(.price, .name("p")), .init(.size, .name("q"))], symbol: "ACME", timeFormat: .epoch(.milliseconds))
        var rows = ["t,b,a,p,q"]
        for row in 0..<2_000 {
            let millis = 1_709_303_400_000 + row * 250
            rows.append(row % 3 == 2 ? "\(millis),,,100.0\(row % 10),\(row % 40 + 1)" : "\(millis),99.9\(row % 10),100.0\(row % 10),,")
        }
        let text = rows.joined(separator: "\n") + "\n"
        func read(spilling: Bool) throws -> (records: [InputRecord], readsSpill: Bool) {
            var source = try LayoutCSV(text: text, file: "f.csv", layout: layout, instruments: Self.instruments, quoteTopic: TopicID(rawValue: 3),
                                       tradeTopic: TopicID(rawValue: 4), spilling: spilling)
            var records: [InputRecord] = []
            while let record = try source.next() { records.append(record) }
            return (records, source.readsSpill)
        }
        let spilled = try read(spilling: true), parsedTwice = try read(spilling: false)
        #expect(spilled.readsSpill && !parsedTwice.readsSpill)
        #expect(spilled.records.count == 2_000)
        #expect(spilled.records == parsedTwice.records)
    }

    @Test func aSpillIsAnonymousAndNoneIsMadeWhereNoDirectoryIs() throws {
        #expect(SpillFile(directory: "/nonexistent-\(UInt64.max)") == nil)
        let directory = "/tmp/metronome-spill-test-\(getpid())"
        #expect(mkdir(directory, 0o700) == 0)
        defer { rmdir(directory) }
        let spill = try #require(SpillFile(directory: directory))
        let bytes: [UInt8] = [1, 2, 3, 4, 5]
        #expect(bytes.withUnsafeBytes { spill.append($0) })
        // Unlinked at once: the directory is empty while the file is open, and it reads back.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        var back = [UInt8](repeating: 0, count: 8)
        #expect(back.withUnsafeMutableBytes { spill.read(at: 1, into: $0) } == 4)
        #expect(Array(back.prefix(4)) == [2, 3, 4, 5])
    }

    /// The reader's refills read any amount, a byte at a time too: records straddle every chunk
    /// boundary.
    @Test func aSpillReadsBackInChunksOfAnySize() throws {
        let records = Self.records(count: 3_000, seed: 11)
        let writer = try #require(RecordSpillWriter())
        for record in records { #expect(writer.append(record)) }
        let file = try #require(writer.finish())
        for chunkBytes in [1, 7, 100, 1 << 18] {
            var reader = RecordSpillReader(file: file, origin: "t.csv", chunkBytes: chunkBytes)
            var back: [InputRecord] = []
            while let record = try reader.next() { back.append(record) }
            #expect(back == records, "chunks of \(chunkBytes)")
        }
    }

    @Test func aSpillCutShortIsAnErrorNamingTheDataFile() throws {
        let records = Self.records(count: 2, seed: 5)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * RecordSpillCodec.maximumRecordBytes + RecordSpillCodec.slackBytes)
        defer { buffer.deallocate() }
        var codec = RecordSpillCodec()
        let first = codec.encode(records[0], at: buffer)!
        let second = codec.encode(records[1], at: buffer + first)!
        let file = try #require(SpillFile())
        #expect(file.append(UnsafeRawBufferPointer(start: buffer, count: first + second - 1)))
        var reader = RecordSpillReader(file: file, origin: "ticks.csv")
        #expect(try reader.next() == records[0])
        #expect { _ = try reader.next() } throws: { "\($0)".contains("ticks.csv: the temporary copy of its checked records could not be read back") }
    }
}
