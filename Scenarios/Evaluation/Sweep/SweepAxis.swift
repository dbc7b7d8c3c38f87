/// One `--set KEY=V1,V2,…` of a sweep: a scenario key, written as a dotted path, and the values it
/// takes in turn.
///
/// The path follows the scenario's own nesting (`gate.max_gross`, `blender.learning_rate`). Lists
/// of named items take the item's name as a path segment, as counterfactual overrides match them
/// (``ScenarioOverrides``): `agents.value.weight`, `feeds.market.volatility`,
/// `broker.venues.lit.taker_fee_bps`, `universe.ACME.lot_size`.
public struct SweepAxis: Sendable, Codable, Equatable {
    public var key: String
    public var values: [String]

    /// The list keys whose items are matched by name (by symbol for the universe).
    static let namedLists: [String: String] = ["agents": "name", "feeds": "name", "venues": "name", "universe": "symbol"]

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }

    /// Parses `KEY=V1,V2,…`.
    public static func parse(_ text: String) throws(EvaluationError) -> SweepAxis {
        guard let equals = text.firstIndex(of: "=") else {
            throw EvaluationError("--set expects KEY=V1,V2,… (e.g. gate.max_gross=0.3,0.5), found '\(text)'")
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let segments = key.split(separator: ".", omittingEmptySubsequences: false)
        guard !key.isEmpty, segments.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isPlain) }) else {
            throw EvaluationError("--set \(text): the key must be a dotted path of scenario keys (e.g. gate.max_gross or agents.value.weight)")
        }
        if let last = segments.last, namedLists[String(last)] != nil {
            throw EvaluationError("--set \(text): '\(last)' is a list; name the item and its key (e.g. agents.value.weight)")
        }
        for (index, segment) in segments.enumerated() where namedLists[String(segment)] != nil && index + 2 > segments.count - 1 {
            throw EvaluationError("--set \(text): after '\(segment)' come the item's name and one of its keys (e.g. \(segment).NAME.KEY)")
        }
        guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isPlain) }) else {
            throw EvaluationError("--set \(text): values must be plain numbers, words or durations separated by commas (e.g. 0.3,0.5 or 1m,5m)")
        }
        guard Set(values).count == values.count else {
            throw EvaluationError("--set \(text): a value appears twice")
        }
        return SweepAxis(key: key, values: values)
    }

    private static func isPlain(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "_-+.:".contains(character)
    }
}
