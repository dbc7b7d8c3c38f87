import Actors
import Foundation
import Kernel
import Messages
import Yams

/// A file feed's `trade_quotes:` (docs/data.md, "Trades-only feeds"): `auto`, `on` or `off`, or a
/// mapping `{ mode, tick_size, spread_ticks, roll_window, quote_size }`.
enum TradeQuoteLoader {
    static let keys = ["mode", "tick_size", "spread_ticks", "roll_window", "quote_size"]

    /// - Parameter quoted: the instruments the feed may quote (its `symbol:`, else the universe).
    static func settings(_ map: inout StrictMapping, quoted: [Instrument], path: String,
                         file: String) throws(ScenarioError) -> TradeQuoteSettings {
        guard let node = map.value("trade_quotes") else { return .automatic }
        let what = "\(path).trade_quotes"
        if case .scalar = node { return TradeQuoteSettings(mode: try mode(node, what, file: file)) }
        let scalars = ScalarReader(file: file)
        var inner = try StrictMapping(node, file: file, path: what)
        var settings = TradeQuoteSettings.automatic
        if let modeNode = inner.value("mode") { settings.mode = try mode(modeNode, "\(what).mode", file: file) }
        if let tickNode = inner.value("tick_size") {
            (settings.tickUnits, settings.tickDecimals) = try tick(tickNode, "\(what).tick_size", quoted: quoted, file: file)
        }
        if let spreadNode = inner.value("spread_ticks") {
            settings.fallbackSpreadTicks = try scalars.integer(spreadNode, "\(what).spread_ticks", range: 1...1_000)
        }
        if let windowNode = inner.value("roll_window") {
            settings.rollWindow = Int(try scalars.integer(windowNode, "\(what).roll_window", range: 2...100_000))
        }
        if let sizeNode = inner.value("quote_size") {
            settings.quoteSize = try scalars.integer(sizeNode, "\(what).quote_size", range: 1...MarketBounds.maximumSize)
        }
        try inner.finish(allowed: keys)
        return settings
    }

    private static func mode(_ node: Node, _ what: String, file: String) throws(ScenarioError) -> TradeQuoteSettings.Mode {
        let text = try ScalarReader(file: file).text(node, what)
        guard let mode = TradeQuoteSettings.Mode(rawValue: text) else {
            throw StrictMapping.error(file, node, "\(what): unknown choice '\(text)'",
                                      hint: StrictMapping.choiceHint(text, among: TradeQuoteSettings.Mode.allCases.map(\.rawValue)) + " (or a mapping: mode, tick_size, spread_ticks, roll_window, quote_size)")
        }
        return mode
    }

    /// The tick as (units, decimals) with no trailing zero (`0.50` is 5 × 10⁻¹), refused when an
    /// instrument the feed quotes has fewer decimals.
    private static func tick(_ node: Node, _ what: String, quoted: [Instrument], file: String) throws(ScenarioError) -> (Int64, Int) {
        let finest = quoted.map(\.pricePrecision).max() ?? 0
        var units = try ScalarReader(file: file).fixedPoint(node, what, precision: finest)
        guard units > 0 else { throw StrictMapping.error(file, node, "\(what) must be positive", hint: "e.g. tick_size: 0.25") }
        var decimals = finest
        while decimals > 0 && units % 10 == 0 {
            units /= 10
            decimals -= 1
        }
        if let coarse = quoted.first(where: { $0.pricePrecision < decimals }) {
            throw StrictMapping.error(file, node, "\(what) has \(decimals) decimals, more than \(coarse.symbol)'s price_precision \(coarse.pricePrecision)",
                                      hint: "a tick on the instrument's price grid")
        }
        return (units, decimals)
    }
}
