@testable import Kernel
import Messages
import Testing

/// Fields written through `writeFields` are the bytes the writer's own `write` gives, one after
/// another, wherever the writer's storage has to grow.
@Suite struct ReservedFieldsTests {
    @Test func fieldsAreTheBytesOfSuccessiveWrites() {
        var perField = BinaryWriter(reservingCapacity: 16)
        var reserved = BinaryWriter(reservingCapacity: 16)
        for round in 0..<50 {
            let value = UInt64(round) &* 0x9E37_79B9_7F4A_7C15
            perField.write(UInt8(truncatingIfNeeded: round))
            perField.write(UInt16(truncatingIfNeeded: value))
            perField.write(UInt32(truncatingIfNeeded: value >> 7))
            perField.write(value)
            perField.write(Int64(bitPattern: ~value))
            perField.write(Double(round) * -0.75)
            // One byte before the fields, so they start unaligned and cross the capacity.
            reserved.write(UInt8(truncatingIfNeeded: round))
            reserved.writeFields(byteCount: 2 + 4 + 8 + 8 + 8) { fields in
                fields.write(UInt16(truncatingIfNeeded: value))
                fields.write(UInt32(truncatingIfNeeded: value >> 7))
                fields.write(value)
                fields.write(Int64(bitPattern: ~value))
                fields.write(Double(round) * -0.75)
            }
        }
        #expect(reserved.count == 50 * 31)
        #expect(reserved.bytes == perField.bytes)
    }

    /// A quote's encoding is pinned byte by byte: little-endian, no padding.
    @Test func aQuoteEncodesItsSixFieldsLittleEndian() {
        var writer = BinaryWriter()
        Quote(symbol: 0x0102_0304, bidPrice: 0x11, askPrice: -2, bidSize: 0x0A0B, askSize: 7, exchangeTime: 0x0102_0304_0506_0708)
            .encode(into: &writer)
        let expected: [UInt8] = [0x04, 0x03, 0x02, 0x01]
            + [0x11, 0, 0, 0, 0, 0, 0, 0]
            + [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
            + [0x0B, 0x0A, 0, 0, 0, 0, 0, 0]
            + [7, 0, 0, 0, 0, 0, 0, 0]
            + [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]
        #expect(writer.bytes == expected)
    }

    /// A copy patched in place (how a multicast's record is made per subscriber) lands after the
    /// bytes already there, across a growth of the storage.
    @Test func appendPlacesAPatchedCopyAfterWhatIsThere() {
        let shared: [UInt8] = Array(0..<40)
        var writer = BinaryWriter(reservingCapacity: 16)
        var expected: [UInt8] = []
        for round in 0..<10 {
            writer.write(UInt8(200 + round))
            expected.append(UInt8(200 + round))
            shared.withUnsafeBytes { bytes in
                writer.append(byteCount: bytes.count) { record in
                    record.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                    record.storeBytes(of: UInt32(round).littleEndian, toByteOffset: 8, as: UInt32.self)
                }
            }
            var patched = shared
            patched.replaceSubrange(8..<12, with: [UInt8(round), 0, 0, 0])
            expected += patched
        }
        #expect(writer.bytes == expected)
    }

    /// Trades, signals and alternative data encode as their fields written one after another
    /// (the encoding before `writeFields`, which the journal and the digests pin).
    @Test func tradesSignalsAndAlternativeDataEncodeTheirFieldsInOrder() {
        func bytes(_ encode: (inout BinaryWriter) -> Void) -> [UInt8] {
            var writer = BinaryWriter()
            encode(&writer)
            return writer.bytes
        }
        let trade = Trade(symbol: 9, price: 12_345, size: -3, aggressor: .sell, exchangeTime: 77)
        #expect(bytes(trade.encode) == bytes { writer in
            writer.write(trade.symbol); writer.write(trade.price); writer.write(trade.size)
            writer.write(trade.aggressor.rawValue); writer.write(trade.exchangeTime)
        })
        let signal = Signal(symbol: 2, mu: -0.25, sigma: 0.5, horizonNanoseconds: 60_000_000_000, confidence: 0.125, regime: 3,
                            agentID: 513, modelVersion: 7, traceID: 0xDEAD_BEEF)
        #expect(bytes(signal.encode) == bytes { writer in
            writer.write(signal.symbol); writer.write(signal.mu); writer.write(signal.sigma)
            writer.write(signal.horizonNanoseconds); writer.write(signal.confidence); writer.write(signal.regime)
            writer.write(signal.agentID); writer.write(signal.modelVersion); writer.write(signal.traceID)
        })
        let datum = AltDatum(kind: .fundFlow, symbol: 4, value: 1.5, exchangeTime: 99)
        #expect(bytes(datum.encode) == bytes { writer in
            writer.write(datum.kind.rawValue); writer.write(datum.symbol); writer.write(datum.value); writer.write(datum.exchangeTime)
        })
    }
}
