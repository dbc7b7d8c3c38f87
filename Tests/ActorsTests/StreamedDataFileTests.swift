@testable import Actors
import Foundation
import Kernel
import Messages
import Testing

/// Data files are read a chunk at a time (`DataFileChunks`, `DataFileLines`): what a reader
/// sees must not depend on the chunk size, nor on the compression.
@Suite struct StreamedDataFileTests {
    /// Every line `DataFileLines` gives, read `chunkBytes` at a time.
    static func lines(_ bytes: [UInt8], path: String = "t.csv", chunkBytes: Int) throws -> [String] {
        var reader = try DataFileLines(bytes: bytes, path: path, chunkBytes: chunkBytes)
        var lines: [String] = []
        while try reader.advance() {
            #expect(reader.lineNumber == lines.count + 1)
            lines.append(reader.lineText)
        }
        return lines
    }

    /// The whole-text splitter every CSV reader used before streaming: the reference.
    static func reference(_ text: String) -> [String] {
        var lines = CSVText.lines(text).map(String.init)
        if lines.last == "" { lines.removeLast() }  // a final line break ends the last line; it starts none
        return lines
    }

    @Test func linesDoNotDependOnTheChunkSize() throws {
        let texts = [
            "\u{FEFF}time,a\r\n1,2\r\n\r\n# note\n3,4\r5,6\n\n7,8",
            "a\r\nb\r\nc\r\n",
            "\r\n\r\n\r",
            "é,ü\nplain\n√2\r\n",
            "",
            "\u{FEFF}",
            "no line break at all",
        ]
        for text in texts {
            let expected = Self.reference(text)
            for chunk in [1, 2, 3, 5, 8, 64, 1 << 18] {
                #expect(try Self.lines(Array(text.utf8), chunkBytes: chunk) == expected, "\(text.debugDescription) in chunks of \(chunk)")
            }
        }
    }

    @Test func gzipAndZstdStreamsGiveThePlainLines() throws {
        let text = try String(contentsOfFile: DataFileTextTests.source, encoding: .utf8)
        let expected = Self.reference(text)
        for (tool, suffix) in [(["gzip", "-c"], ".gz"), (["zstd", "-q", "-c"], ".zst")] {
            let path = try DataFileTextTests.compressed(tool, suffix: suffix)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            for chunk in [7, 4_096] {
                #expect(try Self.lines(bytes, path: path, chunkBytes: chunk) == expected, "\(suffix) in chunks of \(chunk)")
            }
            var fromFile = try DataFileLines(path: path, chunkBytes: 1_000)
            var count = 0
            while try fromFile.advance() { count += 1 }
            #expect(count == expected.count)
        }
    }

    @Test func aTruncatedStreamIsRefusedAtItsEnd() throws {
        for (tool, suffix) in [(["gzip", "-c"], ".gz"), (["zstd", "-q", "-c"], ".zst")] {
            let path = try DataFileTextTests.compressed(tool, suffix: suffix)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let cut = Array(bytes.prefix(bytes.count * 2 / 3))
            #expect { _ = try Self.lines(cut, path: path, chunkBytes: 512) } throws: { "\($0)".contains("ends early") }
        }
    }

    @Test func invalidUTF8IsRefusedWithItsOffsetInAnyChunking() throws {
        let bytes: [UInt8] = Array("ok\nfine\n".utf8) + [0x61, 0xC3, 0x28, 0x0A]
        for chunk in [1, 3, 100] {
            #expect { _ = try Self.lines(bytes, chunkBytes: chunk) } throws: { "\($0)".contains("an invalid byte at offset 9") }
        }
    }

    @Test func aFileWithoutLineBreaksIsRefusedNotHeld() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: DataFileLines.maximumLineBytes + 10)
        #expect { _ = try Self.lines(bytes, chunkBytes: 1 << 16) } throws: { "\($0)".contains("longer than") }
    }

    /// A tick file read in chunks of a few bytes gives the very records it gives read at once:
    /// the same inputs, hence the same digests.
    @Test func aTickCSVReadsTheSameRecordsInAnyChunking() throws {
        var text = "time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side\r\n# a comment\n"
        var price = 10_000
        for index in 0..<300 {
            let time = "2024-03-01T14:30:\(String(format: "%02d", index / 10)).\(index % 10)00Z"
            price += index % 7 == 0 ? -3 : 2
            if index % 3 == 0 {
                text += "\(time),ACME,trade,,,,,\(price / 100).\(String(format: "%02d", price % 100)),\(index + 1),\(index % 6 == 0 ? "" : "sell")\n"
            } else {
                text += "\(time),ACME,quote,\(price / 100).\(String(format: "%02d", price % 100)),\(price / 100 + 1).00,10,20,,,\r\n"
            }
        }
        func records(chunk: Int) throws -> [String] {
            var source = try TickCSV(text: text, file: "t.csv", instruments: ["ACME": (0, 2)], quoteTopic: TopicID(rawValue: 1),
                                     tradeTopic: TopicID(rawValue: 2), latencyNanoseconds: 5, fastPath: true, chunkBytes: chunk)
            var records: [String] = []
            while let record = try source.next() { records.append("\(record)") }
            #expect(records.count == source.count)
            return records
        }
        let whole = try records(chunk: 1 << 20)
        #expect(whole.count == 300)
        for chunk in [1, 2, 7, 61] { #expect(try records(chunk: chunk) == whole, "chunks of \(chunk)") }
    }
}
