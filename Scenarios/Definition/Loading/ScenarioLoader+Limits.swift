import Actors
import Kernel
import Messages
import Yams

/// The checks of ``ScenarioLimits`` that need more than one value: prices against the universe's
/// precisions, an order's notional against the feeds' prices.
extension ScenarioLoader {
    static let priceBoundReason = "prices are 64-bit integers of 10^-price_precision units; a simulated price may grow 1,000×, "
        + "and an order's notional (quantity × price) must stay far below 9.2·10^18"

    /// `initial_price` at each symbol's price precision: positive, at most 10^12 price units, and
    /// one unit worth at most 10^12 minor units of the account (precision 0 and 1 scale prices up).
    /// - Complexity: O(symbols); the text is parsed once per distinct precision.
    static func initialPrices(_ node: Node, universe: [Instrument], path: String, file: String) throws(ScenarioError) -> [Int64] {
        let scalars = ScalarReader(file: file)
        var priceByPrecision: [Int: Int64] = [:]
        var prices: [Int64] = []
        prices.reserveCapacity(universe.count)
        for instrument in universe {
            let price: Int64
            if let known = priceByPrecision[instrument.pricePrecision] {
                price = known
            } else {
                price = try scalars.amount(node, "\(path).initial_price", precision: instrument.pricePrecision,
                                           maximum: ScenarioLimits.maximumPriceUnits, why: priceBoundReason)
                guard price > 0 else { throw StrictMapping.error(file, node, "\(path).initial_price must be positive", hint: "a price above zero, e.g. initial_price: 100.00") }
                priceByPrecision[instrument.pricePrecision] = price
            }
            // One unit's value in the account currency, multiplier and rate included; beyond the
            // valuation domain it has no value at all (nil), and is over the bound either way.
            if instrument.isPlainValue && instrument.pricePrecision >= 2 { prices.append(price); continue }
            // A plain price ≤ 10^12 scaled by ≤ 100 cannot overflow.
            let unitValue = instrument.isPlainValue ? instrument.notionalMinorUnits(quantity: 1, price: price)
                                                    : instrument.checkedNotionalMinorUnits(quantity: 1, price: price)
            let valuation = instrument.isPlainValue ? "" : ", multiplier \(instrument.multiplier)"
                + (instrument.currency.map { ", \($0.code) at \(DecimalText.shortest($0.rate.hundredMillionths, precision: 8))" } ?? "")
            guard let unitValue, unitValue <= ScenarioLimits.maximumUnitNotionalMinorUnits else {
                let worth = unitValue.map { DecimalText.format($0, precision: 2) } ?? "more than 10^13 minor units"
                throw StrictMapping.error(file, node, "\(path).initial_price makes one unit of \(instrument.symbol) (price_precision \(instrument.pricePrecision)\(valuation)) worth \(worth), more than 10000000000.00 (10^12 minor units)",
                                          hint: priceBoundReason)
            }
            prices.append(price)
        }
        return prices
    }

    /// One order of the simple trader at a feed's initial price — `trader.quantity × lot_size ×
    /// initial_price × multiplier × fx_rate` — is worth at most 10^15 minor units: at the feeds' 1,000× price ceiling it
    /// is then 10^18, under Int64.max.
    static func checkOrderNotional(quantity: Int64, universe: [Instrument], feeds: [FeedSettings], node: Node, file: String) throws(ScenarioError) {
        let quantityNode = node.mapping?["quantity"] ?? node
        for (feedIndex, feed) in feeds.enumerated() {
            let prices: [Int64]
            switch feed.kind {
            case .gbm(let parameters): prices = parameters.initialPrices
            case .synthetic(let parameters): prices = parameters.initialPrices
            case .tickCSV, .layoutCSV, .dailyBars, .dailySeries, .registered: continue
            }
            for (instrument, price) in zip(universe, prices) {
                // In floating point: only compared with the bound, and exact enough for that.
                var notional = Double(quantity) * Double(instrument.lotSize) * Double(price) * Double(instrument.multiplier)
                    * (instrument.currency?.rate.value ?? 1)
                for _ in 0..<abs(instrument.pricePrecision - 2) { notional = instrument.pricePrecision < 2 ? notional * 10 : notional / 10 }
                guard notional <= Double(ScenarioLimits.maximumOrderNotionalMinorUnits) else {
                    throw StrictMapping.error(file, quantityNode, "trader.quantity (\(quantity)) × lot_size (\(instrument.lotSize)) of \(instrument.symbol) at feeds[\(feedIndex)].initial_price is an order worth \(DecimalText.grouped(UInt64(min(notional, 1e19).rounded()))) minor units, more than 10^13",
                                              hint: "no position, order or fill may be worth more than the valuation domain, 10^13 minor units (docs/execution.md): lower the quantity, the lot size or the price")
                }
            }
        }
    }

    /// The shortest interval of the `gbm` and `synthetic` feeds: the time between two quotes of a
    /// symbol, which an `ema-cross` agent's horizon is counted in.
    static func shortestQuoteInterval(_ feeds: [FeedSettings]) -> DurationNanoseconds? {
        feeds.compactMap { feed -> DurationNanoseconds? in
            switch feed.kind {
            case .gbm(let parameters): parameters.intervalNanoseconds
            case .synthetic(let parameters): parameters.intervalNanoseconds
            case .tickCSV, .layoutCSV, .dailyBars, .dailySeries, .registered: nil
            }
        }.min()
    }

    /// An `ema-cross` horizon of `horizon_ticks` quotes is at most 366d, like any horizon (the
    /// agent multiplies the time between quotes by it).
    static func checkTickHorizon(ticks: Int64, interval: DurationNanoseconds, node: Node, path: String, file: String) throws(ScenarioError) {
        let (horizon, overflow) = UInt64(ticks).multipliedReportingOverflow(by: interval)
        guard !overflow, horizon <= ScenarioLimits.maximumHorizonNanoseconds else {
            throw StrictMapping.error(file, node, "\(path).horizon_ticks (\(ticks)) × the feed's interval (\(DurationText.format(interval))) is a horizon over 366d",
                                      hint: "forecasts are held until their horizon passes, so at most a year: at most \(ScenarioLimits.maximumHorizonNanoseconds / interval) ticks at this interval")
        }
    }

    /// A forecast horizon: positive, at most 366d (forecasts are held until it passes).
    static func horizon(_ node: Node, _ what: String, file: String) throws(ScenarioError) -> DurationNanoseconds {
        let value = try ScalarReader(file: file).duration(node, what)
        guard value > 0, value <= ScenarioLimits.maximumHorizonNanoseconds else {
            throw StrictMapping.error(file, node, "\(what) must be from 1ns to 366d, found \(DurationText.format(value))",
                                      hint: "how far ahead a forecast looks, e.g. 30m; each forecast is held until its horizon passes, so at most a year")
        }
        return value
    }

    /// A feature agent learns μ from its own scored forecasts, and a forecast is scored one horizon
    /// after it was made: μ is 0 until ten have been. With a horizon longer than half the run, the
    /// agent would be silent for most of it (with one longer than the run, all of it) while the
    /// blender still weighted it — so the scenario is refused, naming the agent and the run.
    static func checkScorableHorizon(_ horizon: DurationNanoseconds, agent: String, runNanoseconds: DurationNanoseconds, node: Node,
                                     path: String, file: String) throws(ScenarioError) {
        guard horizon > runNanoseconds / 2 else { return }
        let longest = DurationText.format(runNanoseconds / 2)
        throw StrictMapping.error(file, node, "\(path): agent '\(agent)' has a horizon of \(DurationText.format(horizon)), more than half the run (\(DurationText.format(runNanoseconds))): its forecasts are scored one horizon late, so its μ would stay 0 for most or all of the run",
                                  hint: "give it a horizon of at most \(longest) (e.g. horizon: 30m), or a longer run")
    }
}
