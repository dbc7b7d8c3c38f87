import Foundation
import Yams

/// Counterfactual overrides: a partial scenario merged into a recorded one.
///
/// Mappings merge key by key (the override wins; nested mappings merge too). Lists of named
/// items — `agents`, `feeds`, `broker.venues`, `universe` — merge item by item, matched by `name`
/// (`symbol` for the universe; an agent without a name goes by its `type`); an override item
/// that matches none is added. Any other list, and every scalar, is replaced whole. The result is
/// checked as strictly as a scenario file.
///
/// ```yaml
/// gate: { max_gross: 0.3 }
/// agents:
///   - { name: value, weight: 0.05 }
///   - { name: sentiment, enabled: false }
/// ```
public enum ScenarioOverrides {
    /// The merged scenario and its YAML text (what a counterfactual's log embeds).
    public static func apply(overrides text: String, file: String, to baseText: String, baseFile: String) throws(ScenarioError) -> (scenario: Scenario, text: String) {
        let base: Node
        let overrides: Node?
        do {
            guard let composed = try Yams.compose(yaml: baseText) else {
                throw ScenarioError(file: baseFile, line: 0, column: 0, message: "the embedded scenario is empty",
                                    hint: "the log's header holds no scenario text: check it with metronome log inspect")
            }
            base = composed
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioLoader.yamlError(error, file: baseFile)
        } catch {
            throw ScenarioError(file: baseFile, line: 0, column: 0, message: "not valid YAML: \(error)", hint: ScenarioLoader.yamlHint)
        }
        do {
            overrides = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ScenarioLoader.yamlError(error, file: file)
        } catch {
            throw ScenarioError(file: file, line: 0, column: 0, message: "not valid YAML: \(error)", hint: ScenarioLoader.yamlHint)
        }
        // An empty file (or only comments) changes nothing.
        guard let overrides, overrides != Node("") else {
            return (try ScenarioLoader.parse(baseText, file: baseFile), baseText)
        }
        guard overrides.mapping != nil else {
            throw StrictMapping.error(file, overrides, "overrides must be a mapping of scenario keys", hint: "e.g. gate: { max_gross: 0.3 }")
        }
        let merged = merge(withoutReplacedPeriod(base, overrides), overrides, key: nil)
        // Checked on the merged tree first, so an error points into the overrides file.
        _ = try ScenarioLoader.parse(root: merged, text: "", file: file)
        let mergedText: String
        do {
            mergedText = try Yams.serialize(node: merged)
        } catch {
            throw ScenarioError(file: file, line: 0, column: 0, message: "cannot write the merged scenario: \(error)",
                                hint: "the overrides merge into a tree YAML cannot write back: simplify them (plain keys and values)")
        }
        // Named in the base file's folder: the merged scenario's data paths are relative to it.
        let baseFolder = URL(fileURLWithPath: baseFile).deletingLastPathComponent()
        let mergedName = "\(URL(fileURLWithPath: file).lastPathComponent) merged into \(URL(fileURLWithPath: baseFile).lastPathComponent)"
        return (try ScenarioLoader.parse(mergedText, file: baseFolder.appendingPathComponent(mergedName).path), mergedText)
    }

    /// A scenario's end is given by `duration:` or by `end:`, never both: an override that gives
    /// one replaces the base's other, instead of making a scenario with both.
    private static func withoutReplacedPeriod(_ base: Node, _ overrides: Node) -> Node {
        guard case .mapping(let baseMapping) = base, let overrideMapping = overrides.mapping else { return base }
        let given = Set(overrideMapping.keys.compactMap(\.string)).intersection(["duration", "end"])
        guard given.count == 1 else { return base }
        let replaced = given.contains("duration") ? "end" : "duration"
        let pairs = baseMapping.filter { $0.key.string != replaced }.map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, baseMapping.tag, baseMapping.style, baseMapping.mark))
    }

    private static func merge(_ base: Node, _ override: Node, key: String?) -> Node {
        switch (base, override) {
        case (.mapping(let baseMapping), .mapping(let overrideMapping)):
            var pairs: [(Node, Node)] = baseMapping.map { ($0.key, $0.value) }
            for (overrideKey, overrideValue) in overrideMapping {
                if let index = pairs.firstIndex(where: { $0.0 == overrideKey }) {
                    pairs[index].1 = merge(pairs[index].1, overrideValue, key: overrideKey.string)
                } else {
                    pairs.append((overrideKey, overrideValue))
                }
            }
            return .mapping(Node.Mapping(pairs, baseMapping.tag, baseMapping.style, baseMapping.mark))
        case (.sequence(let baseSequence), .sequence(let overrideSequence)):
            let identity = key == "universe" ? "symbol" : "name"
            let named = overrideSequence.allSatisfy { $0.mapping?[identity] != nil }
            guard named, ["agents", "feeds", "venues", "universe"].contains(key ?? "") else { return override }
            var items = Array(baseSequence)
            for item in overrideSequence {
                let wanted = item.mapping?[identity]
                if let index = items.firstIndex(where: { ($0.mapping?[identity] ?? $0.mapping?["type"]) == wanted }) {
                    items[index] = merge(items[index], item, key: nil)
                } else {
                    items.append(item)
                }
            }
            return .sequence(Node.Sequence(items, baseSequence.tag, baseSequence.style, baseSequence.mark))
        default:
            return override
        }
    }
}
