import Foundation
@testable import Kernel
import Messages

/// Builds small logs for the journal tests.
enum JournalFixture {
    static func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metronome-journal-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    /// A random message of every kind, from a seeded stream.
    static func randomMessage(_ random: inout RandomStream, tag: MessageTag) -> Message {
        func int(_ bound: UInt64) -> Int64 { Int64(random.next(below: bound)) - Int64(bound / 2) }
        func side() -> Side { random.nextBernoulli(0.5) ? .buy : .sell }
        switch tag {
        case .ping: return .ping(Ping(value: random.next()))
        case .timer: return .timer(TimerFired(tag: random.next()))
        case .quote:
            return .quote(Quote(symbol: UInt32(random.next(below: 100)), bidPrice: int(1 << 40), askPrice: int(1 << 40),
                                bidSize: int(1 << 20), askSize: int(1 << 20), exchangeTime: random.next()))
        case .trade:
            return .trade(Trade(symbol: UInt32(random.next(below: 100)), price: int(1 << 40), size: int(1 << 20), aggressor: side(),
                                exchangeTime: random.next()))
        case .bar:
            return .bar(Bar(symbol: 2, open: int(1 << 30), high: int(1 << 30), low: int(1 << 30), close: int(1 << 30),
                            volume: int(1 << 40), periodStart: random.next(), periodNanoseconds: random.next()))
        case .alt:
            return .alt(AltDatum(kind: AltDatum.Kind.allCases[Int(random.next(below: 8))], symbol: UInt32(random.next(below: 10)),
                                 value: random.nextGaussian(), exchangeTime: random.next()))
        case .signal:
            return .signal(Signal(symbol: 3, mu: random.nextGaussian(), sigma: random.nextDouble(), horizonNanoseconds: random.next(),
                                  confidence: random.nextDouble(), regime: UInt8(random.next(below: 4)), agentID: UInt16(random.next(below: 12)),
                                  modelVersion: 2, traceID: random.next()))
        case .forecast:
            return .forecast(Forecast(mu: random.nextGaussian(), sigma: random.nextDouble(), horizonNanoseconds: random.next(),
                                      traceID: random.next(), shares: AgentShares(low: random.next(), high: UInt32(truncatingIfNeeded: random.next())),
                                      symbol: 1, regime: 1))
        case .slate:
            return .slate(SlateEntry(slateID: random.next(), mu: random.nextGaussian(), score: random.nextGaussian(), penalty: random.nextDouble(),
                                     propensity: random.nextDouble(), symbol: 3, rank: 0, count: 2, explored: random.nextBernoulli(0.5)))
        case .indicator:
            return .indicator(IndicatorValue(symbol: UInt32(random.next(below: 100)), kind: IndicatorValue.Kind.allCases[Int(random.next(below: 9))],
                                             value: random.nextGaussian(), traceID: random.next()))
        case .custom:
            return .custom(CustomValue(symbol: UInt32(random.next(below: 100)), valueID: UInt16(random.next(below: 1000)),
                                       value: random.nextGaussian(), traceID: random.next()))
        case .package:
            return .package(PackageMessage(typeID: UInt16(random.next(below: 1000)), symbol: UInt32(random.next(below: 100)),
                                           values: (random.nextGaussian(), random.nextGaussian(), 0, random.nextDouble()), traceID: random.next()))
        case .order, .orderVersion1:
            return .order(Order(orderID: random.next(), symbol: 1, side: side(), quantity: int(1000), limitPrice: int(1 << 30), traceID: random.next(),
                                venue: UInt8(random.next(below: 3)), type: OrderType.allCases[Int(random.next(below: 3))]))
        case .fill, .fillVersion1:
            return .fill(Fill(orderID: random.next(), symbol: 1, side: side(), quantity: int(1000), price: int(1 << 30),
                              feeMinorUnits: int(100), isFinal: random.nextBernoulli(0.5), traceID: random.next(), fillID: random.next(),
                              venue: UInt8(random.next(below: 3))))
        case .action:
            return .action(PolicyAction(symbol: UInt32(random.next(below: 100)), step: UInt32(random.next(below: 10_000)),
                                        direction: Int8(random.next(below: 3)) - 1, sizeIndex: UInt8(random.next(below: 4)),
                                        stopIndex: UInt8(random.next(below: 4)), takeProfitIndex: UInt8(random.next(below: 4)),
                                        targetQuantity: int(100), reward: random.nextGaussian(), traceID: random.next()))
        case .intent:
            return .intent(Intent(symbol: 2, targetQuantity: int(100), quantity: int(100), referencePrice: int(1 << 30),
                                  kellyWeight: Float(random.nextGaussian()), cappedWeight: 0.5, drawdownScale: 1, cvarScale: 0.25, traceID: random.next()))
        case .gate:
            return .gate(GateDecision(symbol: 1, outcome: GateDecision.Outcome.allCases[Int(random.next(below: 3))], requestedQuantity: int(100),
                                      approvedQuantity: int(100), reasons: GateReasons(rawValue: UInt32(random.next(below: 4096))), traceID: random.next()))
        case .report:
            return .report(ExecutionReport(orderID: random.next(), symbol: 1, kind: ExecutionReport.Kind.allCases[Int(random.next(below: 4))],
                                           reason: ExecutionReport.RejectReason.allCases[Int(random.next(below: 8))], leavesQuantity: int(100),
                                           venue: 1, traceID: random.next()))
        case .fault:
            return .fault(FaultEvent(kind: UInt16(random.next(below: 40)), phase: random.next(below: 2) == 0 ? .start : .stop,
                                     target: UInt32(random.next(below: 8)), magnitude: random.nextDouble(), parameter: int(1 << 20)))
        case .tradeCost:
            return .tradeCost(TradeCostRecord(orderID: random.next(), symbol: 1, venue: 0, type: .limit, arrivalPrice: int(1 << 30),
                                              averageFillPrice: random.nextDouble(), filledQuantity: int(100), shortfallBasisPoints: random.nextGaussian(),
                                              predictedCostBasisPoints: 1.5, propensity: 0.95))
        case .position:
            return .position(PositionUpdate(symbol: 2, position: int(1000), cashMinorUnits: int(1 << 40), realizedPnLMinorUnits: int(1 << 30),
                                            traceID: random.next()))
        }
    }

    /// `count` records of every kind in kernel order (non-decreasing times), seeded.
    static func randomRecords(seed: UInt64, count: Int) -> [JournalRecord] {
        var random = RandomStream(seed: seed)
        var time: Timestamp = 1_700_000_000_000_000_000
        var sequence: UInt64 = 0
        var deliveries: UInt64 = 0
        var records: [JournalRecord] = []
        for index in 0..<count {
            let tag = MessageTag.current[index % MessageTag.current.count]
            time += random.next(below: 1_000_000)
            let message = randomMessage(&random, tag: tag)
            if tag.isDecision && index % 2 == 0 {
                records.append(.decision(RecordedDecision(time: time + random.next(below: 10), source: ActorID(rawValue: UInt32(index % 5)),
                                                          message: message)))
            } else if tag.isSignal && index % 2 == 0 {
                records.append(.annotation(RecordedDecision(time: time + random.next(below: 10), source: ActorID(rawValue: UInt32(index % 5)),
                                                        message: message)))
            } else {
                sequence += 1 + random.next(below: 5)
                deliveries += random.next(below: 7)
                records.append(.input(RecordedInput(time: time, sequence: sequence, topic: TopicID(rawValue: UInt32(index % 3)),
                                                    message: message, deliveriesBefore: deliveries,
                                                    digestFragment: UInt8(truncatingIfNeeded: random.next()))))
            }
        }
        return records
    }

    static func header(codec: BlockCodec, blockBytes: Int) -> JournalHeader {
        JournalHeader(buildIdentity: "test", mode: .simulate, seed: 7, startTime: 1_700_000_000_000_000_000, endTime: 0,
                      scenarioName: "fixture", scenarioText: "version: 1\nname: fixture\n", codec: codec, level: codec.defaultLevel,
                      blockBytes: UInt32(blockBytes), topicNames: ["a", "b", "c"], componentNames: ["x", "y", "z", "u", "v"])
    }

    /// Writes `records` as a log, cutting a block every `blockBytes` (at an input), with real
    /// input and decision digest checkpoints. Returns the path.
    @discardableResult
    static func writeLog(_ records: [JournalRecord], codec: BlockCodec = .zstd, blockBytes: Int = 4096, path: String? = nil) throws -> String {
        let path = path ?? temporaryPath("fixture-\(codec).mlog")
        let options = JournalWriter.Options(codec: codec, blockBytes: blockBytes, queueCapacity: 2, fsyncIntervalNanoseconds: nil)
        let writer = try JournalWriter(path: path, header: header(codec: codec, blockBytes: blockBytes), options: options)
        var encoder = BlockEncoder()
        var scratch = BinaryWriter()
        var inputDigest: UInt64 = 0
        var decisions = RunDigest()
        var decisionDigest = decisions.decision
        var blockIndex: UInt32 = 0
        var inputs: UInt64 = 0
        var decisionCount: UInt64 = 0
        func seal(_ final: Bool, checkpointDecisionDigest: UInt64) throws {
            let descriptor = BlockDescriptor(
                blockIndex: blockIndex, codec: codec, recordCount: encoder.recordCount, inputCount: encoder.inputCount,
                firstTime: encoder.isEmpty ? 0 : encoder.firstTime, lastTime: encoder.lastTime,
                firstSequence: encoder.firstSequence == .max ? 0 : encoder.firstSequence, lastSequence: encoder.lastSequence,
                uncompressedBytes: 0, compressedBytes: 0, checksum: 0, checkpointSequence: final ? .max : encoder.lastSequence,
                deliveries: 0, eventDigest: 0, decisionDigest: checkpointDecisionDigest, inputDigest: inputDigest)
            try writer.submit(SealedBlock(bytes: encoder.buffer.bytes, descriptor: descriptor))
            encoder.reset()
            blockIndex += 1
        }
        for record in records {
            switch record {
            case .input(let input):
                encoder.append(input)
                inputs += 1
                let decisionDigestBefore = decisionDigest
                inputDigest = JournalRecorder<Message>.chain(inputDigest, input, scratch: &scratch)
                if input.message.tag.isDecision {
                    decisions.recordDecision(time: input.time, source: .input, message: input.message)
                    decisionDigest = decisions.decision
                }
                if encoder.byteCount >= blockBytes { try seal(false, checkpointDecisionDigest: decisionDigestBefore) }
            case .decision(let decision):
                encoder.append(decision)
                decisionCount += 1
                decisions.recordDecision(time: decision.time, source: decision.source, message: decision.message)
                decisionDigest = decisions.decision
            case .annotation(let signal):
                encoder.append(annotation: signal)
            }
        }
        try seal(true, checkpointDecisionDigest: decisionDigest)
        _ = try writer.close(trailer: JournalTrailer(
            index: [], blockCount: blockIndex, recordCount: UInt64(records.count), inputCount: inputs, decisionCount: decisionCount,
            deliveries: 0, inputDigest: inputDigest, eventDigest: 0, decisionDigest: decisionDigest, endTime: records.last?.time ?? 0,
            stopReason: "exhausted"))
        return path
    }

    /// Every record of a log, in order, or the error that stopped the reading.
    static func readAll(_ path: String) throws -> (records: [JournalRecord], damage: JournalDamage?, closed: Bool) {
        let reader = try JournalReader(path: path)
        var cursor = reader.blocks()
        var records: [JournalRecord] = []
        while let block = try cursor.next() {
            records += try BlockDecoder.decodeAll(block.bytes)
        }
        return (records, cursor.damage, reader.readTrailer() != nil)
    }
}
