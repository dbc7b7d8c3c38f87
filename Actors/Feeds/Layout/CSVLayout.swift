import Kernel
import Messages

/// How a delimited text file of market data is laid out: which column holds the time, the
/// symbol, the quote, the trade or the bar, how times are written, and the file's delimiter and
/// header (docs/data.md, "Layouts"). A `csv` feed's `layout:` describes one, or names a preset
/// (``CSVLayout/preset(named:)``); ``LayoutCSV`` reads a file with it.
///
/// A row is a bar when the layout maps `open`, `high`, `low` and `close` (four quotes per bar,
/// ``BarQuotes``); otherwise the `kind` column says `quote` or `trade`, or, without one, a row
/// with a bid and an ask is a quote and a row with a price (and no bid and ask) is a trade. A
/// price-only series (time and price) is thus a series of trade prints.
public struct CSVLayout: Sendable, Equatable {
    /// What a column can hold.
    public enum Field: String, Sendable, CaseIterable {
        case time, symbol, kind, bid, ask, bidSize = "bid_size", askSize = "ask_size", price, size, side
        case open, high, low, close, volume
    }

    /// A column, by its name in the header or by its 0-based position.
    public enum Column: Sendable, Equatable, CustomStringConvertible {
        case name(String)
        case position(Int)

        public var description: String {
            switch self {
            case .name(let name): "'\(name)'"
            case .position(let index): "column \(index)"
            }
        }
    }

    public struct Mapping: Sendable, Equatable {
        public var field: Field
        public var column: Column

        public init(_ field: Field, _ column: Column) {
            self.field = field
            self.column = column
        }
    }

    /// What to do with a row whose symbol is not in the universe (or not the feed's `symbol:`).
    public enum OtherSymbols: String, Sendable, CaseIterable {
        /// Refuse the file (the tick CSV's rule).
        case error
        /// Skip the row (a vendor file of a whole market, read for a few symbols).
        case skip
    }

    /// The columns read, in the order the layout lists them.
    public var columns: [Mapping]
    /// Every row's symbol when the file has no symbol column; with one, only this symbol's rows
    /// are read.
    public var symbol: String?
    public var hasHeader: Bool
    /// One ASCII byte: `,`, `;`, a tab, `|`.
    public var delimiter: UInt8
    public var timeFormat: CSVTimeFormat
    /// The IANA zone of times written without an offset (and of bar dates); nil: such times are refused.
    public var timeZone: String?
    /// The bars' interval, for a bar layout.
    public var barIntervalNanoseconds: DurationNanoseconds?
    /// The size of a quote, trade or bar quote whose layout maps no size column.
    public var defaultSize: Int64
    public var otherSymbols: OtherSymbols
    /// The preset this layout started from, if any (for messages).
    public var preset: String?

    public init(columns: [Mapping], symbol: String? = nil, hasHeader: Bool = true, delimiter: UInt8 = UInt8(ascii: ","),
                timeFormat: CSVTimeFormat = .automatic, timeZone: String? = nil, barIntervalNanoseconds: DurationNanoseconds? = nil,
                defaultSize: Int64 = CSVLayout.standardDefaultSize, otherSymbols: OtherSymbols = .error, preset: String? = nil) {
        self.columns = columns
        self.symbol = symbol
        self.hasHeader = hasHeader
        self.delimiter = delimiter
        self.timeFormat = timeFormat
        self.timeZone = timeZone
        self.barIntervalNanoseconds = barIntervalNanoseconds
        self.defaultSize = defaultSize
        self.otherSymbols = otherSymbols
        self.preset = preset
    }

    /// The displayed size of the quotes daily bars become (``DailyBarQuotes``), used wherever a
    /// layout has no size.
    public static let standardDefaultSize: Int64 = 1_000

    public func column(of field: Field) -> Column? { columns.first { $0.field == field }?.column }

    public func maps(_ field: Field) -> Bool { column(of: field) != nil }

    /// Whether rows are bars (open, high, low and close mapped).
    public var readsBars: Bool { maps(.open) && maps(.high) && maps(.low) && maps(.close) }

    /// What is wrong with the layout as a whole, or nil: the combinations a file cannot be read
    /// without.
    public var problem: String? {
        if !maps(.time) { return "the layout maps no time column" }
        if !maps(.symbol) && symbol == nil { return "the layout maps no symbol column and the feed names no symbol: (add symbol: for a one-symbol file)" }
        let barFields: [Field] = [.open, .high, .low, .close]
        let mappedBars = barFields.filter(maps)
        if !mappedBars.isEmpty && mappedBars.count < 4 {
            return "a bar layout maps open, high, low and close; this one lacks \(barFields.filter { !maps($0) }.map(\.rawValue).joined(separator: ", "))"
        }
        if readsBars {
            if barIntervalNanoseconds == nil { return "a bar layout needs bar_interval: (e.g. 1m, 1h, 1d)" }
            if let tick = [Field.bid, .ask, .price, .kind, .side].first(where: maps) { return "a bar layout cannot also map \(tick.rawValue)" }
        } else if !(maps(.bid) && maps(.ask)) && !maps(.price) {
            return "the layout maps neither bid and ask (quotes), nor price (trades), nor open, high, low and close (bars)"
        } else if maps(.bid) != maps(.ask) {
            return "a layout maps bid and ask together"
        }
        if let duplicate = columns.enumerated().first(where: { item in columns.prefix(item.offset).contains { $0.field == item.element.field } }) {
            return "the layout maps \(duplicate.element.field.rawValue) twice"
        }
        if !hasHeader, let named = columns.first(where: { if case .name = $0.column { true } else { false } }) {
            return "\(named.field.rawValue) names a column (\(named.column)) but the file has no header (header: false): give its position instead"
        }
        return nil
    }
}
