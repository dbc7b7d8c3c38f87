/// Records a run: an observer on the kernel that encodes every admitted input and every emitted
/// decision (and, when the run journals annotations, every annotation) into blocks on the kernel thread (cheap varint encoding), and hands finished blocks
/// to a ``JournalWriter`` thread (compression, I/O, fsync).
///
/// Attach before `run()`; call ``finish(summary:)`` after it.
public final class JournalRecorder<Payload: KernelPayload>: InputObserver {
    public let writer: JournalWriter
    @exclusivity(unchecked) var encoder = BlockEncoder()
    @exclusivity(unchecked) var blockIndex: UInt32 = 0
    @exclusivity(unchecked) var inputDigest: UInt64 = 0
    @exclusivity(unchecked) var canonical = BinaryWriter(reservingCapacity: 256)
    @exclusivity(unchecked) var recordCount: UInt64 = 0
    @exclusivity(unchecked) var inputCount: UInt64 = 0
    @exclusivity(unchecked) var decisionCount: UInt64 = 0
    unowned(unsafe) let kernel: EventKernel<Payload>
    /// Live runs cut a block at least this often (in input time, which is wall time there), so
    /// the fsync interval really bounds what a crash can lose; simulated runs cut by size only.
    let liveBlockSpanNanoseconds: DurationNanoseconds?
    /// Live runs: every admitted input also goes to the write-ahead folder, before any component
    /// handles it (``JournalWriteAhead``).
    let writeAhead: JournalWriteAhead?
    /// The first failure of the writer; the run is stopped when it happens.
    public internal(set) var failure: JournalError?

    /// Creates the log file, writes its header and attaches to `kernel`.
    public init(path: String, kernel: EventKernel<Payload>, scenarioName: String, scenarioText: String, buildIdentity: String,
                options: JournalWriter.Options) throws(JournalError) {
        let configuration = kernel.configuration
        var header = JournalHeader(
            buildIdentity: buildIdentity, mode: configuration.mode, seed: configuration.seed, startTime: configuration.startTime,
            endTime: configuration.endTime ?? 0, scenarioName: scenarioName, scenarioText: scenarioText, codec: options.codec,
            level: options.level, blockBytes: UInt32(options.blockBytes), topicNames: kernel.allTopicNames,
            componentNames: kernel.componentNames)
        header.formatVersion = configuration.journalFormatVersion
        writer = try JournalWriter(path: path, header: header, options: options)
        self.kernel = kernel
        liveBlockSpanNanoseconds = configuration.mode == .live ? max(options.fsyncIntervalNanoseconds ?? 1_000_000_000, 1_000_000) : nil
        if configuration.mode == .live {
            let made = try JournalWriteAhead(logPath: path, headerDigest: writer.headerDigest, blockBytes: options.blockBytes)
            let directory = made.directory
            writer.blockWritten = { block in JournalWriteAhead.dropSegment(directory: directory, block: block) }
            writeAhead = made
        } else {
            writeAhead = nil
        }
        kernel.attachJournal(self)
    }

    public func kernel(_ kernel: EventKernel<Payload>, admitted input: KernelAdmittedInput<Payload>) {
        let record = KernelRecordedInput(time: input.time, sequence: input.sequence, topic: input.topic, message: input.message,
                                   deliveriesBefore: input.deliveriesBefore, digestFragment: UInt8(truncatingIfNeeded: input.eventDigestBefore))
        encoder.append(record)
        if let writeAhead {
            let payload = encoder.lastPayload
            encoder.buffer.withUnsafeBytes { writeAhead.append(record, payload: UnsafeRawBufferPointer(rebasing: $0[payload])) }
            if let failed = writeAhead.failure, failure == nil {
                failure = failed
                kernel.requestStop()
            }
        }
        inputDigest = chainLastInput(record)
        recordCount += 1
        inputCount += 1
        let spanElapsed = liveBlockSpanNanoseconds.map { input.time &- encoder.firstTime >= $0 } ?? false
        if encoder.byteCount >= writer.options.blockBytes || spanElapsed {
            seal(checkpointSequence: input.sequence, deliveries: input.deliveriesBefore, eventDigest: input.eventDigestBefore,
                 decisionDigest: kernel.currentDecisionDigest)
        }
    }

    public func kernel(_ kernel: EventKernel<Payload>, emitted decision: KernelRecordedDecision<Payload>) {
        encoder.append(decision)
        recordCount += 1
        decisionCount += 1
    }

    /// Counted among the records, not the decisions: the trailer's record count less its inputs
    /// and decisions is the annotation records'.
    public func kernel(_ kernel: EventKernel<Payload>, emittedAnnotation annotation: KernelRecordedDecision<Payload>) {
        encoder.append(annotation: annotation)
        recordCount += 1
    }

    /// Seals the last block, waits for the writer, and closes the log with its index and trailer.
    @discardableResult
    public func finish(summary: RunSummary) throws(JournalError) -> JournalWriter.Statistics {
        seal(checkpointSequence: .max, deliveries: summary.deliveries, eventDigest: summary.digest, decisionDigest: summary.decisionDigest)
        if let failure { throw failure }
        let trailer = JournalTrailer(
            index: [], blockCount: blockIndex, recordCount: recordCount, inputCount: inputCount, decisionCount: decisionCount,
            deliveries: summary.deliveries, inputDigest: inputDigest, eventDigest: summary.digest,
            decisionDigest: summary.decisionDigest, endTime: summary.endTime, stopReason: summary.stopReason.rawValue)
        let statistics = try writer.close(trailer: trailer)
        // The log holds every input now: the write-ahead folder has served its purpose.
        writeAhead?.finish()
        return statistics
    }

    func seal(checkpointSequence: UInt64, deliveries: UInt64, eventDigest: UInt64, decisionDigest: UInt64) {
        // The end-of-run block is always written, empty or not: it carries the final checkpoint.
        guard !encoder.isEmpty || checkpointSequence == .max else { return }
        let descriptor = BlockDescriptor(
            blockIndex: blockIndex, codec: writer.options.codec, recordCount: encoder.recordCount, inputCount: encoder.inputCount,
            firstTime: encoder.isEmpty ? 0 : encoder.firstTime, lastTime: encoder.lastTime,
            firstSequence: encoder.firstSequence == .max ? 0 : encoder.firstSequence, lastSequence: encoder.lastSequence,
            uncompressedBytes: 0, compressedBytes: 0, checksum: 0, checkpointSequence: checkpointSequence, deliveries: deliveries,
            eventDigest: eventDigest, decisionDigest: decisionDigest, inputDigest: inputDigest)
        var bytes = writer.takeSpareBlockBytes()
        bytes.reserveCapacity(encoder.byteCount)
        encoder.buffer.withUnsafeBytes { bytes.append(contentsOf: $0) }
        let block = SealedBlock(bytes: bytes, descriptor: descriptor)
        encoder.reset()
        blockIndex += 1
        // The next inputs go to the next block's segment, so this one can be dropped once written.
        if checkpointSequence != .max { writeAhead?.startSegment(blockIndex) }
        do {
            try writer.submit(block)
        } catch {
            if failure == nil {
                failure = error
                kernel.requestStop()
            }
        }
    }

    /// ``chain(_:_:scratch:)`` for the record just appended, reusing its encoded payload.
    func chainLastInput(_ input: KernelRecordedInput<Payload>) -> UInt64 {
        canonical.reset()
        canonical.write(input.time)
        canonical.write(input.sequence)
        canonical.write(input.topic.rawValue)
        canonical.write(input.message.payloadTag)
        let payload = encoder.lastPayload
        encoder.buffer.withUnsafeBytes { canonical.writeRaw(UnsafeRawBufferPointer(rebasing: $0[payload])) }
        return canonical.withUnsafeBytes { XXH64.hash($0, seed: inputDigest) }
    }

    /// The input digest: an XXH64 chain over `time u64 | seq u64 | topic u32 | tag u16 | payload`.
    static func chain(_ previous: UInt64, _ input: KernelRecordedInput<Payload>, scratch: inout BinaryWriter) -> UInt64 {
        scratch.reset()
        scratch.write(input.time)
        scratch.write(input.sequence)
        scratch.write(input.topic.rawValue)
        scratch.write(input.message.payloadTag)
        input.message.encodePayload(into: &scratch)
        return scratch.withUnsafeBytes { XXH64.hash($0, seed: previous) }
    }
}
