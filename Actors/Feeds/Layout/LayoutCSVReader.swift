import Kernel
import Messages

/// The records of a file read with a ``CSVLayout``, line by line from a ``DataFileLines``: the
/// header resolves the layout's column names, then each row becomes a quote, a trade, or a
/// bar's four quotes. Errors name the file, the line, the column and what was expected.
struct LayoutCSVReader: RecordReader {
    struct Settings {
        var layout: CSVLayout
        var instruments: [String: (id: SymbolID, precision: Int)]
        var quoteTopic: TopicID
        var tradeTopic: TopicID
        var latencyNanoseconds: DurationNanoseconds
        /// Only records admitted in [from, to) are read.
        var from: Timestamp = 0
        var to: Timestamp = .max
    }

    var lines: DataFileLines
    let file: String
    let settings: Settings
    var splitter: CSVFieldSplitter
    /// Each field's column index (``CSVLayout/Field`` order), -1 when not mapped.
    var indices: [Int]
    /// The header's names, once read (for messages).
    var headerNames: [String] = []
    var resolved: Bool
    var zone: LocalTimeZone?
    var sides = TradeSideInference()
    var fixedInstrument: (id: SymbolID, precision: Int)?
    var lastSymbolBytes: [UInt8] = []
    var lastInstrument: (id: SymbolID, precision: Int)??
    /// Records made from the current row, handed out one by one (a bar makes four).
    var pending: [InputRecord] = []
    var pendingIndex = 0
    /// Rows skipped: another symbol, or a bar with a missing value (`.` or empty).
    var rowsSkipped = 0
    /// What the layout maps, decided once: asking the layout searches its columns, copying each
    /// (and retaining its name) — for every row.
    let readsBars: Bool
    let mapsBid: Bool
    let mapsPrice: Bool

    init(lines: DataFileLines, file: String, settings: Settings) throws {
        self.lines = lines
        self.file = file
        self.settings = settings
        let layout = settings.layout
        readsBars = layout.readsBars
        mapsBid = layout.maps(.bid)
        mapsPrice = layout.maps(.price)
        splitter = CSVFieldSplitter(delimiter: layout.delimiter)
        indices = Array(repeating: -1, count: CSVLayout.Field.allCases.count)
        pending.reserveCapacity(4)
        if let problem = layout.problem { throw DailyBarCSV.Problem(file: file, line: 0, column: 0, message: problem) }
        if let identifier = layout.timeZone {
            guard let zone = LocalTimeZone(identifier: identifier) else {
                throw DailyBarCSV.Problem(file: file, line: 0, column: 0, message: "unknown time zone '\(identifier)' (an IANA name such as America/Chicago or UTC)")
            }
            self.zone = zone
        }
        if let symbol = layout.symbol, !layout.maps(.symbol) {
            guard let instrument = settings.instruments[symbol] else {
                throw DailyBarCSV.Problem(file: file, line: 0, column: 0, message: "symbol '\(symbol)' is not in the universe")
            }
            fixedInstrument = instrument
        }
        resolved = !layout.hasHeader
        if resolved {
            for mapping in layout.columns {
                if case .position(let index) = mapping.column { indices[LayoutCSVReader.slot(mapping.field)] = index }
            }
        }
    }

    /// The field's place in ``CSVLayout/Field/allCases`` (``indices``' order), by a switch: a search
    /// of `allCases` ran several times a row (`LayoutCSVTests` checks the two agree).
    static func slot(_ field: CSVLayout.Field) -> Int {
        switch field {
        case .time: 0
        case .symbol: 1
        case .kind: 2
        case .bid: 3
        case .ask: 4
        case .bidSize: 5
        case .askSize: 6
        case .price: 7
        case .size: 8
        case .side: 9
        case .open: 10
        case .high: 11
        case .low: 12
        case .close: 13
        case .volume: 14
        }
    }

    mutating func next() throws -> InputRecord? {
        while true {
            while pendingIndex >= pending.count {
                pending.removeAll(keepingCapacity: true)
                pendingIndex = 0
                guard try lines.advance() else { return nil }
                try readLine()
            }
            let record = pending[pendingIndex]
            pendingIndex += 1
            // Records outside the window still inform the side inference of later trades.
            sides.observe(record.message)
            if record.time >= settings.from && record.time < settings.to { return record }
        }
    }

    /// Reads the current line into `pending` (nothing for a comment, an empty line, the header
    /// or a skipped row).
    private mutating func readLine() throws {
        let bytes = lines.lineBytes, line = lines.line
        if line.isEmpty || bytes[line.lowerBound] == UInt8(ascii: "#") { return }
        splitter.split(bytes, line)
        if !resolved {
            try readHeader()
            return
        }
        try readRow(bytes, line)
    }

    /// The header: each named column's index (names matched exactly, else in any case).
    private mutating func readHeader() throws {
        let bytes = lines.lineBytes
        headerNames = splitter.fields.map { BytesText.string(bytes, $0) }
        for mapping in settings.layout.columns {
            switch mapping.column {
            case .position(let index):
                indices[LayoutCSVReader.slot(mapping.field)] = index
            case .name(let name):
                guard let index = headerNames.firstIndex(of: name)
                    ?? headerNames.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                    throw problem(column: 1, "no column '\(name)' (for \(mapping.field.rawValue)) in the header; its columns are: \(headerNames.joined(separator: ", "))")
                }
                indices[LayoutCSVReader.slot(mapping.field)] = index
            }
        }
        resolved = true
    }

    func problem(column: Int, _ message: String) -> DailyBarCSV.Problem {
        DailyBarCSV.Problem(file: file, line: lines.lineNumber, column: column, message: message)
    }

    /// The byte range of `field` in the current row; nil when the layout does not map it.
    func range(_ field: CSVLayout.Field, _ line: Range<Int>) throws -> Range<Int>? {
        let index = indices[LayoutCSVReader.slot(field)]
        guard index >= 0 else { return nil }
        guard index < splitter.fields.count else {
            throw problem(column: 1, "expected at least \(index + 1) fields (\(field.rawValue) is \(describe(field))), found \(splitter.fields.count)")
        }
        return splitter.fields[index]
    }

    /// How messages name a field's column: its header name, or its position.
    func describe(_ field: CSVLayout.Field) -> String {
        let index = indices[LayoutCSVReader.slot(field)]
        return index < headerNames.count ? "column '\(headerNames[index])'" : "column \(index)"
    }
}
