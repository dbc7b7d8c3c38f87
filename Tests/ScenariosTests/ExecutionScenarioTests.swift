import Foundation
import Kernel
import Messages
import Scenarios
import Testing

/// The whole pipeline on the default scenario, checked from its decision log: the books add up,
/// every fill was at a price the market offered, the gate never let a limit be broken.
@Suite struct ExecutionScenarioTests {
    static func record(until: String) throws -> (RunOutcome, [JournalRecord]) {
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("calm-day")))
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("execution-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let options = ScenarioRun.Options(until: scenario.startTime + (try #require(DurationText.parse(until))), recording: .init(path: log))
        let outcome = try ScenarioRun(scenario: scenario, options: options).run()
        var records: [JournalRecord] = []
        var cursor = try JournalReader(path: log).blocks()
        while let block = try cursor.next() {
            var decoder = block.records
            while let record = decoder.next() { records.append(record) }
        }
        return (outcome, records)
    }

    @Test func booksAddUpAndFillsAreAtQuotedPrices() throws {
        let (outcome, records) = try Self.record(until: "2h")
        let instruments = outcome.scenario.universe
        var positions = Array(repeating: Int64(0), count: instruments.count)
        var cash = outcome.scenario.account.initialCashMinorUnits
        var lastPositionUpdate: [Int: PositionUpdate] = [:]
        var recentQuotes: [Int: [(time: Timestamp, quote: Quote)]] = [:]
        var limits: [UInt64: Int64] = [:]
        var orderQuantity: [UInt64: Int64] = [:]
        var filledQuantity: [UInt64: Int64] = [:]
        var fills = 0
        for record in records {
            switch record {
            case .input(let input):
                if case .quote(let quote) = input.message { recentQuotes[Int(quote.symbol), default: []].append((input.time, quote)) }
            case .decision(let decision):
                switch decision.message {
                case .order(let order):
                    limits[order.orderID] = order.limitPrice
                    orderQuantity[order.orderID] = order.quantity
                case .fill(let fill):
                    fills += 1
                    let symbol = Int(fill.symbol)
                    positions[symbol] += fill.side.sign * fill.quantity
                    cash -= instruments[symbol].notionalMinorUnits(quantity: fill.side.sign * fill.quantity, price: fill.price) + fill.feeMinorUnits
                    filledQuantity[fill.orderID, default: 0] += fill.quantity
                    // Quoted within the last 10 ms (order and ack latencies), or the order's own resting price.
                    let offered = recentQuotes[symbol, default: []].filter { decision.time - $0.time <= 10_000_000 || $0.time == recentQuotes[symbol]!.last!.time }
                    let prices = Set(offered.flatMap { [$0.quote.bidPrice, $0.quote.askPrice] })
                    #expect(prices.contains(fill.price) || fill.price == limits[fill.orderID], "fill at \(fill.price), quoted \(prices.sorted())")
                case .position(let update):
                    lastPositionUpdate[Int(update.symbol)] = update
                    #expect(update.position == positions[Int(update.symbol)], "position = Σ fills, at every step")
                    #expect(update.cashMinorUnits == cash, "cash = initial − Σ (notional + fee), at every step")
                case .gate(let verdict):
                    #expect(abs(verdict.approvedQuantity) <= abs(verdict.requestedQuantity))
                    #expect(verdict.approvedQuantity == 0 || verdict.approvedQuantity.signum() == verdict.requestedQuantity.signum())
                default:
                    break
                }
            case .annotation:
                break
            }
        }
        #expect(fills >= 5, "the default scenario trades: \(fills) fills")
        for (order, filled) in filledQuantity { #expect(filled <= orderQuantity[order] ?? 0, "order \(order) overfilled") }
        #expect(outcome.portfolio.positions == positions)
        let trading = outcome.trading
        #expect(trading.fills == fills)
        #expect(trading.gate.map { $0.approved + $0.projected } ?? 0 > 0)
        #expect(!trading.kill_switch_engaged)
        #expect(trading.max_drawdown >= 0 && trading.max_drawdown < 0.05)
    }
}
