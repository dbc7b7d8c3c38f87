import Actors
import Foundation
import Kernel
import Messages
import Yams

/// `universe:`: the instruments, their sectors, the venues that list them, and how they are valued
/// (contract multiplier, currency and rate).
extension ScenarioLoader {
    /// One venue name of `universe[].venues`, kept with its node until the broker's venues are known.
    struct Listing {
        var path: String
        var name: String
        var node: Node
    }

    static func readUniverse(_ node: Node, accountCurrency: String, start: Timestamp, end: Timestamp,
                             file: String) throws(ScenarioError) -> ([Instrument], [Listing]) {
        let scalars = ScalarReader(file: file)
        let items = try scalars.list(node, "universe")
        guard !items.isEmpty else {
            throw StrictMapping.error(file, node, "universe must list at least one instrument", hint: "e.g. universe: [{ symbol: ACME, sector: technology }]")
        }
        guard items.count <= ScenarioLimits.maximumSymbols else {
            throw StrictMapping.error(file, node, "universe lists \(items.count) instruments, more than the \(DecimalText.grouped(UInt64(ScenarioLimits.maximumSymbols))) a scenario may have",
                                      hint: "every actor keeps state per symbol and a feed quotes each one every interval: split the universe across scenarios")
        }
        var instruments: [Instrument] = []
        var listings: [Listing] = []
        // A set, not a search of the instruments so far: that was quadratic in the universe.
        var symbols: Set<String> = []
        var builtSessions: [SessionLoader.Specification: TradingSessions] = [:]
        for (index, item) in items.enumerated() {
            let path = "universe[\(index)]"
            var map = try StrictMapping(item, file: file, path: path)
            let symbolNode = try map.require("symbol")
            let symbol = try scalars.text(symbolNode, "\(path).symbol")
            guard !symbol.isEmpty, symbols.insert(symbol).inserted else {
                throw StrictMapping.error(file, symbolNode, "symbol '\(symbol)' is empty or listed twice",
                                          hint: "each instrument has a non-empty symbol of its own: the symbol id is its position")
            }
            let sector = try map.value("sector").map { node throws(ScenarioError) in try scalars.text(node, "\(path).sector") } ?? "unclassified"
            let precision = try map.value("price_precision").map { node throws(ScenarioError) in
                try scalars.integer(node, "\(path).price_precision", range: 0...8)
            } ?? 2
            let lot = try map.value("lot_size").map { node throws(ScenarioError) in
                try scalars.integer(node, "\(path).lot_size", range: 1...ScenarioLimits.maximumCount)
            } ?? 1
            var venues: [String] = []
            if let venuesNode = map.value("venues") {
                let names = try scalars.list(venuesNode, "\(path).venues")
                guard !names.isEmpty else {
                    throw StrictMapping.error(file, venuesNode, "\(path).venues must name at least one venue",
                                              hint: "leave venues out to trade \(symbol) on every venue")
                }
                for (position, nameNode) in names.enumerated() {
                    let name = try scalars.text(nameNode, "\(path).venues[\(position)]")
                    guard !venues.contains(name) else {
                        throw StrictMapping.error(file, nameNode, "\(path).venues lists '\(name)' twice", hint: "name each venue once")
                    }
                    venues.append(name)
                    listings.append(Listing(path: "\(path).venues[\(position)]", name: name, node: nameNode))
                }
            }
            let multiplier = try map.value("multiplier").map { node throws(ScenarioError) in
                try scalars.integer(node, "\(path).multiplier", range: 1...Instrument.maximumMultiplier)
            } ?? 1
            let currency = try InstrumentCurrencyLoader.currency(&map, path: path, accountCurrency: accountCurrency, file: file)
            let sessions = try SessionLoader.sessions(&map, path: path, start: start, end: end, built: &builtSessions, file: file)
            try map.finish(allowed: ["symbol", "sector", "price_precision", "lot_size", "venues", "multiplier", "currency", "fx_rate",
                                     "session", "holidays"])
            instruments.append(Instrument(symbol: symbol, sector: sector, pricePrecision: Int(precision), lotSize: lot, venues: venues,
                                          multiplier: multiplier, currency: currency, sessions: sessions))
        }
        return (instruments, listings)
    }

    /// Every venue named in `universe[].venues` must be one of the broker's.
    static func checkListings(_ listings: [Listing], venues: [String], file: String) throws(ScenarioError) {
        for listing in listings where !venues.contains(listing.name) {
            let known = "known venues: \(venues.joined(separator: ", "))"
                + (venues == ["venue"] ? " (the single venue of broker.order_latency / fee_bps; name venues with broker.venues)" : "")
            let hint = StrictMapping.closest(to: listing.name, in: venues).map { "did you mean '\($0)'? \(known)" } ?? known
            throw StrictMapping.error(file, listing.node, "\(listing.path): no venue named '\(listing.name)' in broker.venues", hint: hint)
        }
    }
}
