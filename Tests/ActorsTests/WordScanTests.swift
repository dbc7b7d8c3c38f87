@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// The data readers scan and parse eight bytes at a time or skip work a previous row already did
/// (`ByteScan`, the short-field path of `FixedPointBytes`, the tick scanner's minute cache): each
/// must give exactly what the plain byte-by-byte reading gives.
@Suite struct WordScanTests {
    /// A fixed LCG: the same cases every run.
    struct Stream {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func firstIndexFindsWhatALoopFinds() {
        var random = Stream(state: 7)
        for _ in 0..<2_000 {
            let count = random.next(40)
            let choices: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "a"), 0x0A, 0x2C ^ 0x80, 0]
            let bytes = (0..<count).map { _ in choices[random.next(choices.count)] }
            bytes.withUnsafeBufferPointer { buffer in
                for from in 0...count {
                    for end in from...count {
                        let expected = (from..<end).first { buffer[$0] == UInt8(ascii: ",") } ?? end
                        #expect(ByteScan.firstIndex(of: UInt8(ascii: ","), in: buffer, from: from, end: end) == expected)
                    }
                }
            }
        }
    }

    @Test func longLinesSplitAndCheckAsTheWholeTextDoes() throws {
        var random = Stream(state: 11)
        let pieces = ["abcdefghij", "0123456789,", "é", "\n", "\r\n", "\r", ",,,", "x", "√2"]
        for _ in 0..<300 {
            let text = (0..<random.next(30)).map { _ in pieces[random.next(pieces.count)] }.joined()
            let expected = StreamedDataFileTests.reference(text)
            for chunk in [5, 9, 64, 1 << 18] {
                #expect(try StreamedDataFileTests.lines(Array(text.utf8), chunkBytes: chunk) == expected,
                        "\(text.debugDescription) in chunks of \(chunk)")
            }
        }
    }

    /// The ASCII check of a line takes the bytes of the break's word that come before the break,
    /// and only those: a non-ASCII byte just before a line break marks its line, one just after
    /// marks the next line only.
    @Test func theBytesBesideALineBreakCountForTheirOwnLine() throws {
        var random = Stream(state: 17)
        let pieces: [[UInt8]] = [Array("abcdefg".utf8), [0xC3, 0xA9], [0x0A], [0x0D, 0x0A], Array("0123".utf8), [0xE2, 0x88, 0x9A]]
        for _ in 0..<400 {
            let bytes = (0..<random.next(24)).flatMap { _ in pieces[random.next(pieces.count)] }
            let expected = StreamedDataFileTests.reference(String(decoding: bytes, as: UTF8.self)).map { $0.utf8.allSatisfy { $0 < 0x80 } }
            for chunk in [3, 8, 64, 1 << 18] {
                var reader = try DataFileLines(bytes: bytes, path: "t.csv", chunkBytes: chunk)
                var ascii: [Bool] = []
                while try reader.advance() { ascii.append(reader.lineIsASCII) }
                #expect(ascii == expected, "\(bytes) in chunks of \(chunk)")
            }
        }
    }

    @Test func aNonASCIIByteDeepInALongLineIsFoundAndChecked() throws {
        let valid = Array("0123456789abcdef0123456789".utf8) + Array("é".utf8) + Array("0123456789abcdef\n".utf8)
        var reader = try DataFileLines(bytes: valid, path: "t.csv")
        #expect(try reader.advance())
        #expect(!reader.lineIsASCII)
        let invalid = Array("0123456789abcdef0123456789".utf8) + [0xC3, 0x28] + Array("0123456789abcdef\n".utf8)
        #expect { _ = try StreamedDataFileTests.lines(invalid, chunkBytes: 1 << 18) } throws: { "\($0)".contains("an invalid byte at offset 26") }
    }

    @Test func shortFieldsParseAsTheCheckedPathParses() {
        var random = Stream(state: 3)
        let alphabet = Array("-0123456789.0.9x".utf8)
        var accepted = 0
        for _ in 0..<20_000 {
            let bytes = (0..<random.next(19)).map { _ in alphabet[random.next(alphabet.count)] }
            let precision = random.next(5)
            bytes.withUnsafeBufferPointer { buffer in
                let fast = FixedPointBytes.parse(buffer, precision: precision)
                #expect(fast == FixedPointBytes.parseChecked(buffer, precision: precision),
                        "\(String(decoding: bytes, as: UTF8.self)) at precision \(precision)")
                if fast != nil { accepted += 1 }
            }
        }
        #expect(accepted > 1_000, "too few valid numbers to exercise the fast path: \(accepted)")
    }

    /// Rows that share a minute reuse its start; a row in another day, month or year at the same
    /// hour and minute, a bad second within a cached minute, and integer times between them are
    /// all read as the general path reads them.
    @Test func rowsSharingAMinuteAreReadAsTheGeneralPathReadsThem() {
        let times = ["2024-03-01T14:30:00.250Z", "2024-03-01T14:30:59.999999999Z", "2024-03-01T14:30:07Z", "2024-03-02T14:30:00.5Z",
                     "2025-03-01T14:30:00.25Z", "2024-04-01T14:30:01Z", "2024-03-01T14:31:00Z", "1709303400250000000",
                     "2024-03-01T14:30:60Z", "2024-03-01T14:30:0aZ", "2024-03-01T14:30:00.Z", "2024-03-01T14:30:00.1234567890Z"]
        var random = Stream(state: 5)
        for _ in 0..<400 {
            let rows = (0..<random.next(12)).map { _ in "\(times[random.next(times.count)]),ACME,quote,100.01,100.03,5,6,,," }
            TickCSVFastPathTests.expectSameOutcome((["time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side"] + rows)
                .joined(separator: "\n") + "\n")
        }
    }
}
