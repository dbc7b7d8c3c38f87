import Foundation
import Testing

/// `metronome validate` reads every data file as a run would (docs/data.md): a bad row is
/// reported as file:line:column before any run, in a plain file and in a compressed one.
@Suite struct ValidateDataFilesTests {
    static func scenario(path: String) -> String {
        QuarantineReportTests.scenario.replacingOccurrences(of: "path: ticks.csv", with: "path: \(path)")
    }

    @Test func aBadRowIsFoundByValidateInPlainAndCompressedFiles() throws {
        let directory = try CommandRunner.temporaryDirectory()
        var rows = QuarantineReportTests.csv().split(separator: "\n").map(String.init)
        rows[7] = "2024-03-01T14:30:04.000Z,ACME,quote,100.0x,100.10,10,12,,,"
        let broken = rows.joined(separator: "\n") + "\n"
        try broken.write(to: directory.appendingPathComponent("ticks.csv"), atomically: true, encoding: .utf8)
        let good = directory.appendingPathComponent("good.csv")
        try QuarantineReportTests.csv().write(to: good, atomically: true, encoding: .utf8)
        let ticks = directory.appendingPathComponent("ticks.csv").path
        #expect(try CommandRunner.run("/usr/bin/env", ["gzip", "-k", "-f", ticks]).exitCode == 0)
        #expect(try CommandRunner.run("/usr/bin/env", ["zstd", "-q", "-f", ticks, "-o", ticks + ".zst"]).exitCode == 0)
        for name in ["ticks.csv", "ticks.csv.gz", "ticks.csv.zst"] {
            let file = directory.appendingPathComponent("s-\(name).yaml")
            try Self.scenario(path: name).write(to: file, atomically: true, encoding: .utf8)
            let result = try CommandRunner.metronome("validate", file.path)
            #expect(result.exitCode == 2, "\(name): \(result.stdout)")
            #expect(result.stderr.contains("\(name):8:"), "\(name): \(result.stderr)")
        }
        let file = directory.appendingPathComponent("good.yaml")
        try Self.scenario(path: "good.csv").write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.metronome("validate", file.path)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 data file read"))
    }

    /// A file read through a layout: `validate` checks the layout against the file's header, and
    /// a layout column the header lacks is an error naming the header's columns.
    @Test func validateChecksALayoutAgainstTheFile() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let fixture = FileManager.default.currentDirectoryPath + "/Tests/Fixtures/layouts/polygon-quotes.csv"
        func scenario(_ columns: String) -> String {
            """
            version: 1
            name: polygon
            start: 2024-03-01T14:30:00Z
            duration: 1h
            universe:
              - { symbol: AAPL, price_precision: 2 }
            feeds:
              - { type: csv, layout: polygon-quotes, \(columns)path: \(fixture) }
            agents:
              - { type: ema-cross, fast: 2, slow: 4 }
            """
        }
        let bad = directory.appendingPathComponent("bad.yaml")
        try scenario("columns: { bid: bid_px }, ").write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.metronome("validate", bad.path)
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("polygon-quotes.csv:1:1: error: no column 'bid_px' (for bid) in the header; its columns are: ticker, ask_exchange, ask_price, ask_size"),
                "\(refused.stderr)")
        let good = directory.appendingPathComponent("good.yaml")
        try scenario("").write(to: good, atomically: true, encoding: .utf8)
        let accepted = try CommandRunner.metronome("validate", good.path)
        #expect(accepted.exitCode == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("1 data file read"))
    }
}
