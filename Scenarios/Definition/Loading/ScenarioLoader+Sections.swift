import Actors
import Foundation
import Kernel
import Messages
import Yams

/// The single-mapping sections of a scenario: record, account, trader, blender and selector.
extension ScenarioLoader {
    static func readRecord(_ node: Node, file: String) throws(ScenarioError) -> RecordSettings {
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "record")
        let path = try scalars.text(try map.require("path"), "record.path")
        var codec = BlockCodec.zstd
        if let value = map.value("codec") {
            let name = try scalars.text(value, "record.codec")
            guard let parsed = BlockCodec(name: name) else {
                throw StrictMapping.error(file, value, "record.codec must be zstd, lz4 or none, found '\(name)'",
                                          hint: StrictMapping.choiceHint(name, among: ["zstd", "lz4", "none"]))
            }
            codec = parsed
        }
        var level: Int32?
        if let value = map.value("level") {
            let range: ClosedRange<Int64> = codec == .lz4 ? 0...12 : 1...19
            guard codec != .none else {
                throw StrictMapping.error(file, value, "record.level has no meaning with codec none",
                                          hint: "remove level, or use codec zstd (levels 1…19) or lz4 (0…12)")
            }
            level = Int32(try scalars.integer(value, "record.level", range: range))
        }
        let blockBytes = try map.value("block_size").map { node throws(ScenarioError) in
            Int(try scalars.integer(node, "record.block_size", range: 4_096...Int64(JournalFormat.maximumBlockBytes)))
        } ?? JournalFormat.defaultBlockBytes
        let fsync = try map.value("fsync_interval").map { node throws(ScenarioError) in try scalars.duration(node, "record.fsync_interval") }
            ?? 1_000_000_000
        try map.finish(allowed: ["path", "codec", "level", "block_size", "fsync_interval"])
        return RecordSettings(path: path, codec: codec, level: level, blockBytes: blockBytes, fsyncIntervalNanoseconds: fsync)
    }

    static func readAccount(_ node: Node, file: String) throws(ScenarioError) -> AccountSettings {
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "account")
        let currency = try map.value("currency").map { node throws(ScenarioError) in try scalars.text(node, "account.currency") } ?? "EUR"
        let cash = try map.value("initial_cash").map { node throws(ScenarioError) in
            try scalars.amount(node, "account.initial_cash", precision: 2, maximum: ScenarioLimits.maximumCashMinorUnits,
                               why: "cash and profit and loss are 64-bit integers of minor units (at most 9.2·10^18): 10^15 leaves room for every fill")
        } ?? 50_000
        guard cash > 0 else { throw StrictMapping.error(file, node, "account.initial_cash must be positive", hint: "e.g. initial_cash: 500.00") }
        try map.finish(allowed: ["currency", "initial_cash"])
        return AccountSettings(currency: currency, initialCashMinorUnits: cash)
    }

    static func readTrader(_ node: Node?, agentNames: [String], file: String) throws(ScenarioError) -> SignalTrader.Parameters {
        var parameters = SignalTrader.Parameters(quantity: 1, minimumConfidence: 0.2)
        // Until the blender lands, the trader follows one agent: the first, unless told otherwise.
        parameters.followAgentID = agentNames.isEmpty ? nil : 1
        guard let node else { return parameters }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "trader")
        if let quantity = map.value("quantity") { parameters.quantity = try scalars.integer(quantity, "trader.quantity", range: 1...1_000_000_000) }
        if let confidence = map.value("min_confidence") {
            parameters.minimumConfidence = try scalars.decimal(confidence, "trader.min_confidence", range: 0...1)
        }
        if let follow = map.value("follow") {
            let name = try scalars.text(follow, "trader.follow")
            guard let position = agentNames.firstIndex(of: name) else {
                throw StrictMapping.error(file, follow, "trader.follow names no agent: '\(name)'",
                                          hint: StrictMapping.choiceHint(name, among: agentNames, label: "agents"))
            }
            parameters.followAgentID = UInt16(position + 1)
        }
        try map.finish(allowed: ["quantity", "min_confidence", "follow"])
        return parameters
    }

    static func readBlender(_ node: Node?, symbols: Int, runNanoseconds: DurationNanoseconds, file: String) throws(ScenarioError) -> BlenderSettings? {
        guard let node else { return nil }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "blender")
        var settings = BlenderSettings(horizonNanoseconds: 1_800_000_000_000, evaluationIntervalNanoseconds: 60_000_000_000,
                                       learningRate: 0.05, stressRatio: 1.5, weightFloor: Blender.defaultWeightFloor)
        if let value = map.value("horizon") { settings.horizonNanoseconds = try horizon(value, "blender.horizon", file: file) }
        let intervalNode = map.value("evaluation_interval")
        if let intervalNode {
            settings.evaluationIntervalNanoseconds = try ScenarioLimits.period(intervalNode, "blender.evaluation_interval", file: file)
        }
        if let value = map.value("learning_rate") { settings.learningRate = try scalars.decimal(value, "blender.learning_rate", range: 0...10) }
        if let value = map.value("stress_ratio") { settings.stressRatio = try scalars.decimal(value, "blender.stress_ratio", range: 1...100) }
        // Up to twelve agents each keep the floor: 12 × 0.08 < 1 leaves weight to learn with.
        if let value = map.value("weight_floor") { settings.weightFloor = try scalars.decimal(value, "blender.weight_floor", range: 0.0001...0.08) }
        try map.finish(allowed: ["horizon", "evaluation_interval", "learning_rate", "stress_ratio", "weight_floor"])
        try ScenarioLimits.checkWork("blender.evaluation_interval", period: settings.evaluationIntervalNanoseconds, symbols: symbols,
                                     runNanoseconds: runNanoseconds, node: intervalNode ?? node, unit: "forecast evaluations", file: file)
        return settings
    }

    static func readSelector(_ node: Node?, symbols: Int, runNanoseconds: DurationNanoseconds, file: String) throws(ScenarioError) -> Selector.Parameters? {
        guard let node else { return nil }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "selector")
        var parameters = Selector.Parameters()
        if let value = map.value("count") { parameters.count = Int(try scalars.integer(value, "selector.count", range: 1...255)) }
        if let value = map.value("lambda") { parameters.penaltyWeight = try scalars.decimal(value, "selector.lambda", range: 0...100) }
        let windowNode = map.value("correlation_window")
        if let windowNode {
            parameters.correlationWindow = Int(try scalars.integer(windowNode, "selector.correlation_window", range: 3...100_000))
        }
        let intervalNode = map.value("interval")
        if let intervalNode { parameters.intervalNanoseconds = try ScenarioLimits.period(intervalNode, "selector.interval", file: file) }
        if let value = map.value("exploration") { parameters.exploration = try scalars.decimal(value, "selector.exploration", range: 0...1) }
        if let value = map.value("max_forecast_age") {
            parameters.maximumForecastAgeNanoseconds = try scalars.duration(value, "selector.max_forecast_age")
        }
        try map.finish(allowed: ["count", "lambda", "correlation_window", "interval", "exploration", "max_forecast_age"])
        let cells = parameters.correlationWindow * symbols
        guard cells <= ScenarioLimits.maximumCorrelationCells else {
            throw StrictMapping.error(file, windowNode ?? node, "selector.correlation_window (\(parameters.correlationWindow)) × \(symbols) symbols would keep \(DecimalText.grouped(UInt64(cells))) returns, more than \(DecimalText.grouped(UInt64(ScenarioLimits.maximumCorrelationCells)))",
                                      hint: "the selector holds a window of returns per symbol: at most \(ScenarioLimits.maximumCorrelationCells / symbols) observations for \(symbols) symbols")
        }
        try ScenarioLimits.checkWork("selector.interval", period: parameters.intervalNanoseconds, symbols: symbols,
                                     runNanoseconds: runNanoseconds, node: intervalNode ?? node, unit: "slate evaluations", file: file)
        return parameters
    }
}
