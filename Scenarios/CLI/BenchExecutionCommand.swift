import ArgumentParser
import Foundation
import Scenarios

struct BenchExecutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execution",
        abstract: "Orders per second through sizer → gate → router → broker → portfolio, and the portfolio's cost per fill.",
        discussion: """
            Four symbols; every round a quote and a forecast per symbol whose μ flips sign, so every forecast \
            becomes an intent, a gate decision, an order, a fill and a position update. Then fills alone \
            through a portfolio (fill-to-accounting). Build in release first (`make build`).

            Example:
              metronome bench execution --rounds 50000 --report-json out/execution.json
            """)

    @Option(help: "Rounds of quotes and forecasts (4 orders each).")
    var rounds = 20_000

    @Option(help: "Fills for the accounting measurement.")
    var fills = 1_000_000

    @Option(name: .customLong("report-json"), help: "Write the JSON result to this path.")
    var reportJSON: String?

    func validate() throws {
        guard rounds > 0, fills > 0 else { throw ValidationError("--rounds and --fills must be positive") }
    }

    func run() throws {
        let result = try ExecutionBenchmark.run(rounds: rounds, fills: fills)
        print("execution side (sizer → gate → router → broker → portfolio, \(result.build) build)")
        print("  orders               \(SummaryTable.grouped(UInt64(result.orders)))")
        print("  fills                \(SummaryTable.grouped(UInt64(result.fills)))")
        print("  gate decisions       \(SummaryTable.grouped(UInt64(result.gate_decisions)))")
        print("  events               \(SummaryTable.grouped(result.events))")
        print(String(format: "  wall time            %.3f s", result.wall_seconds))
        print("  orders/s             \(SummaryTable.grouped(UInt64(result.orders_per_second)))")
        print(String(format: "  accounting ns/fill   %.1f", result.accounting_ns_per_fill))
        if let reportJSON { try ReportFile.write(result, to: reportJSON) }
    }
}
