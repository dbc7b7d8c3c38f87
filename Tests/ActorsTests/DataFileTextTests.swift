import Actors
import Foundation
import Testing

/// Data files read as users have them (docs/data.md): plain, `.gz` and `.zst`, compressed by the
/// gzip and zstd tools themselves; mislabelled, truncated and non-UTF-8 files refused by name.
@Suite struct DataFileTextTests {
    static let source = "Scenarios/Data/sp500.csv"

    static func compressed(_ tool: [String], suffix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("metronome-data-\(UUID().uuidString).csv\(suffix)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = tool + [source]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func gzipAndZstdFilesReadAsThePlainText() throws {
        let plain = try DataFileText.read(path: Self.source)
        #expect(plain == (try String(contentsOfFile: Self.source, encoding: .utf8)))
        #expect(try DataFileText.read(path: Self.compressed(["gzip", "-c"], suffix: ".gz")) == plain)
        #expect(try DataFileText.read(path: Self.compressed(["zstd", "-q", "-c"], suffix: ".zst")) == plain)
        #expect(try DataFileText.read(path: Self.compressed(["zstd", "-q", "-19", "-c"], suffix: ".ZST")) == plain)
    }

    @Test func aMislabelledFileIsRefusedByName() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString).csv.gz").path
        try FileManager.default.copyItem(atPath: Self.source, toPath: path)
        #expect { try DataFileText.read(path: path) } throws: { "\($0)".contains(path) && "\($0)".contains("not gzip data") }
        let zstdPath = path.replacingOccurrences(of: ".gz", with: ".zst")
        try FileManager.default.copyItem(atPath: Self.source, toPath: zstdPath)
        #expect { try DataFileText.read(path: zstdPath) } throws: { "\($0)".contains("not zstd data") }
    }

    @Test func aTruncatedFileIsRefusedNotReadInPart() throws {
        for (tool, suffix) in [(["gzip", "-c"], ".gz"), (["zstd", "-q", "-c"], ".zst")] {
            let path = try Self.compressed(tool, suffix: suffix)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
            #expect(throws: DataFileText.Failure.self, "\(suffix)") { try DataFileText.read(path: path) }
            do { _ = try DataFileText.read(path: path) } catch { #expect(error.description.contains("ends early"), "\(error)") }
        }
    }

    @Test func nonUTF8TextIsRefusedWithItsOffset() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).csv").path
        try Data([0x61, 0x2C, 0x62, 0x0A, 0x63, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect { try DataFileText.read(path: path) } throws: { "\($0)".contains("not UTF-8 text (an invalid byte at offset 5)") }
        #expect { try DataFileText.read(path: "/nonexistent/file.csv") } throws: { "\($0)".contains("cannot read the file") }
    }
}
