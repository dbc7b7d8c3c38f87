import Kernel
import Messages
import Testing

@Suite struct CodecTests {
    static let samples: [Message] = [
        .ping(Ping(value: 7)),
        .timer(TimerFired(tag: 99)),
        .quote(Quote(symbol: 3, bidPrice: 10_001, askPrice: 10_003, bidSize: 5, askSize: 8, exchangeTime: 1_700_000_000_000_000_000)),
        .trade(Trade(symbol: 1, price: 505, size: 2, aggressor: .sell, exchangeTime: 12)),
        .bar(Bar(symbol: 0, open: 122_922, high: 124_881, low: 121_910, close: 122_810, volume: 877_000_000,
                 periodStart: 915_408_000_000_000_000, periodNanoseconds: 86_400_000_000_000)),
        .alt(AltDatum(kind: .creditSpread, symbol: AltDatum.marketWide, value: 1.25, exchangeTime: 99)),
        .signal(Signal(symbol: 2, mu: 0.0012, sigma: -0.0, horizonNanoseconds: 60_000_000_000, confidence: 0.5,
                       regime: 2, agentID: 4, modelVersion: 1, traceID: 77)),
        .forecast(Forecast(mu: 0.001, sigma: 0.01, horizonNanoseconds: 60, traceID: 9,
                           shares: AgentShares([(1, 0.75), (4, 0.25), (12, 1.0 / 3)]), symbol: 1, regime: 1)),
        .slate(SlateEntry(slateID: 3, mu: 0.002, score: 0.4, penalty: 0.1, propensity: 0.97, symbol: 2, rank: 1, count: 3, explored: false)),
        .indicator(IndicatorValue(symbol: 4, kind: .supertrend, value: -1234.5625, traceID: 28_613)),
        .custom(CustomValue(symbol: 5, valueID: 513, value: 0.015625, traceID: 28_614)),
        .package(PackageMessage(typeID: 258, symbol: 6, values: (1.5, -0.0, 1e300, -2.25), traceID: 28_615)),
        .order(Order(orderID: 5, symbol: 0, side: .buy, quantity: 10, limitPrice: 10_001, traceID: 8, venue: 1, type: .pegged)),
        .fill(Fill(orderID: 5, symbol: 0, side: .buy, quantity: 10, price: 10_003, feeMinorUnits: -1, isFinal: true, traceID: 8, fillID: 44, venue: 1)),
        .position(PositionUpdate(symbol: 0, position: -3, cashMinorUnits: 49_000, realizedPnLMinorUnits: -12, traceID: 8)),
        .intent(Intent(symbol: 1, targetQuantity: -4, quantity: -6, referencePrice: 10_002, kellyWeight: -2.5, cappedWeight: -0.5,
                       drawdownScale: 0.75, cvarScale: 1, traceID: 8)),
        .gate(GateDecision(symbol: 1, outcome: .projected, requestedQuantity: -6, approvedQuantity: -2, reasons: [.sector, .net], traceID: 8)),
        .report(ExecutionReport(orderID: 5, symbol: 0, kind: .rejected, reason: .staleData, leavesQuantity: 10, venue: 1, traceID: 8)),
        .tradeCost(TradeCostRecord(orderID: 5, symbol: 0, venue: 1, type: .limit, arrivalPrice: 10_002, averageFillPrice: 10_001.5,
                                   filledQuantity: 10, shortfallBasisPoints: -0.5, predictedCostBasisPoints: 0.25, propensity: 0.95)),
        .fault(FaultEvent(kind: 84, phase: .start, target: 3, magnitude: 0.25, parameter: 5_000_000_000)),
        .action(PolicyAction(symbol: 0, step: 41, direction: -1, sizeIndex: 3, stopIndex: 1, takeProfitIndex: 2, targetQuantity: -60,
                             reward: -0.0125, traceID: 8)),
    ]

    @Test func oldOrderAndFillLayoutsStillDecode() throws {
        // Tags 48 and 49 are the layouts before venues, order types and fill ids.
        var writer = BinaryWriter()
        writer.write(UInt64(5)); writer.write(UInt32(0)); writer.write(Side.sell.rawValue)
        writer.write(Int64(10)); writer.write(Int64(0)); writer.write(UInt64(8))
        var reader = BinaryReader(writer.bytes)
        let order = try Message.decodePayload(tag: MessageTag.orderVersion1.rawValue, from: &reader)
        #expect(order == .order(Order(orderID: 5, symbol: 0, side: .sell, quantity: 10, limitPrice: 0, traceID: 8)))
        #expect(order.tag == .order && reader.isAtEnd, "re-encoded with today's layout")
        writer.reset()
        writer.write(UInt64(5)); writer.write(UInt32(0)); writer.write(Side.buy.rawValue)
        writer.write(Int64(10)); writer.write(Int64(10_003)); writer.write(Int64(1)); writer.write(true); writer.write(UInt64(8))
        reader = BinaryReader(writer.bytes)
        let fill = try Message.decodePayload(tag: MessageTag.fillVersion1.rawValue, from: &reader)
        #expect(fill == .fill(Fill(orderID: 5, symbol: 0, side: .buy, quantity: 10, price: 10_003, feeMinorUnits: 1, isFinal: true, traceID: 8)))
        #expect(MessageTag.typeNames.filter { $0 == "order" }.count == 1)
    }

    @Test func everyMessageRoundTrips() throws {
        #expect(Set(CodecTests.samples.map(\.tag)).count == MessageTag.current.count, "a sample per tag")
        for message in CodecTests.samples {
            var writer = BinaryWriter()
            message.encodePayload(into: &writer)
            var reader = BinaryReader(writer.bytes)
            let decoded = try Message.decodePayload(tag: message.tag.rawValue, from: &reader)
            #expect(decoded == message)
            #expect(reader.isAtEnd)
        }
    }

    @Test func encodingIsLittleEndianAndStable() {
        var writer = BinaryWriter()
        Message.ping(Ping(value: 0x0102_0304_0506_0708)).encodePayload(into: &writer)
        #expect(writer.bytes == [8, 7, 6, 5, 4, 3, 2, 1])
        writer.reset()
        writer.write(1.0)
        #expect(writer.bytes == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F], "doubles as IEEE-754 bit patterns")
        #expect(MessageTag.quote.rawValue == 16 && MessageTag.orderVersion1.rawValue == 48 && MessageTag.order.rawValue == 53, "tags are permanent")
        writer.reset()
        Message.indicator(IndicatorValue(symbol: 1, kind: .adx, value: 1.0, traceID: 2)).encodePayload(into: &writer)
        #expect(writer.bytes == [1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 2, 0, 0, 0, 0, 0, 0, 0],
                "tag 35 (docs/log-format.md): symbol u32, indicator u8, value f64, trace_id u64")
        #expect(MessageTag.indicator.rawValue == 35 && MessageTag.indicator.isSignal && !MessageTag.indicator.isDecision)
        writer.reset()
        Message.custom(CustomValue(symbol: 1, valueID: 513, value: 1.0, traceID: 2)).encodePayload(into: &writer)
        #expect(writer.bytes == [1, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 2, 0, 0, 0, 0, 0, 0, 0],
                "tag 36 (docs/log-format.md): symbol u32, value id u16, value f64, trace_id u64")
        #expect(MessageTag.custom.rawValue == 36 && MessageTag.custom.isSignal && !MessageTag.custom.isDecision)
        writer.reset()
        Message.package(PackageMessage(typeID: 258, symbol: 1, values: (1.0, 0, 0, -2.0), traceID: 2)).encodePayload(into: &writer)
        #expect(writer.bytes == [2, 1, 1, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F] + [UInt8](repeating: 0, count: 16)
                + [0, 0, 0, 0, 0, 0, 0, 0xC0] + [2, 0, 0, 0, 0, 0, 0, 0],
                "tag 37 (docs/log-format.md): type id u16, symbol u32, four values f64, trace_id u64")
        #expect(MessageTag.package.rawValue == 37 && MessageTag.package.isSignal && !MessageTag.package.isDecision)
    }

    @Test func truncatedInputIsAnErrorWithItsOffset() {
        var writer = BinaryWriter()
        CodecTests.samples[2].encodePayload(into: &writer)
        var reader = BinaryReader(Array(writer.bytes.prefix(10)))
        #expect(throws: DecodingError.self) { try Message.decodePayload(tag: MessageTag.quote.rawValue, from: &reader) }
        do {
            var again = BinaryReader(Array(writer.bytes.prefix(10)))
            _ = try Message.decodePayload(tag: MessageTag.quote.rawValue, from: &again)
        } catch {
            #expect(error.offset == 4, "bid price starts at byte 4 and is cut short")
        }
    }

    @Test func unknownTagsAndBadEnumsAreRejected() {
        var empty = BinaryReader([])
        #expect(throws: DecodingError.self) { try Message.decodePayload(tag: 999, from: &empty) }
        var writer = BinaryWriter()
        CodecTests.samples[5].encodePayload(into: &writer)
        var bytes = writer.bytes
        bytes[12] = 9  // the side byte of the order
        var reader = BinaryReader(bytes)
        #expect(throws: DecodingError.self) { try Message.decodePayload(tag: MessageTag.order.rawValue, from: &reader) }
    }

    @Test func agentSharesQuantizeToBytes() {
        var shares = AgentShares([(1, 0.75), (12, 1.0 / 3)])
        #expect(shares[1] == 191.0 / 255)
        #expect(shares[12] == 85.0 / 255)
        #expect(shares[2] == 0)
        shares[12] = 0
        #expect(shares.nonZero.map(\.agentID) == [1])
    }

    /// Every event copies its message through the queue: the largest message sets the cost of
    /// all of them. 57 bytes (a Fill or a Signal plus the tag) keeps an event at 104 bytes.
    @Test func messagesStaySmall() {
        #expect(MemoryLayout<Message>.size <= 61, "a message grew: \(MemoryLayout<Message>.size) bytes")
        #expect(MemoryLayout<ScheduledEvent>.stride <= 104, "an event grew: \(MemoryLayout<ScheduledEvent>.stride) bytes")
        #expect(_isPOD(Message.self), "messages must stay trivially copyable (no arrays, strings or classes)")
    }

    @Test func stringLengthIsBoundedBeforeAllocation() {
        var writer = BinaryWriter()
        writer.write(UInt32.max)
        var reader = BinaryReader(writer.bytes)
        #expect(throws: DecodingError.self) { try reader.readString(maximumBytes: 1024) }
    }

    @Test func timestampsFormatAsISO8601() {
        #expect(TimeUnits.iso8601(0) == "1970-01-01T00:00:00.000000000Z")
        #expect(TimeUnits.iso8601(1_709_303_400_000_000_001) == "2024-03-01T14:30:00.000000001Z")
        #expect(TimeUnits.daysFromCivil(year: 2024, month: 3, day: 1) == 19_783)
    }
}
