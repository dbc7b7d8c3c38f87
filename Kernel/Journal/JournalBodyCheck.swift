/// The checks of a log's body that need no replay, one block at a time: the records decode and
/// obey the rules (``KernelBlockDecoder/init(block:)``), and the input digest and the decision digest
/// recomputed from them equal the block's checkpoint. ``JournalVerification`` reports every
/// problem; ``JournalRecovery`` keeps a block only when it has none, so a recovered log passes
/// verification up to its loss point.
struct JournalBodyCheck<Payload: KernelPayload>: ~Copyable {
    /// Everything but the decision digest's running state, which cannot be copied.
    struct Totals {
        var records: UInt64 = 0
        var inputs: UInt64 = 0
        var decisions: UInt64 = 0
        /// Annotation records (format 5): in the record count, not in the decision digest.
        var annotations: UInt64 = 0
        var uncompressedBytes: UInt64 = 0
        var firstTime: Timestamp = .max
        var lastTime: Timestamp = 0
        var inputDigest: UInt64 = 0
        var decisionDigestValue: UInt64 = 0
        /// The decision digest the last checkpointed block (or the trailer) must hold.
        var lastExpectedDecisionDigest: UInt64 = 0
        /// The last block with a checkpoint of its own (not one of recovered inputs).
        var lastCheckpoint: BlockDescriptor?
        /// The last input of the blocks added.
        var lastInput: KernelRecordedInput<Payload>?
        /// Inputs in blocks brought back from a write-ahead file.
        var recoveredInputs: UInt64 = 0
    }

    private(set) var totals = Totals()
    private var decisionDigest: RunDigest
    private var scratch = BinaryWriter(reservingCapacity: 256)

    init(header: JournalHeader) {
        // The decision digest, recomputed the way this log's format computes it.
        decisionDigest = RunDigest(definition: header.digestDefinition)
        totals.decisionDigestValue = decisionDigest.decision
    }

    /// Checks `block` and adds it to the totals; returns its problems (empty when sound). With
    /// `keepingOnlySound`, a block with problems leaves the totals as they were (the running
    /// decision digest excepted: recovery adds nothing but recovered inputs after such a block,
    /// and their checks do not read it).
    mutating func add(_ block: ReadBlock, keepingOnlySound: Bool = false) -> [String] {
        let saved = totals
        let problems = apply(block)
        if keepingOnlySound && !problems.isEmpty { totals = saved }
        return problems
    }

    private mutating func apply(_ block: ReadBlock) -> [String] {
        var problems: [String] = []
        let name = "block \(block.descriptor.blockIndex) at byte \(block.offset)"
        if totals.recoveredInputs > 0 && !block.descriptor.holdsRecoveredInputs {
            problems.append("\(name) follows a block of recovered inputs: only recovered inputs may follow the loss point")
        }
        totals.uncompressedBytes += UInt64(block.bytes.count)
        var decoder = block.records(inputsNotBefore: totals.lastInput?.time ?? 0, as: Payload.self)
        // A block is cut right after its checkpoint input, before that input is published: the
        // checkpoint's decision digest is the one before the block's last record.
        var decisionDigestBeforeLastRecord = totals.decisionDigestValue
        while let record = decoder.next() {
            decisionDigestBeforeLastRecord = totals.decisionDigestValue
            totals.records += 1
            totals.firstTime = min(totals.firstTime, record.time)
            totals.lastTime = max(totals.lastTime, record.time)
            switch record {
            case .input(let input):
                totals.inputs += 1
                totals.lastInput = input
                if block.descriptor.holdsRecoveredInputs { totals.recoveredInputs += 1 }
                totals.inputDigest = JournalRecorder<Payload>.chain(totals.inputDigest, input, scratch: &scratch)
                if input.message.isDecision {
                    decisionDigest.recordDecision(time: input.time, source: .input, message: input.message)
                    totals.decisionDigestValue = decisionDigest.decision
                }
            case .decision(let decision):
                totals.decisions += 1
                if block.descriptor.holdsRecoveredInputs { problems.append("\(name) holds recovered inputs, and a decision") }
                decisionDigest.recordDecision(time: decision.time, source: decision.source, message: decision.message)
                totals.decisionDigestValue = decisionDigest.decision
            case .annotation:
                totals.annotations += 1
                if block.descriptor.holdsRecoveredInputs { problems.append("\(name) holds recovered inputs, and an annotation") }
            }
        }
        if let error = decoder.error {
            problems.append("\(name): record at byte \(error.offset) of the uncompressed block: \(error.message)")
            return problems
        }
        if totals.inputDigest != block.descriptor.inputDigest {
            problems.append("\(name): input digest \(RunDigest.hex(totals.inputDigest)) differs from its checkpoint \(RunDigest.hex(block.descriptor.inputDigest))")
        }
        // Recovered inputs carry the checkpoint of the last block before the loss: nothing more to compare.
        guard !block.descriptor.holdsRecoveredInputs else { return problems }
        let expectedDecisionDigest = block.descriptor.checkpointSequence == .max ? totals.decisionDigestValue : decisionDigestBeforeLastRecord
        totals.lastExpectedDecisionDigest = expectedDecisionDigest
        if expectedDecisionDigest != block.descriptor.decisionDigest {
            problems.append("\(name): decision digest \(RunDigest.hex(expectedDecisionDigest)) differs from its checkpoint \(RunDigest.hex(block.descriptor.decisionDigest))")
        }
        totals.lastCheckpoint = block.descriptor
        return problems
    }

    /// What the trailer of a log whose blocks were all added must agree with.
    func trailerProblems(_ trailer: JournalTrailer, blockOffsets: [UInt64]) -> [String] {
        var problems: [String] = []
        if trailer.index.map(\.offset) != blockOffsets { problems.append("the index does not match the blocks' offsets") }
        if trailer.recordCount != totals.records || trailer.inputCount != totals.inputs || trailer.decisionCount != totals.decisions {
            problems.append("the trailer counts \(trailer.recordCount) records (\(trailer.inputCount) inputs, \(trailer.decisionCount) decisions); the blocks hold \(totals.records) (\(totals.inputs), \(totals.decisions))")
        }
        if trailer.inputDigest != totals.inputDigest {
            problems.append("input digest: trailer \(RunDigest.hex(trailer.inputDigest)), recomputed \(RunDigest.hex(totals.inputDigest))")
        }
        if trailer.decisionDigest != totals.lastExpectedDecisionDigest {
            problems.append("decision_digest: trailer \(RunDigest.hex(trailer.decisionDigest)), recomputed \(RunDigest.hex(totals.lastExpectedDecisionDigest))")
        }
        let recovered = trailer.stopReason == JournalRecovery.recoveredStopReason
        if totals.recoveredInputs > 0 && !recovered { problems.append("the log holds recovered inputs but its trailer does not say it was recovered") }
        if let last = totals.lastCheckpoint, recovered || last.checkpointSequence == .max,
           last.eventDigest != trailer.eventDigest || last.deliveries != trailer.deliveries || last.decisionDigest != trailer.decisionDigest {
            problems.append("the trailer's digests differ from the final checkpoint")
        }
        if let last = totals.lastCheckpoint, !recovered, last.checkpointSequence != .max {
            problems.append("the last block is not the end-of-run block: the log was cut")
        }
        if totals.lastCheckpoint == nil, !recovered { problems.append("the log has no end-of-run block") }
        return problems
    }
}
