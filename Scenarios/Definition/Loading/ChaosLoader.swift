import Actors
import Kernel
import Messages
import Yams

/// Reads the `chaos:` section (docs/chaos.md).
enum ChaosLoader {
    static let keys = ["faults", "swarm", "events", "from", "until", "min_duration", "max_duration", "liveness", "max_pending_events", "planted_bug"]

    static func read(_ node: Node, start: Timestamp, end: Timestamp, file: String) throws(ScenarioError) -> ChaosSettings {
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "chaos")
        var settings = ChaosSettings()
        if let faultsNode = map.value("faults") {
            if let all = faultsNode.string, all == "all" {
                settings.faults = FaultKind.allCases
            } else {
                var faults: [FaultKind] = []
                for item in try scalars.list(faultsNode, "chaos.faults") {
                    let name = try scalars.text(item, "chaos.faults[]")
                    guard let kind = FaultKind.named(name) else {
                        throw StrictMapping.error(file, item, "unknown fault '\(name)'",
                                                  hint: "the catalog (docs/chaos.md): \(FaultKind.allCases.map(\.name).joined(separator: ", "))")
                    }
                    if !faults.contains(kind) { faults.append(kind) }
                }
                guard !faults.isEmpty else { throw StrictMapping.error(file, faultsNode, "chaos.faults must name at least one fault", hint: "or write faults: all") }
                settings.faults = faults
            }
        }
        if let swarm = map.value("swarm") { settings.swarm = try scalars.boolean(swarm, "chaos.swarm") }
        if let events = map.value("events") { settings.events = Int(try scalars.integer(events, "chaos.events", range: 1...1_000)) }
        let length = end - start
        if let from = map.value("from") { settings.windowStartNanoseconds = try scalars.duration(from, "chaos.from") }
        if let until = map.value("until") { settings.windowEndNanoseconds = try scalars.duration(until, "chaos.until") }
        settings.windowEndNanoseconds = min(settings.windowEndNanoseconds, length)
        settings.windowStartNanoseconds = min(settings.windowStartNanoseconds, settings.windowEndNanoseconds)
        if let minimum = map.value("min_duration") { settings.minimumDurationNanoseconds = try scalars.duration(minimum, "chaos.min_duration") }
        if let maximum = map.value("max_duration") {
            settings.maximumDurationNanoseconds = try scalars.duration(maximum, "chaos.max_duration")
            guard settings.maximumDurationNanoseconds >= settings.minimumDurationNanoseconds, settings.maximumDurationNanoseconds > 0 else {
                throw StrictMapping.error(file, maximum, "chaos.max_duration must be positive and at least chaos.min_duration",
                                          hint: "e.g. min_duration: 5s, max_duration: 5m")
            }
        }
        if let liveness = map.value("liveness") { settings.livenessNanoseconds = try scalars.duration(liveness, "chaos.liveness") }
        if let pending = map.value("max_pending_events") {
            settings.maximumPendingEvents = Int(try scalars.integer(pending, "chaos.max_pending_events", range: 1_000...1_000_000_000))
        }
        if let planted = map.value("planted_bug") {
            #if METRONOME_TEST_HOOKS
            let name = try scalars.text(planted, "chaos.planted_bug")
            guard let bug = ChaosSettings.PlantedBug(rawValue: name) else {
                throw StrictMapping.error(file, planted, "chaos.planted_bug: unknown bug '\(name)'",
                                          hint: "the self-test's bugs: \(ChaosSettings.PlantedBug.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.plantedBug = bug
            #else
            throw StrictMapping.error(file, planted, "chaos.planted_bug: planted_bug is a test hook of debug builds, and this is a release build",
                                      hint: "run the chaos self-test with a debug build (`swift build`, then .build/debug/metronome); remove planted_bug to run the scenario here")
            #endif
        }
        try map.finish(allowed: keys)
        return settings
    }
}
