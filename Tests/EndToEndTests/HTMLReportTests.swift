import Foundation
import Testing

/// `run --report-html`: one self-contained file, every section, no network; and, when Chromium is
/// installed, it renders to a screenshot that is not blank.
@Suite struct HTMLReportTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func render() throws -> URL {
        let directory = try CommandRunner.temporaryDirectory()
        let html = directory.appendingPathComponent("report.html")
        let result = try CommandRunner.metronome("run", "calm-day", "--until", "1h30m", "--quiet", "--report-html", html.path)
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        return html
    }

    @Test func theReportIsOneSelfContainedFile() throws {
        let text = try String(contentsOf: try render(), encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        for section in ["Equity", "Drawdown", "Fills on the price paths", "Agents", "PnL by agent", "Gate decisions", "Latency", "Digests"] {
            #expect(text.contains("<h2>\(section)</h2>"), "section \(section)")
        }
        #expect(text.components(separatedBy: "<svg").count - 1 >= 6, "inline charts")
        #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("<script"), "no network, no script")
        #expect(text.contains("<polyline") && text.contains("<circle"), "an equity line and fills on a price path")
        #expect(text.contains("aria-label=\"PnL by agent (EUR)\"") && text.contains(">unattributed</text>") && text.contains(">value</text>"),
                "a bar per agent and one for the unattributed rest")
        #expect(text.contains("aria-label=\"order-to-fill latency\"") && text.contains("aria-label=\"order-to-ack latency\""),
                "two latency histograms")
        let unwritable = try CommandRunner.metronome("run", "calm-day", "--until", "10m", "--quiet", "--report-html", "/proc/nope/report.html")
        #expect(unwritable.exitCode == 2 && unwritable.stderr.contains("report.html"))
    }

    @Test(.enabled(if: HTMLReportTests.chromium != nil))
    func itRendersInHeadlessChromium() throws {
        let html = try render()
        let screenshot = html.deletingLastPathComponent().appendingPathComponent("report.png")
        let chromium = try CommandRunner.run(HTMLReportTests.chromium!, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=800,1600",
            "--screenshot=\(screenshot.path)", html.absoluteString,
        ])
        #expect(FileManager.default.fileExists(atPath: screenshot.path), "chromium: \(chromium.stderr)")
        let check = try CommandRunner.run("/usr/bin/env", ["python3", "scripts/png-nonblank.py", screenshot.path])
        #expect(check.exitCode == 0, "\(check.stdout) \(check.stderr)")
    }
}
