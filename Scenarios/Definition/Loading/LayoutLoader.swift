import Actors
import Foundation
import Kernel
import Messages
import Yams

/// A `csv` feed's layout keys (docs/data.md, "Layouts"): `layout:` (a preset's name, or the
/// columns), `columns:`, `symbol:`, `header:`, `delimiter:`, `time_format:`, `time_zone:`,
/// `bar_interval:`, `default_size:`, `other_symbols:`. A feed with none of them reads the tick CSV.
enum LayoutLoader {
    static let keys = ["layout", "columns", "symbol", "header", "delimiter", "time_format", "time_zone", "bar_interval",
                       "default_size", "other_symbols"]

    /// The feed's layout and its one symbol (when it names one); nil when it declares no layout.
    static func layout(_ map: inout StrictMapping, item: Node, universe: [Instrument], path: String,
                       file: String) throws(ScenarioError) -> (layout: CSVLayout, symbol: SymbolID?)? {
        guard keys.contains(where: map.has) else { return nil }
        let scalars = ScalarReader(file: file)
        var layout = CSVLayout(columns: [])
        var declaredHeader = false
        var columnsNode: Node?
        if let node = map.value("layout") {
            if case .scalar(let scalar) = node {
                guard let preset = CSVLayout.preset(named: scalar.string) else {
                    throw StrictMapping.error(file, node, "\(path).layout: unknown preset '\(scalar.string)'",
                                              hint: StrictMapping.choiceHint(scalar.string, among: CSVLayout.presetNames, label: "presets") + " (or a mapping of columns)")
                }
                layout = preset
                declaredHeader = true
            } else {
                columnsNode = node
            }
        }
        if let node = map.value("columns") {
            guard columnsNode == nil else {
                throw StrictMapping.error(file, node, "\(path): give the columns once, in layout: or in columns:", hint: "layout: takes a preset's name, columns: the columns")
            }
            columnsNode = node
        }
        if let columnsNode {
            for mapping in try columns(columnsNode, path: path, file: file) {
                layout.columns.removeAll { $0.field == mapping.field }
                layout.columns.append(mapping)
            }
        }
        var symbol: SymbolID?
        if let node = map.value("symbol") {
            let name = try scalars.text(node, "\(path).symbol")
            guard let index = universe.firstIndex(where: { $0.symbol == name }) else {
                throw StrictMapping.error(file, node, "\(path).symbol: '\(name)' is not in the universe",
                                          hint: "universe: \(universe.map(\.symbol).joined(separator: ", "))")
            }
            layout.symbol = name
            symbol = SymbolID(index)
        }
        if let node = map.value("header") {
            layout.hasHeader = try scalars.boolean(node, "\(path).header")
            declaredHeader = true
        }
        if !declaredHeader {
            // A layout of positions only reads a file without a header unless `header: true` says otherwise.
            layout.hasHeader = layout.columns.contains { if case .name = $0.column { true } else { false } }
        }
        try readFormatKeys(&map, into: &layout, path: path, file: file)
        if let problem = layout.problem {
            throw StrictMapping.error(file, item, "\(path): \(problem)", hint: "docs/data.md lists the layout keys and the presets")
        }
        return (layout, symbol)
    }

    /// `delimiter:`, `time_format:`, `time_zone:`, `bar_interval:`, `default_size:`, `other_symbols:`.
    private static func readFormatKeys(_ map: inout StrictMapping, into layout: inout CSVLayout, path: String,
                                       file: String) throws(ScenarioError) {
        let scalars = ScalarReader(file: file)
        if let node = map.value("delimiter") {
            let text = try scalars.text(node, "\(path).delimiter")
            let delimiter = text == "tab" || text == "\\t" ? "\t" : text
            guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte < 0x80, byte != UInt8(ascii: "\""),
                  byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                throw StrictMapping.error(file, node, "\(path).delimiter must be one ASCII character, found '\(text)'", hint: "e.g. delimiter: \";\" (or tab)")
            }
            layout.delimiter = byte
        }
        if let node = map.value("time_format") {
            let text = try scalars.text(node, "\(path).time_format")
            let format: CSVTimeFormat?
            do { format = try CSVTimeFormat.named(text) } catch {
                throw StrictMapping.error(file, node, "\(path).time_format: \(error.description)", hint: "docs/data.md, \"Time formats\"")
            }
            guard let format else {
                throw StrictMapping.error(file, node, "\(path).time_format: unknown format '\(text)'",
                                          hint: "one of: \(CSVTimeFormat.names.joined(separator: ", "))")
            }
            layout.timeFormat = format
        }
        if let node = map.value("time_zone") {
            let identifier = try scalars.text(node, "\(path).time_zone")
            guard TimeZone(identifier: identifier) != nil else {
                throw StrictMapping.error(file, node, "\(path).time_zone: unknown time zone '\(identifier)'", hint: "an IANA name, e.g. UTC, America/Chicago, Europe/Zurich")
            }
            layout.timeZone = identifier
        }
        if let node = map.value("bar_interval") {
            let interval = try scalars.duration(node, "\(path).bar_interval")
            guard interval > 0 else { throw StrictMapping.error(file, node, "\(path).bar_interval must be positive", hint: "e.g. 1m, 1h, 1d") }
            layout.barIntervalNanoseconds = interval
        }
        if let node = map.value("default_size") {
            layout.defaultSize = try scalars.integer(node, "\(path).default_size", range: 1...MarketBounds.maximumSize)
        }
        if let node = map.value("other_symbols") {
            let text = try scalars.text(node, "\(path).other_symbols")
            guard let choice = CSVLayout.OtherSymbols(rawValue: text) else {
                throw StrictMapping.error(file, node, "\(path).other_symbols: unknown choice '\(text)'",
                                          hint: StrictMapping.choiceHint(text, among: CSVLayout.OtherSymbols.allCases.map(\.rawValue)))
            }
            layout.otherSymbols = choice
        }
    }

    /// The columns mapping: a field's name → a header name, or a 0-based position (a plain integer).
    private static func columns(_ node: Node, path: String, file: String) throws(ScenarioError) -> [CSVLayout.Mapping] {
        // A mapping without duplicate keys, or an error saying so.
        _ = try StrictMapping(node, file: file, path: "\(path).columns")
        guard case .mapping(let pairs) = node else { return [] }
        let fields = CSVLayout.Field.allCases.map(\.rawValue)
        var mappings: [CSVLayout.Mapping] = []
        for (keyNode, value) in pairs {
            let key = keyNode.scalar?.string ?? ""
            guard let field = CSVLayout.Field(rawValue: key) else {
                throw StrictMapping.error(file, keyNode, "\(path).columns: unknown field '\(key)'", hint: StrictMapping.choiceHint(key, among: fields, label: "fields"))
            }
            guard case .scalar(let scalar) = value, !scalar.string.isEmpty else {
                throw StrictMapping.error(file, value, "\(path).columns.\(key) must be a column name or a 0-based position",
                                          hint: "e.g. \(key): \(key == "time" ? "Timestamp" : "3")")
            }
            if scalar.style == .plain, let position = Int(scalar.string) {
                guard (0..<10_000).contains(position) else {
                    throw StrictMapping.error(file, value, "\(path).columns.\(key): position \(position) is out of range", hint: "positions count from 0, up to 9999")
                }
                mappings.append(CSVLayout.Mapping(field, .position(position)))
            } else {
                mappings.append(CSVLayout.Mapping(field, .name(scalar.string)))
            }
        }
        return mappings
    }
}
