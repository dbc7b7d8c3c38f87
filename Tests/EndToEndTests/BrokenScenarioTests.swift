import Foundation
import Testing

/// Eleven broken scenario files (Tests/Fixtures/broken) each give their `file:line:column` error with
/// exit code 2, from `validate` and from `run`; and every command's help has an example.
@Suite struct BrokenScenarioTests {
    static let cases: [(file: String, location: String, message: String)] = [
        ("unknown-key", "9:54", "unknown key 'volatilty' in 'feeds[0]'"),
        ("wrong-type", "3:7", "seed must be a non-negative integer, found 'many'"),
        ("out-of-range", "11:32", "agents[0].weight must be between 0.0 and 1.0, found 1.5"),
        ("bad-duration", "5:11", "duration must be a duration such as 250ms"),
        ("unknown-event", "13:17", "unknown event kind 'meteor'"),
        ("gate-without-sizer", "11:3", "gate: and router: belong to the execution side"),
        ("bad-latency", "12:35", "broker.venues[0].order_latency must be a duration or one of normal:, lognormal:, empirical:"),
        ("not-yaml", "3:5", "not valid YAML"),
        ("event-after-end", "9:3", "feed 'feed0': an event at 2024-03-01T16:30:00.000000000Z is after the scenario's end"),
        ("outage-backwards", "12:65", "broker.venues[0].down_until must be after down_from"),
        ("unknown-venue", "7:43", "universe[0].venues[1]: no venue named 'drak' in broker.venues"),
    ]

    @Test(arguments: BrokenScenarioTests.cases.map(\.file))
    func aBrokenFileIsLocatedAndRefused(name: String) throws {
        let expected = try #require(BrokenScenarioTests.cases.first { $0.file == name })
        let path = "Tests/Fixtures/broken/\(name).yaml"
        for command in ["validate", "run"] {
            let result = try CommandRunner.metronome(command, path)
            #expect(result.exitCode == 2, "\(command) \(name): exit \(result.exitCode)")
            #expect(result.stderr.contains("\(path):\(expected.location): error: \(expected.message)"), "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty, "nothing runs")
        }
    }

    @Test func everyCommandHelpSaysWhatAndShowsAnExample() throws {
        for command in [["run"], ["replay"], ["validate"], ["scenarios"], ["version"], ["log"], ["log", "inspect"], ["log", "cat"],
                        ["log", "verify"], ["log", "recover"], ["bench"], ["bench", "kernel"], ["bench", "log"], ["bench", "pipeline"],
                        ["bench", "execution"]] {
            let help = try CommandRunner.run(CommandRunner.product("metronome"), command + ["--help"])
            #expect(help.exitCode == 0, "\(command)")
            #expect(help.stdout.contains("OVERVIEW:") && help.stdout.contains("metronome \(command.joined(separator: " "))"), "\(command)")
            #expect(help.stdout.lowercased().contains("example"), "\(command) --help has an example")
        }
    }
}
