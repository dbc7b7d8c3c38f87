import Actors
import Foundation
import Kernel
import Messages
import Scenarios

/// A feed type of this package's own (`type: semicolon-quotes`): quotes from a file in a format
/// Metronome does not know — `epoch milliseconds;symbol;bid;ask`, one quote per line, `#` comments.
/// A bad line is an error naming the file, the line and what was expected.
struct SemicolonQuotes: FeedEventSource {
    private var quotes: [(time: Timestamp, quote: Quote)] = []
    private var position = 0

    init(path: String, request: FeedRequest, parameters: ComponentParameters) throws(ScenarioError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw parameters.error("cannot read \(path)", hint: "the path is relative to the scenario file")
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            func bad(_ what: String) -> ScenarioError {
                parameters.error("\(path):\(index + 1): \(what), in '\(line)'", hint: "each line is epoch_ms;symbol;bid;ask")
            }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            guard fields.count == 4 else { throw bad("expected 4 fields, found \(fields.count)") }
            guard let milliseconds = UInt64(fields[0]) else { throw bad("expected epoch milliseconds") }
            guard let symbol = request.symbol(named: String(fields[1])) else { throw bad("symbol '\(fields[1])' is not in the universe") }
            let precision = request.universe[Int(symbol)].pricePrecision
            guard let bid = FixedPointText.parse(fields[2], precision: precision), let ask = FixedPointText.parse(fields[3], precision: precision)
            else { throw bad("expected two prices with at most \(precision) decimals") }
            guard bid > 0, ask >= bid else { throw bad("expected 0 < bid ≤ ask") }
            let time = milliseconds * 1_000_000
            guard time >= request.start, time <= request.end else { continue }
            if let last = quotes.last, time < last.time { throw bad("times must not go back") }
            quotes.append((time, Quote(symbol: symbol, bidPrice: bid, askPrice: ask, bidSize: 100, askSize: 100, exchangeTime: time)))
        }
    }

    mutating func next() throws -> (time: Timestamp, event: FeedEvent)? {
        guard position < quotes.count else { return nil }
        defer { position += 1 }
        return (quotes[position].time, .quote(quotes[position].quote))
    }
}
