import Actors
import Kernel
import Messages
import Yams

/// `feeds[].events` of a synthetic feed: scripted volatility changes, crashes and news shocks.
enum MarketEventLoader {
    static func events(_ node: Node, start: Timestamp, sectorNames: [String], path: String, file: String) throws(ScenarioError) -> [MarketEvent] {
        let scalars = ScalarReader(file: file)
        let atHint = "at: a UTC time (at: 2024-03-01T16:30:00Z) or a duration after the start (at: 2h)"
        var events: [MarketEvent] = []
        for (index, item) in try scalars.list(node, "\(path).events").enumerated() {
            let itemPath = "\(path).events[\(index)]"
            var map = try StrictMapping(item, file: file, path: itemPath)
            let kindNode = try map.require("kind")
            let kind = try scalars.text(kindNode, "\(itemPath).kind")
            func time(_ key: String) throws(ScenarioError) -> Timestamp? {
                guard let value = map.value(key) else { return nil }
                if let text = value.scalar?.string {
                    switch TimestampText.parseChecked(text) {
                    case .success(let absolute): return absolute
                    // Shaped like a time but impossible (a February 30): say so, not "not a duration".
                    case .failure(.outOfRange): return try scalars.timestamp(value, "\(itemPath).\(key)")
                    case .failure(.malformed): break
                    }
                }
                return start + (try scalars.duration(value, "\(itemPath).\(key) (a UTC time, or a duration after the start)"))
            }
            func sector() throws(ScenarioError) -> Int? {
                guard let value = map.value("sector") else { return nil }
                let name = try scalars.text(value, "\(itemPath).sector")
                guard let found = sectorNames.firstIndex(of: name) else {
                    throw StrictMapping.error(file, value, "\(itemPath).sector: no symbol of the universe is in sector '\(name)'",
                                              hint: "sectors: \(sectorNames.joined(separator: ", "))")
                }
                return found
            }
            func number(_ key: String, _ range: ClosedRange<Double>) throws(ScenarioError) -> Double {
                try scalars.decimal(try map.require(key), "\(itemPath).\(key)", range: range)
            }
            switch kind {
            case "volatility":
                guard let from = try time("at") else { throw StrictMapping.error(file, item, "\(itemPath) needs at:", hint: atHint) }
                let until = try time("until")
                if let until, until <= from {
                    throw StrictMapping.error(file, item, "\(itemPath).until must be after at", hint: "until ends the change started at at: give a later time, or leave it out for good")
                }
                events.append(.volatility(from: from, until: until, multiplier: try number("multiplier", 0.01...100)))
                try map.finish(allowed: ["kind", "at", "until", "multiplier"])
            case "crash":
                guard let at = try time("at") else { throw StrictMapping.error(file, item, "\(itemPath) needs at:", hint: atHint) }
                let fall = try map.value("fall").map { node throws(ScenarioError) in try scalars.duration(node, "\(itemPath).fall") } ?? 300_000_000_000
                let recover = try map.value("recover").map { node throws(ScenarioError) in try scalars.duration(node, "\(itemPath).recover") }
                    ?? 1_800_000_000_000
                let recovery = try map.value("recovery").map { node throws(ScenarioError) in
                    try scalars.decimal(node, "\(itemPath).recovery", range: 0...1)
                } ?? 1
                events.append(.crash(at: at, sector: try sector(), drop: try number("drop", 0.0001...0.99), fallNanoseconds: fall,
                                     recovery: recovery, recoverNanoseconds: recover))
                try map.finish(allowed: ["kind", "at", "sector", "drop", "fall", "recovery", "recover"])
            case "sentiment":
                guard let at = try time("at") else { throw StrictMapping.error(file, item, "\(itemPath) needs at:", hint: atHint) }
                events.append(.sentiment(at: at, sector: try sector(), shift: try number("shift", -100...100)))
                try map.finish(allowed: ["kind", "at", "sector", "shift"])
            default:
                throw StrictMapping.error(file, kindNode, "unknown event kind '\(kind)'", hint: StrictMapping.choiceHint(kind, among: ["volatility", "crash", "sentiment"]))
            }
        }
        return events
    }
}
