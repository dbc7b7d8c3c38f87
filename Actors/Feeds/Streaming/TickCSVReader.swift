import Kernel
import Messages

/// The records of a tick CSV (``TickCSV``), line by line from a ``DataFileLines``: plain rows
/// through the byte fast path (``TickCSVRowScanner``), any other row through the general path
/// (`TickCSV.record`), unsided trades given a side by ``TradeSideInference`` in file order.
struct TickCSVReader: RecordReader {
    struct Settings {
        var instruments: [String: (id: SymbolID, precision: Int)]
        var quoteTopic: TopicID
        var tradeTopic: TopicID
        var latencyNanoseconds: DurationNanoseconds
        var fastPath: Bool
    }

    private var lines: DataFileLines
    private let file: String
    private let settings: Settings
    private var scanner: TickCSVRowScanner
    private var sides = TradeSideInference()
    /// Sides inferred for unsided trades so far.
    var sidesInferred: Int { sides.inferred }
    private var isFirstRecord = true

    /// - Parameter continuing: the lines start inside the file (a part after the first,
    ///   ``SplitCheck``): no header can come.
    init(lines: DataFileLines, file: String, settings: Settings, continuing: Bool = false) {
        self.lines = lines
        isFirstRecord = !continuing
        self.file = file
        self.settings = settings
        scanner = TickCSVRowScanner(instruments: settings.instruments, quoteTopic: settings.quoteTopic,
                                    tradeTopic: settings.tradeTopic, latencyNanoseconds: settings.latencyNanoseconds)
    }

    mutating func next() throws -> InputRecord? {
        while try lines.advance() {
            guard let record = try record() else { continue }
            isFirstRecord = false
            sides.observe(record.message)
            return record
        }
        return nil
    }

    /// The current line's record; nil for an empty line, a comment or the header.
    private mutating func record() throws -> InputRecord? {
        let ascii = lines.lineIsASCII
        let bytes = lines.lineBytes, line = lines.line
        // A comment is skipped here only when it is plain ASCII: after `#`, a combining mark
        // would make a different first character, and the general path decides.
        if line.isEmpty || (ascii && bytes[line.lowerBound] == UInt8(ascii: "#")) { return nil }
        if settings.fastPath && ascii, let fast = scanner.record(bytes, line) { return fast }
        return try TickCSV.record(Substring(lines.lineText), file: file, lineNumber: lines.lineNumber, isFirstRecord: isFirstRecord,
                                  instruments: settings.instruments, quoteTopic: settings.quoteTopic, tradeTopic: settings.tradeTopic,
                                  latencyNanoseconds: settings.latencyNanoseconds, sides: &sides)
    }
}
