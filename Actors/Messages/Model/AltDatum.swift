import Kernel

/// One observation of alternative data: sentiment, an insider filing, a macro series, a
/// fundamental, a fund flow. Model inputs, so the value is a `Double`.
public struct AltDatum: WireCodable, Equatable {
    /// What the value measures (see docs/agents.md for each kind's meaning and units).
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case sentiment = 1
        case insiderFiling = 2
        case volatilityIndex = 3
        case creditSpread = 4
        case interestRate = 5
        case earningsYield = 6
        case bookToPrice = 7
        case fundFlow = 8

        public var description: String {
            switch self {
            case .sentiment: "sentiment"
            case .insiderFiling: "insider_filing"
            case .volatilityIndex: "volatility_index"
            case .creditSpread: "credit_spread"
            case .interestRate: "interest_rate"
            case .earningsYield: "earnings_yield"
            case .bookToPrice: "book_to_price"
            case .fundFlow: "fund_flow"
            }
        }
    }

    /// ``AltDatum/symbol`` for market-wide series (macro).
    public static let marketWide: SymbolID = .max

    public var kind: Kind
    public var symbol: SymbolID
    public var value: Double
    public var exchangeTime: Timestamp

    public init(kind: Kind, symbol: SymbolID, value: Double, exchangeTime: Timestamp) {
        self.kind = kind
        self.symbol = symbol
        self.value = value
        self.exchangeTime = exchangeTime
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.writeFields(byteCount: 21) { fields in
            fields.write(kind.rawValue)
            fields.write(symbol)
            fields.write(value)
            fields.write(exchangeTime)
        }
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        let at = reader.offset
        let raw = try reader.readUInt8()
        guard let kind = Kind(rawValue: raw) else { throw DecodingError(offset: at, message: "unknown alternative-data kind \(raw)") }
        self.kind = kind
        symbol = try reader.readUInt32()
        value = try reader.readDouble()
        exchangeTime = try reader.readUInt64()
    }
}
