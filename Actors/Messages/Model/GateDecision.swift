import Kernel

/// The risk gate's verdict on one intent. A decision: it enters the decision digest and the
/// decision log.
public struct GateDecision: WireCodable, Equatable {
    public enum Outcome: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        /// Passed as asked.
        case approved = 1
        /// Scaled down onto the feasible set; `approvedQuantity` is what may trade.
        case projected = 2
        /// Nothing may trade.
        case rejected = 3

        public var description: String {
            switch self {
            case .approved: "approved"
            case .projected: "projected"
            case .rejected: "rejected"
            }
        }
    }

    /// The `symbol` of the record the gate writes when its kill switch engages (no intent behind it).
    public static let allSymbols = SymbolID.max

    /// Signed lots the intent asked for.
    public var requestedQuantity: Int64
    /// Signed lots allowed (0 when rejected).
    public var approvedQuantity: Int64
    public var traceID: UInt64
    public var symbol: SymbolID
    public var reasons: GateReasons
    public var outcome: Outcome

    public init(symbol: SymbolID, outcome: Outcome, requestedQuantity: Int64, approvedQuantity: Int64, reasons: GateReasons,
                traceID: UInt64) {
        self.symbol = symbol
        self.outcome = outcome
        self.requestedQuantity = requestedQuantity
        self.approvedQuantity = approvedQuantity
        self.reasons = reasons
        self.traceID = traceID
    }

    public func encode(into writer: inout BinaryWriter) {
        writer.write(symbol)
        writer.write(outcome.rawValue)
        writer.write(requestedQuantity)
        writer.write(approvedQuantity)
        writer.write(reasons.rawValue)
        writer.write(traceID)
    }

    public init(from reader: inout BinaryReader) throws(DecodingError) {
        symbol = try reader.readUInt32()
        let at = reader.offset
        let raw = try reader.readUInt8()
        guard let outcome = Outcome(rawValue: raw) else {
            throw DecodingError(offset: at, message: "expected a gate outcome (1 approved, 2 projected, 3 rejected), found \(raw)")
        }
        self.outcome = outcome
        requestedQuantity = try reader.readInt64()
        approvedQuantity = try reader.readInt64()
        reasons = GateReasons(rawValue: try reader.readUInt32())
        traceID = try reader.readUInt64()
    }
}
