import Actors
import Kernel
import Messages
import Yams

/// A feed's `guard:` key: the input defense's outlier filter for the feed's quotes, as `off` or
/// a mapping of `window`, `threshold` and `min_move` (each defaulting to the feed's default).
enum GuardLoader {
    static let keys = ["window", "threshold", "min_move"]
    static let example = "guard: { window: 21, threshold: 10, min_move: 0.05 }, or guard: off"

    /// Reads `guard:` if the feed has one; nil when it has none.
    /// - Parameters:
    ///   - fallback: the feed's default filter (what absent keys take).
    ///   - symbols: how many symbols the feed quotes (each keeps a window).
    static func spikeFilter(_ map: inout StrictMapping, fallback: SpikeFilterSettings, symbols: Int, path: String,
                            file: String) throws(ScenarioError) -> SpikeFilterSettings? {
        guard let node = map.value("guard") else { return nil }
        let what = "\(path).guard"
        if case .scalar(let scalar) = node {
            guard scalar.string == "off" else {
                throw StrictMapping.error(file, node, "\(what) must be off or a mapping of \(keys.joined(separator: ", ")), found '\(scalar.string)'",
                                          hint: example)
            }
            return .off
        }
        guard case .mapping = node else {
            throw StrictMapping.error(file, node, "\(what) must be off or a mapping of \(keys.joined(separator: ", ")), found \(StrictMapping.kind(of: node))",
                                      hint: example)
        }
        let scalars = ScalarReader(file: file)
        var guardMap = try StrictMapping(node, file: file, path: what)
        var settings = fallback
        settings.isEnabled = true
        let windowNode = guardMap.value("window")
        if let windowNode {
            settings.window = Int(try scalars.integer(windowNode, "\(what).window (accepted quotes per symbol)",
                                                      range: 3...Int64(ScenarioLimits.maximumGuardWindow)))
            let cells = settings.window * symbols
            guard cells <= ScenarioLimits.maximumGuardWindowCells else {
                throw StrictMapping.error(file, windowNode, "\(what).window (\(settings.window)) × \(symbols) symbols would keep \(DecimalText.grouped(UInt64(cells))) prices, more than \(DecimalText.grouped(UInt64(ScenarioLimits.maximumGuardWindowCells)))",
                                          hint: "the input defense keeps a window of prices per symbol: at most \(ScenarioLimits.maximumGuardWindowCells / max(symbols, 1)) for \(symbols) symbols")
            }
        }
        if let value = guardMap.value("threshold") {
            settings.thresholdMADs = try scalars.decimal(value, "\(what).threshold (robust standard deviations, 1.4826 × MAD)", range: 1...1_000)
        }
        if let value = guardMap.value("min_move") {
            settings.minimumRelativeMove = try scalars.decimal(value, "\(what).min_move (a fraction of the price: 0.05 is 5 %)", range: 0...1)
        }
        try guardMap.finish(allowed: keys)
        return settings
    }

    /// `guard:` on a `daily-series` feed: refused, it has no quotes to filter.
    static func refuse(_ map: inout StrictMapping, path: String, file: String) throws(ScenarioError) {
        guard let node = map.value("guard") else { return }
        throw StrictMapping.error(file, node, "\(path).guard: a daily-series feed publishes alternative data, which has no outlier filter to set",
                                  hint: "the input defense checks alternative data for non-finite and out-of-range values only; remove guard:")
    }

    /// Two feeds that would judge one symbol's quotes with different filters.
    static func checkAgreement(_ feeds: [FeedSettings], universe: [Instrument], node: Node, file: String) throws(ScenarioError) {
        guard let conflict = Scenario.assignSpikeFilters(feeds, symbolCount: universe.count).conflict else { return }
        let first = feeds[conflict.firstFeed]
        let second = feeds[conflict.secondFeed]
        throw StrictMapping.error(file, node, "feeds '\(first.name)' and '\(second.name)' both quote \(universe[conflict.symbol].symbol) with different guard: settings (\(first.effectiveSpikeFilter) against \(second.effectiveSpikeFilter))",
                                  hint: "the input defense judges a symbol one way: give both feeds the same guard: keys")
    }
}
