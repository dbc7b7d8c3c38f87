import Kernel

/// One value behind an agent's signal — an indicator reading such as RSI or ADX — journaled with
/// the signal so that it can be audited and diffed (docs/log-format.md, tag 35).
///
/// Never delivered to a component: an agent hands it to the journal (``Context/journal(_:)``)
/// only when the run records signals, so it changes no event and no digest. One message per
/// indicator keeps every message as small as the others (see `CodecTests`).
public struct IndicatorValue: WireCodable, Equatable {
    /// Which indicator the value is (units in docs/agents.md).
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        /// Wilder RSI, 0–100.
        case rsi = 1
        /// MACD line: EMA(fast) − EMA(slow) of the close, in price units.
        case macd = 2
        /// Bollinger %b: (close − lower band) / (upper − lower); 0.5 on the mean.
        case percentB = 3
        /// Wilder average true range, in price units.
        case atr = 4
        /// Highest high of the channel's bars before this one.
        case donchianUpper = 5
        /// Lowest low of the channel's bars before this one.
        case donchianLower = 6
        /// The Supertrend line: the lower band in an uptrend, the upper band in a downtrend.
        case supertrend = 7
        /// Supertrend direction: +1 up, −1 down.
        case supertrendDirection = 8
        /// Wilder average directional index, 0–100.
        case adx = 9

        public var description: String {
            switch self {
            case .rsi: "rsi"
            case .macd: "macd"
            case .percentB: "percent_b"
            case .atr: "atr"
            case .donchianUpper: "donchian_upper"
            case .donchianLower: "donchian_lower"
            case .supertrend: "supertrend"
            case .supertrendDirection: "supertrend_direction"
            case .adx: "adx"
            }
        }
    }

    public var value: Double
    /// The input behind the reading (the signal's trace id).
    public var traceID: UInt64
    public var symbol: SymbolID
    public var kind: Kind

    public init(symbol: SymbolID, kind: Kind, value: Double, traceID: UInt64) {
        self.symbol = symbol
        self.kind = kind
        self.value = value
        self.traceID = traceID
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.writeFields(byteCount: 21) { fields in
            fields.write(symbol)
            fields.write(kind.rawValue)
            fields.write(value)
            fields.write(traceID)
        }
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        let at = reader.offset
        let raw = try reader.readUInt8()
        guard let kind = Kind(rawValue: raw) else { throw DecodingError(offset: at, message: "unknown indicator kind \(raw)") }
        self.kind = kind
        value = try reader.readDouble()
        traceID = try reader.readUInt64()
    }
}
