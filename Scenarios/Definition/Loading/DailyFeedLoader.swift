import Actors
import Foundation
import Kernel
import Messages
import Yams

/// `type: daily-bars` and `type: daily-series` feeds (history files; paths relative to the scenario).
enum DailyFeedLoader {
    /// The feed and its `guard:` filter (nil: the default for daily data).
    static func feed(type: String, map: inout StrictMapping, universe: [Instrument], requireDataFiles: Bool, path: String,
                     file: String) throws(ScenarioError) -> (FeedSettings.Kind, SpikeFilterSettings?) {
        let scalars = ScalarReader(file: file)
        let resolved = try FeedLoader.dataPath(&map, requireDataFiles: requireDataFiles, path: path, file: file)
        if type == "daily-bars" {
            let symbolNode = try map.require("symbol")
            let symbol = try scalars.text(symbolNode, "\(path).symbol")
            guard let index = universe.firstIndex(where: { $0.symbol == symbol }) else {
                throw StrictMapping.error(file, symbolNode, "\(path).symbol: '\(symbol)' is not in the universe",
                                          hint: "universe: \(universe.map(\.symbol).joined(separator: ", "))")
            }
            let window = try map.value("volatility_index").map { node throws(ScenarioError) in
                Int(try scalars.integer(node, "\(path).volatility_index (days of realized volatility)", range: 2...1_000))
            }
            let filter = try GuardLoader.spikeFilter(&map, fallback: .defaults(forResolution: TimeUnits.nanosecondsPerDay), symbols: 1,
                                                     path: path, file: file)
            try map.finish(allowed: ["name", "type", "path", "symbol", "volatility_index", "guard"])
            return (.dailyBars(path: resolved, symbol: SymbolID(index), volatilityWindow: window), filter)
        }
        let kindNode = try map.require("kind")
        let kindName = try scalars.text(kindNode, "\(path).kind")
        guard let kind = AltDatum.Kind.allCases.first(where: { $0.description == kindName }) else {
            throw StrictMapping.error(file, kindNode, "\(path).kind: unknown kind '\(kindName)'",
                                      hint: "available: \(AltDatum.Kind.allCases.map(\.description).joined(separator: ", "))")
        }
        let column = try scalars.text(try map.require("column"), "\(path).column")
        let minus = try map.value("minus").map { node throws(ScenarioError) in try scalars.text(node, "\(path).minus") }
        try GuardLoader.refuse(&map, path: path, file: file)
        try map.finish(allowed: ["name", "type", "path", "kind", "column", "minus"])
        return (.dailySeries(path: resolved, kind: kind, column: column, minus: minus), nil)
    }
}
