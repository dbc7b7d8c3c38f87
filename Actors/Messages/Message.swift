import Kernel

/// Every payload that travels through the kernel.
///
/// A closed enum of plain value types: a message is stored inline in the event queue (no
/// allocation per event), has one stable encoding (``MessageTag`` + the case's fields), and can
/// be decoded by any tool that reads a journal without knowing the actors that produced it.
public enum Message: Sendable, Equatable {
    case ping(Ping)
    case timer(TimerFired)
    case quote(Quote)
    case trade(Trade)
    case bar(Bar)
    case alt(AltDatum)
    case signal(Signal)
    case forecast(Forecast)
    case slate(SlateEntry)
    case indicator(IndicatorValue)
    /// A value behind a signal of a package's own agent type (docs/extending.md).
    case custom(CustomValue)
    /// A message of a type another package defines, delivered to its components (docs/extending.md).
    case package(PackageMessage)
    case order(Order)
    case fill(Fill)
    case position(PositionUpdate)
    case intent(Intent)
    case gate(GateDecision)
    case report(ExecutionReport)
    case tradeCost(TradeCostRecord)
    case action(PolicyAction)
    case fault(FaultEvent)

    @inlinable public var tag: MessageTag {
        switch self {
        case .ping: .ping
        case .timer: .timer
        case .quote: .quote
        case .trade: .trade
        case .bar: .bar
        case .alt: .alt
        case .signal: .signal
        case .forecast: .forecast
        case .slate: .slate
        case .indicator: .indicator
        case .custom: .custom
        case .package: .package
        case .order: .order
        case .fill: .fill
        case .position: .position
        case .intent: .intent
        case .gate: .gate
        case .report: .report
        case .tradeCost: .tradeCost
        case .action: .action
        case .fault: .fault
        }
    }

    /// Writes the payload only (the tag is written by the caller, next to the event header).
    public func encodePayload(into writer: inout BinaryWriter) {
        switch self {
        case .ping(let value): value.encode(into: &writer)
        case .timer(let value): value.encode(into: &writer)
        case .quote(let value): value.encode(into: &writer)
        case .trade(let value): value.encode(into: &writer)
        case .bar(let value): value.encode(into: &writer)
        case .alt(let value): value.encode(into: &writer)
        case .signal(let value): value.encode(into: &writer)
        case .forecast(let value): value.encode(into: &writer)
        case .slate(let value): value.encode(into: &writer)
        case .indicator(let value): value.encode(into: &writer)
        case .custom(let value): value.encode(into: &writer)
        case .package(let value): value.encode(into: &writer)
        case .order(let value): value.encode(into: &writer)
        case .fill(let value): value.encode(into: &writer)
        case .position(let value): value.encode(into: &writer)
        case .intent(let value): value.encode(into: &writer)
        case .gate(let value): value.encode(into: &writer)
        case .report(let value): value.encode(into: &writer)
        case .tradeCost(let value): value.encode(into: &writer)
        case .action(let value): value.encode(into: &writer)
        case .fault(let value): value.encode(into: &writer)
        }
    }

    /// Decodes a payload written by ``encodePayload(into:)`` for a raw tag.
    public static func decodePayload(tag rawTag: UInt16, from reader: inout BinaryReader) throws(DecodingError) -> Message {
        guard let tag = MessageTag(rawValue: rawTag) else {
            throw DecodingError(offset: reader.offset, message: "unknown message tag \(rawTag)")
        }
        switch tag {
        case .ping: return .ping(try Ping(from: &reader))
        case .timer: return .timer(try TimerFired(from: &reader))
        case .quote: return .quote(try Quote(from: &reader))
        case .trade: return .trade(try Trade(from: &reader))
        case .bar: return .bar(try Bar(from: &reader))
        case .alt: return .alt(try AltDatum(from: &reader))
        case .signal: return .signal(try Signal(from: &reader))
        case .forecast: return .forecast(try Forecast(from: &reader))
        case .slate: return .slate(try SlateEntry(from: &reader))
        case .indicator: return .indicator(try IndicatorValue(from: &reader))
        case .custom: return .custom(try CustomValue(from: &reader))
        case .package: return .package(try PackageMessage(from: &reader))
        case .order: return .order(try Order(from: &reader))
        case .fill: return .fill(try Fill(from: &reader))
        case .orderVersion1: return .order(try Order(version1: &reader))
        case .fillVersion1: return .fill(try Fill(version1: &reader))
        case .position: return .position(try PositionUpdate(from: &reader))
        case .intent: return .intent(try Intent(from: &reader))
        case .gate: return .gate(try GateDecision(from: &reader))
        case .report: return .report(try ExecutionReport(from: &reader))
        case .tradeCost: return .tradeCost(try TradeCostRecord(from: &reader))
        case .action: return .action(try PolicyAction(from: &reader))
        case .fault: return .fault(try FaultEvent(from: &reader))
        }
    }
}

extension Message {
    /// The trace id a message carries (the input behind it), for the decision log; nil for
    /// messages without one.
    public var traceID: UInt64? {
        switch self {
        case .signal(let value): value.traceID
        case .forecast(let value): value.traceID
        case .indicator(let value): value.traceID
        case .custom(let value): value.traceID
        case .package(let value): value.traceID
        case .intent(let value): value.traceID
        case .gate(let value): value.traceID
        case .order(let value): value.traceID
        case .report(let value): value.traceID
        case .fill(let value): value.traceID
        case .position(let value): value.traceID
        case .action(let value): value.traceID
        default: nil
        }
    }

    /// The message with its trace id replaced (messages without one are returned unchanged): how
    /// `diff` compares logs whose trace ids name inputs two ways (``TraceIdentity``).
    public func replacingTraceID(_ trace: UInt64) -> Message {
        switch self {
        case .signal(var value): value.traceID = trace; return .signal(value)
        case .forecast(var value): value.traceID = trace; return .forecast(value)
        case .indicator(var value): value.traceID = trace; return .indicator(value)
        case .custom(var value): value.traceID = trace; return .custom(value)
        case .package(var value): value.traceID = trace; return .package(value)
        case .intent(var value): value.traceID = trace; return .intent(value)
        case .gate(var value): value.traceID = trace; return .gate(value)
        case .order(var value): value.traceID = trace; return .order(value)
        case .report(var value): value.traceID = trace; return .report(value)
        case .fill(var value): value.traceID = trace; return .fill(value)
        case .position(var value): value.traceID = trace; return .position(value)
        default: return self
        }
    }
}
