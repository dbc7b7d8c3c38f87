import Foundation
import Kernel
import Yams

/// The parameters a scenario gives a component registered by another package: every key of the
/// component's mapping beyond the ones Metronome reads itself (`name`, `type`, `weight`,
/// `enabled`, `horizon` for an agent), in file order, each with where it is written — so that the
/// package reads them with the same strictness and the same `file:line:column` errors as
/// Metronome's own sections (docs/extending.md).
public struct ComponentParameters: Sendable, Equatable {
    /// One `key: value` of the component's mapping; values are scalars.
    public struct Entry: Sendable, Equatable {
        public let key: String
        public let text: String
        let line: Int
        let column: Int
    }

    /// The scenario file, for messages.
    public let file: String
    /// Where the component sits in the scenario, e.g. `agents[2]`.
    public let path: String
    public let entries: [Entry]
    let mappingLine: Int
    let mappingColumn: Int

    init(file: String, path: String, entries: [Entry], mappingLine: Int, mappingColumn: Int) {
        self.file = file
        self.path = path
        self.entries = entries
        self.mappingLine = mappingLine
        self.mappingColumn = mappingColumn
    }

    /// Parameters held in memory (tests of a package's own component).
    public init(_ pairs: KeyValuePairs<String, String>, file: String = "<memory>", path: String = "component") {
        self.init(file: file, path: path, entries: pairs.map { Entry(key: $0.key, text: $0.value, line: 0, column: 0) },
                  mappingLine: 0, mappingColumn: 0)
    }

    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The value of `key` as written, or `defaultValue` when the scenario leaves it out.
    public func text(_ key: String, default defaultValue: String) throws(ScenarioError) -> String {
        try read(key, default: defaultValue) { reader, node, what throws(ScenarioError) in try reader.text(node, what) }
    }

    /// A number in `range` (decimals allowed).
    public func number(_ key: String, default defaultValue: Double, range: ClosedRange<Double>) throws(ScenarioError) -> Double {
        try read(key, default: defaultValue) { reader, node, what throws(ScenarioError) in try reader.decimal(node, what, range: range) }
    }

    /// A whole number in `range`.
    public func integer(_ key: String, default defaultValue: Int, range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        try read(key, default: defaultValue) { reader, node, what throws(ScenarioError) in
            Int(try reader.integer(node, what, range: Int64(range.lowerBound)...Int64(range.upperBound)))
        }
    }

    /// A duration such as `250ms` or `6h30m`, in nanoseconds.
    public func duration(_ key: String, default defaultValue: DurationNanoseconds) throws(ScenarioError) -> DurationNanoseconds {
        try read(key, default: defaultValue) { reader, node, what throws(ScenarioError) in try reader.duration(node, what) }
    }

    /// `true` or `false`.
    public func boolean(_ key: String, default defaultValue: Bool) throws(ScenarioError) -> Bool {
        try read(key, default: defaultValue) { reader, node, what throws(ScenarioError) in try reader.boolean(node, what) }
    }

    /// An error at the component's mapping (for a rule across several keys), as the loader's own.
    public func error(_ message: String, hint: String) -> ScenarioError {
        ScenarioError(file: file, line: mappingLine, column: mappingColumn, message: message, hint: hint)
    }

    /// Reads one entry with the loader's own scalar rules, and puts the entry's place on its error.
    private func read<Value>(_ key: String, default defaultValue: Value,
                             _ parse: (ScalarReader, Node, String) throws(ScenarioError) -> Value) throws(ScenarioError) -> Value {
        guard let entry = entries.first(where: { $0.key == key }) else { return defaultValue }
        do {
            return try parse(ScalarReader(file: file), Node.scalar(Node.Scalar(entry.text)), "\(path).\(key)")
        } catch {
            throw ScenarioError(file: file, line: entry.line, column: entry.column, message: error.message, hint: error.hint)
        }
    }
}

extension ComponentParameters {
    /// The scenario file's folder (relative paths in the parameters resolve against it).
    public var folder: String { URL(fileURLWithPath: file).deletingLastPathComponent().path }

    /// The keys `keys` of a registered component's mapping, each a single value, with where each
    /// is written; `owner` names the component in errors ("agent type 'momentum'").
    static func collect(_ map: inout StrictMapping, keys: [String], path: String, owner: String, mapping: Node,
                        file: String) throws(ScenarioError) -> ComponentParameters {
        var entries: [Entry] = []
        for key in keys {
            guard let node = map.value(key) else { continue }
            guard let scalar = node.scalar else {
                throw StrictMapping.error(file, node, "\(path).\(key) must be a single value, found \(StrictMapping.kind(of: node))",
                                          hint: "\(owner) reads '\(key)' as one value")
            }
            entries.append(Entry(key: key, text: scalar.string, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0))
        }
        return ComponentParameters(file: file, path: path, entries: entries, mappingLine: mapping.mark?.line ?? 0,
                                   mappingColumn: mapping.mark?.column ?? 0)
    }
}

extension ComponentParameters {
    /// A mapping that names a registered type (its `type:` or `adapter:`, `typeNode`, read as
    /// `name`) among `types`: the type, and its own keys collected beside `commonKeys`, any other
    /// key an error; an unknown name is an error listing the registered ones.
    static func registered<Maker>(_ map: inout StrictMapping, name: String, typeNode: Node, among types: [ComponentType<Maker>], kind: String,
                                  commonKeys: [String], path: String, mapping: Node,
                                  file: String) throws(ScenarioError) -> (ComponentType<Maker>, ComponentParameters) {
        guard let type = types.type(named: name) else {
            let known = types.map(\.name)
            throw StrictMapping.error(file, typeNode, "unknown \(kind) '\(name)'",
                                      hint: (known.isEmpty ? "this executable registers none" : StrictMapping.choiceHint(name, among: known))
                                          + "; a package's own \(kind) needs its own executable (docs/extending.md)")
        }
        let parameters = try collect(&map, keys: type.parameterKeys, path: path, owner: "\(kind) '\(name)'", mapping: mapping, file: file)
        try map.finish(allowed: commonKeys + type.parameterKeys)
        return (type, parameters)
    }
}
