import Actors
import Kernel
import Messages
import Yams

/// The `broker:` section: one venue from `order_latency` / `fee_bps`, or a list of `venues:`
/// with fees, latency models and liquidity (docs/scenarios.md).
enum BrokerLoader {
    static let venueKeys = ["name", "maker_fee_bps", "taker_fee_bps", "fee_per_contract", "order_latency", "ack_latency", "liquidity", "down_from", "down_until"]

    /// The section, and per venue the adapter another package registered for it (all nil, or
    /// empty, for simulated venues).
    static func broker(_ node: Node?, universe: [Instrument], file: String) throws(ScenarioError)
        -> (SimulatedBroker.Parameters, [RegisteredComponent?]) {
        var parameters = SimulatedBroker.Parameters(orderLatencyNanoseconds: 1_000_000, feeBasisPoints: 1)
        var adapters: [RegisteredComponent?] = []
        guard let node else { return (parameters, adapters) }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "broker")
        if let latency = map.value("order_latency") { parameters.orderLatencyNanoseconds = try scalars.duration(latency, "broker.order_latency") }
        if let fee = map.value("fee_bps") {
            let microBasisPoints = try scalars.exactDecimal(fee, "broker.fee_bps", decimals: 6, range: 0...10_000_000_000)
            parameters.venues[0].makerFeeMicroBasisPoints = microBasisPoints
            parameters.venues[0].takerFeeMicroBasisPoints = microBasisPoints
        }
        if let fee = map.value("fee_per_contract") {
            parameters.venues[0].feePerContractMicroUnits = try feePerContract(fee, "broker.fee_per_contract", file: file)
        }
        if let venuesNode = map.value("venues") {
            if let single = map.value("order_latency") ?? map.value("fee_bps") ?? map.value("fee_per_contract") {
                throw StrictMapping.error(file, single, "give either venues: or the single venue's order_latency / fee_bps / fee_per_contract, not both",
                                          hint: "move them into the venue's entry")
            }
            var venues: [VenueProfile] = []
            for (index, item) in try scalars.list(venuesNode, "broker.venues").enumerated() {
                let (venue, adapter) = try readVenue(item, index: index, universe: universe, file: file)
                adapters.append(adapter)
                guard !venues.contains(where: { $0.name == venue.name }) else {
                    throw StrictMapping.error(file, item, "two venues are named '\(venue.name)'", hint: "give each venue a distinct name: orders and universe[].venues refer to it")
                }
                venues.append(venue)
            }
            guard !venues.isEmpty, venues.count <= 255 else {
                throw StrictMapping.error(file, venuesNode, "broker.venues needs 1 to 255 venues", hint: "list at least one venue, e.g. venues: [{ name: lit }]; an order addresses at most 255")
            }
            parameters.venues = venues
        }
        if let value = map.value("stale_after") { parameters.staleAfterNanoseconds = try scalars.duration(value, "broker.stale_after") }
        if let value = map.value("market_time_to_live") {
            parameters.marketTimeToLiveNanoseconds = try scalars.duration(value, "broker.market_time_to_live")
        }
        if let value = map.value("limit_time_to_live") {
            parameters.limitTimeToLiveNanoseconds = try scalars.duration(value, "broker.limit_time_to_live")
        }
        if let value = map.value("duplicate_report_probability") {
            parameters.duplicateReportProbability = try scalars.decimal(value, "broker.duplicate_report_probability", range: 0...1)
        }
        try map.finish(allowed: ["order_latency", "fee_bps", "fee_per_contract", "venues", "stale_after", "market_time_to_live", "limit_time_to_live",
                                 "duplicate_report_probability"])
        return (parameters, adapters.contains { $0 != nil } ? adapters : [])
    }

    private static func readVenue(_ node: Node, index: Int, universe: [Instrument], file: String) throws(ScenarioError)
        -> (VenueProfile, RegisteredComponent?) {
        let path = "broker.venues[\(index)]"
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: path)
        var venue = VenueProfile(name: try scalars.text(try map.require("name"), "\(path).name"))
        if let value = map.value("maker_fee_bps") {
            venue.makerFeeMicroBasisPoints = try scalars.exactDecimal(value, "\(path).maker_fee_bps", decimals: 6, range: -100_000_000...1_000_000_000)
        }
        if let value = map.value("taker_fee_bps") {
            venue.takerFeeMicroBasisPoints = try scalars.exactDecimal(value, "\(path).taker_fee_bps", decimals: 6, range: 0...1_000_000_000)
        }
        if let value = map.value("fee_per_contract") { venue.feePerContractMicroUnits = try feePerContract(value, "\(path).fee_per_contract", file: file) }
        if let value = map.value("order_latency") { venue.orderLatency = try latency(value, "\(path).order_latency", file: file) }
        if let value = map.value("ack_latency") { venue.ackLatency = try latency(value, "\(path).ack_latency", file: file) }
        if let value = map.value("liquidity") { venue.liquidity = try scalars.decimal(value, "\(path).liquidity", range: 0...100) }
        if let value = map.value("down_from") { venue.downFrom = try scalars.timestamp(value, "\(path).down_from") }
        if let value = map.value("down_until") {
            venue.downUntil = try scalars.timestamp(value, "\(path).down_until")
            if let from = venue.downFrom, let until = venue.downUntil, until <= from {
                throw StrictMapping.error(file, value, "\(path).down_until must be after down_from",
                                          hint: "the venue is down from down_from (\(TimeUnits.iso8601(from))) until down_until, which must come later")
            }
        }
        guard let adapterNode = map.value("adapter") else {
            try map.finish(allowed: venueKeys + ["adapter"])
            return (venue, nil)
        }
        let name = try scalars.text(adapterNode, "\(path).adapter")
        let (type, parameters) = try ComponentParameters.registered(&map, name: name, typeNode: adapterNode,
                                                                    among: ComponentRegistry.current.brokerAdapterTypes, kind: "broker adapter",
                                                                    commonKeys: venueKeys + ["adapter"], path: path, mapping: node, file: file)
        _ = try type.make(parameters, venue, UInt8(index), universe)
        return (venue, RegisteredComponent(type: name, parameters: parameters))
    }

    /// A fee per contract in the account currency, exact to a millionth (0.0035 a share, 1.18 a
    /// futures lot), in millionths.
    private static func feePerContract(_ node: Node, _ what: String, file: String) throws(ScenarioError) -> Int64 {
        try ScalarReader(file: file).exactDecimal(node, what, decimals: 6, range: 0...VenueProfile.maximumFeePerContractMicroUnits)
    }

    /// A duration (constant), or one of `{ normal: { mean, deviation } }`, `{ lognormal: { median, sigma } }`,
    /// `{ empirical: [durations] }`.
    static func latency(_ node: Node, _ what: String, file: String) throws(ScenarioError) -> LatencyModel {
        let scalars = ScalarReader(file: file)
        if node.scalar != nil { return .constant(try scalars.duration(node, what)) }
        var map = try StrictMapping(node, file: file, path: what)
        let model: LatencyModel
        if let normal = map.value("normal") {
            var inner = try StrictMapping(normal, file: file, path: "\(what).normal")
            model = .normal(mean: try scalars.duration(try inner.require("mean"), "\(what).normal.mean"),
                            deviation: try scalars.duration(try inner.require("deviation"), "\(what).normal.deviation"))
            try inner.finish(allowed: ["mean", "deviation"])
        } else if let lognormal = map.value("lognormal") {
            var inner = try StrictMapping(lognormal, file: file, path: "\(what).lognormal")
            model = .lognormal(median: try scalars.duration(try inner.require("median"), "\(what).lognormal.median"),
                               sigma: try scalars.decimal(try inner.require("sigma"), "\(what).lognormal.sigma", range: 0...10))
            try inner.finish(allowed: ["median", "sigma"])
        } else if let empirical = map.value("empirical") {
            var values: [DurationNanoseconds] = []
            for (index, item) in try scalars.list(empirical, "\(what).empirical").enumerated() {
                values.append(try scalars.duration(item, "\(what).empirical[\(index)]"))
            }
            guard !values.isEmpty else {
                throw StrictMapping.error(file, empirical, "\(what).empirical needs at least one duration", hint: "e.g. empirical: [1ms, 2ms, 5ms]")
            }
            model = .empirical(values)
        } else {
            throw StrictMapping.error(file, node, "\(what) must be a duration or one of normal:, lognormal:, empirical:",
                                      hint: "for example order_latency: { lognormal: { median: 2ms, sigma: 0.5 } }")
        }
        try map.finish(allowed: ["normal", "lognormal", "empirical"])
        return model
    }
}
