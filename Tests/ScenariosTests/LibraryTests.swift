import Kernel
import Messages
import Scenarios
import Testing

/// Every scenario of the library validates, runs (its first 15 minutes), and reports consistently.
@Suite struct LibraryTests {
    static let names = ["calm-day", "correlated-sectors", "es-2013-09", "flash-crash", "mean-reverting-day", "news-shock", "one-strategy",
                        "planted-alpha", "policy-sp500", "regime-shift", "sp500-2008", "stress-100", "trending-day", "venue-outage"]

    @Test func theLibraryHoldsTheDocumentedScenarios() {
        let found = ScenarioLocator.library().map { path in String(path.split(separator: "/").last!.dropLast(5)) }
        #expect(found.sorted() == LibraryTests.names, "library: \(found.sorted())")
    }

    /// The 2008 scenario replays the real data: known prices, the volatility proxy of the crash,
    /// Moody's spread.
    @Test func sp500In2008IsTheRealData() throws {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("sp500-2008")))
        var quotes: [Quote] = []
        var volatility: [(Timestamp, Double)] = []
        var spreads: [Double] = []
        let recorded = try ScenarioRunTestsSupport.inputs(of: scenario)
        for record in recorded {
            switch record.message {
            case .quote(let quote): quotes.append(quote)
            case .alt(let datum) where datum.kind == .volatilityIndex: volatility.append((record.time, datum.value))
            case .alt(let datum) where datum.kind == .creditSpread: spreads.append(datum.value)
            default: break
            }
        }
        // 2 September 2008: the S&P 500 opened at 1287.83 (quoted 1287.82 / 1287.83).
        let first = try #require(quotes.first { $0.symbol == 0 })
        #expect(first.askPrice == 128_783 && first.bidPrice == 128_782)
        // 27 October 2008: it closed at 848.92.
        let october27Close: Timestamp = 1_225_065_600_000_000_000 + 21 * 3_600_000_000_000
        #expect(recorded.contains { $0.time == october27Close && $0.message == .quote(Quote(symbol: 0, bidPrice: 84_891, askPrice: 84_892, bidSize: 1_000, askSize: 1_000, exchangeTime: october27Close)) })
        // Realized volatility above 50 % in the crash (and below 30 % in early September).
        #expect(volatility.contains { $0.0 >= october27Close - 5 * 86_400_000_000_000 && $0.1 > 50 })
        #expect((volatility.first?.1 ?? 100) < 30)
        // Moody's BAA − AAA: 1.66 (September, admitted at the start), 2.60, 3.09, 3.38.
        #expect(spreads.count == 4 && zip(spreads, [1.66, 2.60, 3.09, 3.38]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test(arguments: LibraryTests.names)
    func everyScenarioRuns(name: String) throws {
        let path = try #require(ScenarioLocator.resolve(name))
        let scenario = try ScenarioLoader.load(path: path)
        #expect(scenario.name == name, "the file's name: matches its file name")
        #expect(!scenario.description.isEmpty)
        // The first 15 minutes (the daily-data scenarios are short enough to run whole).
        let until = ["sp500-2008", "policy-sp500"].contains(name) ? nil : scenario.startTime + 900_000_000_000
        let run = try ScenarioRun(scenario: scenario, options: .init(until: until))
        let outcome = try run.run()
        #expect(outcome.summary.inputs > 500, "\(name): \(outcome.summary.inputs) inputs")
        #expect([.endTime, .exhausted].contains(outcome.summary.stopReason), "stopped by the --until time or out of inputs")
        let report = RunReport(outcome)
        #expect(report.digest.count == 16 && report.decision_digest.count == 16)
        // The equity identity, from the portfolio's own parts: cash + Σ market values.
        let (cash, values, equity, initial) = run.portfolio.assumeIsolated { book in
            (book.cashMinorUnits, book.marketValuesMinorUnits, book.equityMinorUnits, book.initialCashMinorUnits)
        }
        #expect(cash + values.reduce(0, +) == equity, "\(name): equity = cash + positions at their marks")
        #expect(report.pnl == DecimalText.format(equity - initial, precision: 2) && report.final_equity == DecimalText.format(equity, precision: 2))
        // The PnL attribution re-derives the PnL from the fills and marks alone, and finds the
        // forecast (or followed signal) behind every fill; the report's parts add up to the PnL.
        #expect(outcome.attribution.totalMinorUnits == equity - initial, "\(name): attribution total")
        // Every fill has a decision behind it; what stays unattributed was made while every agent
        // in that decision was silent (μ 0: no agent's view to credit). A policy stage's fills are
        // the policy's: no agent is credited with them.
        let policyPnL = scenario.execution?.policy == nil ? 0 : Double(equity - initial)
        #expect(outcome.attribution.unattributedMinorUnits == outcome.attribution.silentMinorUnits + policyPnL, "\(name): every fill has a decision behind it")
        let agentsPnL = report.agents.map { agent in DecimalText.fixedPoint(agent.pnl ?? "", precision: 2) ?? .max }
        #expect(!agentsPnL.contains(.max), "\(name): every agent has a pnl")
        let unattributed = try #require(DecimalText.fixedPoint(report.pnl_attribution.unattributed, precision: 2))
        #expect(agentsPnL.reduce(0, +) + unattributed == equity - initial, "\(name): Σ agents[].pnl + unattributed = pnl")
        #expect(DecimalText.fixedPoint(report.pnl_attribution.attributed, precision: 2) == agentsPnL.reduce(0, +))
        #expect(abs(Double(unattributed) - outcome.attribution.silentMinorUnits - policyPnL) <= Double(report.agents.count) + 1,
                "\(name): the remainder is the silent decisions' PnL and the agents' rounding to the cent")
    }
}
