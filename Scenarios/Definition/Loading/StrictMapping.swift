import Yams

/// Reads one YAML mapping strictly: every key must be read by the schema, so ``finish()`` turns
/// any key left over into an error at that key's line and column, with a "did you mean" hint.
struct StrictMapping {
    let file: String
    let node: Node
    /// Where this mapping sits in the document, e.g. `feeds[0]`, for messages.
    let path: String
    private var pairs: [(key: String, keyNode: Node, value: Node)] = []
    private var consumed: Set<String> = []

    init(_ node: Node, file: String, path: String) throws(ScenarioError) {
        self.file = file
        self.node = node
        self.path = path
        guard case .mapping(let mapping) = node else {
            throw StrictMapping.error(file, node, "\(path.isEmpty ? "the document" : path) must be a mapping (key: value pairs), found \(StrictMapping.kind(of: node))",
                                      hint: "write 'key: value' lines indented under it, or { key: value, … } on one line")
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw StrictMapping.error(file, keyNode, "keys of \(path.isEmpty ? "the document" : path) must be plain strings",
                                          hint: "a key is one word before the colon, e.g. interval: 1s")
            }
            if pairs.contains(where: { $0.key == key }) {
                throw StrictMapping.error(file, keyNode, "duplicate key '\(key)'", hint: "each key may appear once")
            }
            pairs.append((key, keyNode, value))
        }
    }

    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// The value node of `key`, marking it read.
    mutating func value(_ key: String) -> Node? {
        guard let pair = pairs.first(where: { $0.key == key }) else { return nil }
        consumed.insert(key)
        return pair.value
    }

    mutating func require(_ key: String) throws(ScenarioError) -> Node {
        guard let node = value(key) else {
            // A misspelled required key is reported as missing: point at the typo.
            if let typo = pairs.first(where: { !consumed.contains($0.key) && StrictMapping.closest(to: $0.key, in: [key]) != nil }) {
                throw StrictMapping.error(file, typo.keyNode, "\(describe()) is missing the required key '\(key)'",
                                          hint: "did you mean '\(key)' instead of '\(typo.key)'? e.g. \(StrictMapping.example(of: key, in: path))")
            }
            throw StrictMapping.error(file, node, "\(describe()) is missing the required key '\(key)'",
                                      hint: "add it, e.g. \(StrictMapping.example(of: key, in: path))")
        }
        return node
    }

    /// An example line for a required key, for the hint of its absence.
    static func example(of key: String, in path: String) -> String {
        switch (key, path.prefix { $0 != "[" && $0 != "." }) {
        case ("version", _): "version: 1"
        case ("name", "broker"): "name: lit"
        case ("name", _): "name: calm-day"
        case ("start", _): "start: 2024-03-01T14:30:00Z"
        case ("universe", _): "universe: [{ symbol: ACME, sector: technology }]"
        case ("feeds", _): "feeds: [{ type: gbm, interval: 250ms, initial_price: 100.00 }]"
        case ("symbol", _): "symbol: ACME"
        case ("type", "agents"): "type: technical (see docs/agents.md)"
        case ("type", _): "type: gbm (or synthetic, csv, daily-bars, daily-series)"
        case ("interval", _): "interval: 250ms"
        case ("initial_price", _): "initial_price: 100.00"
        case ("path", "record"): "path: runs/day.mlog"
        case ("path", _): "path: ../Data/sp500.csv (relative to the scenario file)"
        case ("kind", "feeds") where path.contains("events"): "kind: crash (or volatility, sentiment)"
        case ("kind", _): "kind: volatility_index"
        case ("column", _): "column: Close"
        case ("mean", _): "mean: 2ms"
        case ("deviation", _): "deviation: 500us"
        case ("median", _): "median: 2ms"
        case ("sigma", _): "sigma: 0.5"
        case ("multiplier", _): "multiplier: 2"
        case ("drop", _): "drop: 0.08 (a fall of 8 %)"
        case ("shift", _): "shift: 3 (deviations of the latent alpha)"
        default: "\(key): … (see docs/scenarios.md)"
        }
    }

    /// The hint for a value outside a closed set: the closest allowed value, then all of them.
    static func choiceHint(_ value: String, among allowed: [String], label: String = "available") -> String {
        let all = "\(label): \(allowed.joined(separator: ", "))"
        return closest(to: value, in: allowed).map { "did you mean '\($0)'? \(all)" } ?? all
    }

    /// Fails on the first key nobody read.
    func finish(allowed: [String]) throws(ScenarioError) {
        for pair in pairs where !consumed.contains(pair.key) {
            let suggestion = StrictMapping.closest(to: pair.key, in: allowed)
            let hint = suggestion.map { "did you mean '\($0)'? Allowed keys: \(allowed.joined(separator: ", "))" }
                ?? "allowed keys: \(allowed.joined(separator: ", "))"
            throw StrictMapping.error(file, pair.keyNode, "unknown key '\(pair.key)' in \(describe())", hint: hint)
        }
    }

    private func describe() -> String { path.isEmpty ? "the scenario" : "'\(path)'" }

    /// Every scenario error carries a hint: what is expected, the valid range or values, an example.
    static func error(_ file: String, _ node: Node, _ message: String, hint: String) -> ScenarioError {
        ScenarioError(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message, hint: hint)
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the scalar '\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The allowed key with the smallest edit distance, if it is close enough to be a typo.
    static func closest(to key: String, in allowed: [String]) -> String? {
        var best: (String, Int)? = nil
        for candidate in allowed {
            let distance = editDistance(Array(key), Array(candidate))
            if distance <= max(2, key.count / 3), best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
