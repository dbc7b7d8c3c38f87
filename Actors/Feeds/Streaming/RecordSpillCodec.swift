import Kernel
import Messages

/// The compact binary form of a checked quote or trade in a ``SpillFile``: a flags byte, then
/// prefix varints for what changed since the previous record — the step of the admission time,
/// the feed's latency (admission − exchange time), the topic and symbol, the price (the bid of a
/// quote) as a difference, a quote's spread — and the sizes. A flag marks each of those that is
/// as before, so a regular tick file's quote takes about five bytes. Reading one back costs a
/// small share of parsing its text again (docs/performance.md, "One reading pass").
///
/// Differences are taken with wrapping arithmetic and zigzag-coded, so any field value, however
/// far from its predecessor, comes back exactly.
struct RecordSpillCodec {
    /// The most bytes one record takes: the flags byte and at most eight varints of nine bytes.
    static let maximumRecordBytes = 1 + 8 * 9
    /// What a buffer holds past its records: a varint is written and read as a whole 8-byte word.
    static let slackBytes = 8

    /// The flags byte: the kind in its low two bits, then one bit per field that is as before.
    private enum Flag {
        static let kindMask: UInt8 = 0b11
        static let quote: UInt8 = 0, buy: UInt8 = 1, sell: UInt8 = 2
        static let sameTimeStep: UInt8 = 1 << 2
        static let sameLatency: UInt8 = 1 << 3
        static let sameInstrument: UInt8 = 1 << 4
        static let samePrice: UInt8 = 1 << 5
        static let sameSpread: UInt8 = 1 << 6
    }

    private var time: Timestamp = 0
    private var timeStep: UInt64 = 0
    private var latency: UInt64 = 0
    private var topic: UInt32 = 0
    private var symbol: SymbolID = 0
    private var price: Int64 = 0
    private var spread: Int64 = 0

    /// Writes `record` at `target` (room for ``maximumRecordBytes`` and ``slackBytes``); the
    /// bytes written, or nil for a record this form does not hold (a message other than a quote or
    /// a trade, or a replay's recorded sequence).
    mutating func encode(_ record: InputRecord, at target: UnsafeMutablePointer<UInt8>) -> Int? {
        guard record.recordedSequence == nil else { return nil }
        switch record.message {
        case .quote(let quote):
            var cursor = header(Flag.quote, record, exchangeTime: quote.exchangeTime, symbol: quote.symbol, price: quote.bidPrice, at: target)
            let quoteSpread = quote.askPrice &- quote.bidPrice
            if quoteSpread == spread {
                target[0] |= Flag.sameSpread
            } else {
                cursor = Self.writeSigned(quoteSpread, at: cursor)
                spread = quoteSpread
            }
            cursor = Self.writeSigned(quote.bidSize, at: cursor)
            cursor = Self.writeSigned(quote.askSize, at: cursor)
            return cursor - target
        case .trade(let trade):
            var cursor = header(trade.aggressor == .buy ? Flag.buy : Flag.sell, record, exchangeTime: trade.exchangeTime,
                                symbol: trade.symbol, price: trade.price, at: target)
            cursor = Self.writeSigned(trade.size, at: cursor)
            return cursor - target
        default:
            return nil
        }
    }

    /// The record at `source` and the bytes it took; nil when the `available` bytes end inside it
    /// or do not hold a record.
    mutating func decode(from source: UnsafePointer<UInt8>, available: Int) -> (record: InputRecord, byteCount: Int)? {
        guard available > 0 else { return nil }
        let flags = source[0]
        let kind = flags & Flag.kindMask
        guard kind <= Flag.sell else { return nil }
        var reader = VarintCursor(next: source + 1, end: source + available)
        if flags & Flag.sameTimeStep == 0 { guard let step = reader.unsigned() else { return nil }; timeStep = step }
        if flags & Flag.sameLatency == 0 { guard let value = reader.unsigned() else { return nil }; latency = value }
        if flags & Flag.sameInstrument == 0 {
            guard let newTopic = reader.unsigned(), let newSymbol = reader.unsigned(),
                  newTopic <= UInt64(UInt32.max), newSymbol <= UInt64(SymbolID.max) else { return nil }
            (topic, symbol) = (UInt32(newTopic), SymbolID(newSymbol))
        }
        if flags & Flag.samePrice == 0 { guard let delta = reader.signed() else { return nil }; price &+= delta }
        time &+= timeStep
        let exchangeTime = time &- latency
        let message: Message
        if kind == Flag.quote {
            if flags & Flag.sameSpread == 0 { guard let value = reader.signed() else { return nil }; spread = value }
            guard let bidSize = reader.signed(), let askSize = reader.signed() else { return nil }
            message = .quote(Quote(symbol: symbol, bidPrice: price, askPrice: price &+ spread, bidSize: bidSize, askSize: askSize,
                                   exchangeTime: exchangeTime))
        } else {
            guard let size = reader.signed() else { return nil }
            message = .trade(Trade(symbol: symbol, price: price, size: size, aggressor: kind == Flag.buy ? .buy : .sell,
                                   exchangeTime: exchangeTime))
        }
        return (InputRecord(time: time, topic: TopicID(rawValue: topic), message: message), reader.next - source)
    }

    /// The flags byte and the fields every record has, each written only when it changed.
    private mutating func header(_ kind: UInt8, _ record: InputRecord, exchangeTime: Timestamp, symbol recordSymbol: SymbolID,
                                 price recordPrice: Int64, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var flags = kind
        var cursor = target + 1
        let step = record.time &- time
        if step == timeStep { flags |= Flag.sameTimeStep } else { cursor = Self.write(step, at: cursor) }
        let recordLatency = record.time &- exchangeTime
        if recordLatency == latency { flags |= Flag.sameLatency } else { cursor = Self.write(recordLatency, at: cursor) }
        if record.topic.rawValue == topic && recordSymbol == symbol {
            flags |= Flag.sameInstrument
        } else {
            cursor = Self.write(UInt64(record.topic.rawValue), at: cursor)
            cursor = Self.write(UInt64(recordSymbol), at: cursor)
        }
        if recordPrice == price { flags |= Flag.samePrice } else { cursor = Self.writeSigned(recordPrice &- price, at: cursor) }
        target[0] = flags
        (time, timeStep, latency, topic, symbol, price) = (record.time, step, recordLatency, record.topic.rawValue, recordSymbol, recordPrice)
        return cursor
    }

    /// A prefix varint: the first byte's trailing zeros say how many bytes follow, so one 8-byte
    /// load and a mask read any value below 2⁵⁶ (a first byte of 0: the eight bytes after it hold
    /// the value).
    /// The value is stored as one 8-byte word from its start, so up to 7 bytes past its end are
    /// written: the buffers keep ``slackBytes`` of slack.
    @inline(__always)
    private static func write(_ value: UInt64, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard value < 1 << 56 else {
            target[0] = 0
            UnsafeMutableRawPointer(target + 1).storeBytes(of: value.littleEndian, as: UInt64.self)
            return target + 9
        }
        let significantBits = 64 - value.leadingZeroBitCount
        let byteCount = max(1, (significantBits + 6) / 7)
        let word = (value << UInt64(byteCount)) | (1 << UInt64(byteCount - 1))
        UnsafeMutableRawPointer(target).storeBytes(of: word.littleEndian, as: UInt64.self)
        return target + byteCount
    }

    @inline(__always)
    private static func writeSigned(_ value: Int64, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        write(UInt64(bitPattern: (value << 1) ^ (value >> 63)), at: target)
    }

    /// Reads prefix varints up to `end`, never past it in what it uses (a load may read up to 8
    /// bytes past a value: the buffers keep that slack).
    private struct VarintCursor {
        var next: UnsafePointer<UInt8>
        let end: UnsafePointer<UInt8>

        @inline(__always)
        mutating func unsigned() -> UInt64? {
            guard next < end else { return nil }
            let first = next.pointee
            if first == 0 {
                guard end - next >= 9 else { return nil }
                let value = UInt64(littleEndian: UnsafeRawPointer(next + 1).loadUnaligned(as: UInt64.self))
                next += 9
                return value
            }
            let byteCount = first.trailingZeroBitCount + 1
            guard end - next >= byteCount else { return nil }
            let word = UInt64(littleEndian: UnsafeRawPointer(next).loadUnaligned(as: UInt64.self))
            next += byteCount
            let mask: UInt64 = byteCount == 8 ? ~0 : (1 << UInt64(8 * byteCount)) - 1
            return (word & mask) >> UInt64(byteCount)
        }

        @inline(__always)
        mutating func signed() -> Int64? {
            unsigned().map { Int64(bitPattern: $0 >> 1) ^ -Int64(bitPattern: $0 & 1) }
        }
    }
}
