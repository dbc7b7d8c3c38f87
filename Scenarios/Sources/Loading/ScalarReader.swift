import Foundation
import Kernel
import Yams

/// Typed reads of YAML scalars with located errors: integers, decimals, booleans, strings,
/// durations (`250ms`, `6h30m`) and UTC timestamps (`2024-03-01T14:30:00Z`).
struct ScalarReader {
    let file: String

    func text(_ node: Node, _ what: String) throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node else {
            throw StrictMapping.error(file, node, "\(what) must be a string, found \(StrictMapping.kind(of: node))")
        }
        return scalar.string
    }

    func integer(_ node: Node, _ what: String, range: ClosedRange<Int64>) throws(ScenarioError) -> Int64 {
        let raw = try text(node, what)
        guard let value = Int64(raw.replacingOccurrences(of: "_", with: "")) else {
            throw StrictMapping.error(file, node, "\(what) must be an integer, found '\(raw)'")
        }
        guard range.contains(value) else {
            throw StrictMapping.error(file, node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    func unsigned(_ node: Node, _ what: String) throws(ScenarioError) -> UInt64 {
        let raw = try text(node, what)
        guard let value = UInt64(raw.replacingOccurrences(of: "_", with: "")) else {
            throw StrictMapping.error(file, node, "\(what) must be a non-negative integer, found '\(raw)'")
        }
        return value
    }

    func decimal(_ node: Node, _ what: String, range: ClosedRange<Double>) throws(ScenarioError) -> Double {
        let raw = try text(node, what)
        guard let value = Double(raw.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            throw StrictMapping.error(file, node, "\(what) must be a number, found '\(raw)'")
        }
        guard range.contains(value) else {
            throw StrictMapping.error(file, node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(raw)")
        }
        return value
    }

    func boolean(_ node: Node, _ what: String) throws(ScenarioError) -> Bool {
        let raw = try text(node, what)
        switch raw {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw StrictMapping.error(file, node, "\(what) must be true or false, found '\(raw)'")
        }
    }

    /// A decimal amount converted to fixed point with `precision` decimals, exactly (no binary
    /// floating point on the way): `100.05` at precision 2 is 10005.
    func fixedPoint(_ node: Node, _ what: String, precision: Int) throws(ScenarioError) -> Int64 {
        let raw = try text(node, what)
        guard let value = DecimalText.fixedPoint(raw, precision: precision) else {
            throw StrictMapping.error(file, node, "\(what) must be a decimal number with at most \(precision) decimals, found '\(raw)'")
        }
        return value
    }

    func duration(_ node: Node, _ what: String) throws(ScenarioError) -> DurationNanoseconds {
        let raw = try text(node, what)
        guard let value = DurationText.parse(raw) else {
            throw StrictMapping.error(file, node, "\(what) must be a duration such as 250ms, 2s, 6h30m, found '\(raw)'",
                                      hint: "units: ns, us, ms, s, m, h, d")
        }
        return value
    }

    func timestamp(_ node: Node, _ what: String) throws(ScenarioError) -> Timestamp {
        let raw = try text(node, what)
        guard let value = TimestampText.parse(raw) else {
            throw StrictMapping.error(file, node, "\(what) must be a UTC time such as 2024-03-01T14:30:00Z, found '\(raw)'")
        }
        return value
    }

    func list(_ node: Node, _ what: String) throws(ScenarioError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw StrictMapping.error(file, node, "\(what) must be a list, found \(StrictMapping.kind(of: node))")
        }
        return Array(sequence)
    }
}
