import Foundation
import Scenarios
import Testing

/// A scenario whose data files are compressed runs exactly as on the plain files (docs/data.md).
@Suite struct CompressedDataScenarioTests {
    @Test func sp500OnGzipAndZstdFilesHasThePlainFilesDigests() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metronome-compressed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func compress(_ tool: [String], _ name: String, to target: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = tool + ["Scenarios/Data/\(name)"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try data.write(to: directory.appendingPathComponent(target))
        }
        try compress(["gzip", "-c"], "sp500.csv", to: "sp500.csv.gz")
        try compress(["zstd", "-q", "-c"], "nasdaq.csv", to: "nasdaq.csv.zst")
        try compress(["gzip", "-c"], "moody-aaa-baa.csv", to: "moody-aaa-baa.csv.gz")
        var text = try String(contentsOfFile: "Scenarios/Library/sp500-2008.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "../Data/sp500.csv", with: "sp500.csv.gz")
            .replacingOccurrences(of: "../Data/nasdaq.csv", with: "nasdaq.csv.zst")
            .replacingOccurrences(of: "../Data/moody-aaa-baa.csv", with: "moody-aaa-baa.csv.gz")
        let file = directory.appendingPathComponent("sp500-2008.yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let compressed = try ScenarioRun(scenario: try ScenarioLoader.load(path: file)).run()
        let plain = try ScenarioRun(scenario: try ScenarioLoader.load(path: "Scenarios/Library/sp500-2008.yaml")).run()
        #expect(compressed.summary.digest == plain.summary.digest)
        #expect(compressed.summary.inputs == plain.summary.inputs && plain.summary.inputs > 300)
    }
}
