import Kernel

/// One OHLCV bar (daily bars from CSV history, or aggregated bars). Prices are fixed-point in
/// the instrument's price units; volume in units.
///
/// `symbol` is declared last so the struct packs into 60 bytes: every message must stay small
/// (see `CodecTests.messagesStaySmall`), the kernel copies them with every event.
public struct Bar: WireCodable, Equatable {
    public var open: Int64
    public var high: Int64
    public var low: Int64
    public var close: Int64
    public var volume: Int64
    /// Start of the bar's period, and its length.
    public var periodStart: Timestamp
    public var periodNanoseconds: DurationNanoseconds
    public var symbol: SymbolID

    public init(symbol: SymbolID, open: Int64, high: Int64, low: Int64, close: Int64, volume: Int64,
                periodStart: Timestamp, periodNanoseconds: DurationNanoseconds) {
        self.symbol = symbol
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.periodStart = periodStart
        self.periodNanoseconds = periodNanoseconds
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(symbol)
        writer.write(open)
        writer.write(high)
        writer.write(low)
        writer.write(close)
        writer.write(volume)
        writer.write(periodStart)
        writer.write(periodNanoseconds)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        let symbol = try reader.readUInt32()
        open = try reader.readInt64()
        high = try reader.readInt64()
        low = try reader.readInt64()
        close = try reader.readInt64()
        volume = try reader.readInt64()
        periodStart = try reader.readUInt64()
        periodNanoseconds = try reader.readUInt64()
        self.symbol = symbol
    }
}
