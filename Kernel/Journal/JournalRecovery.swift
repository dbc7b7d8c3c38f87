#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites a torn or damaged log as a clean one: the header and every sound block copied
/// verbatim, the inputs a dead live run left in its write-ahead folder (``JournalWriteAhead``)
/// after them, then a new index and a trailer whose digests are the last sound block's
/// checkpoint (stop reason `recovered`). A block is kept only when it passes the checks `log
/// verify` makes (``JournalBodyCheck``), so the output verifies up to the loss point. Says
/// exactly what was lost.
public enum JournalRecovery {
    public struct Report: Sendable {
        public var blocksKept: Int
        public var recordsKept: UInt64
        public var inputsKept: UInt64
        /// The damage that ended the copy (nil when every block was sound).
        public var damage: JournalDamage?
        /// The input was cleanly closed and sound: the output is a plain copy.
        public var wasClean: Bool
        /// Last time covered by the recovered log.
        public var lastTime: Timestamp
        /// What was lost, counted (``JournalLoss``).
        public var loss: JournalLoss
        /// Inputs brought back from the write-ahead folder, after the blocks kept.
        public var inputsFromWriteAhead: Int
        /// Why the write-ahead folder gave fewer inputs than it held, if it did.
        public var writeAheadProblem: String?
        /// The original trailer disagreed with the blocks (they were kept; the trailer rewritten).
        public var trailerProblems: [String]
    }

    public static let recoveredStopReason = "recovered"

    public static func recover<Payload: KernelPayload>(input: String, output: String, payload: Payload.Type) throws(JournalError) -> Report {
        let reader = try JournalReader(path: input)
        let trailer = reader.readTrailer()
        let header = reader.header
        var file = try RecoveryOutput(path: output, headerBytes: try reader.rawBytes(at: 0, count: Int(reader.firstBlockOffset)))
        var check = JournalBodyCheck<Payload>(header: header)
        let (originalOffsets, damage) = try copySoundBlocks(reader, checking: &check, into: &file)
        let body = check.totals
        var trailerProblems: [String] = []
        if damage == nil, let trailer { trailerProblems = check.trailerProblems(trailer, blockOffsets: originalOffsets) }
        // A live run that died: its last inputs may be in the write-ahead folder (format 3 on:
        // older descriptors have no flags to mark them).
        let restored = !reader.bindsHeader ? WriteAheadInputs() : WriteAheadInputs<Payload>.read(logPath: input, headerDigest: reader.headerDigest, firstBlock: UInt32(file.index.count),
                                             afterSequence: body.lastInput?.sequence, notBefore: body.lastInput?.time ?? 0)
        if !restored.inputs.isEmpty {
            try appendRecoveredInputs(restored.inputs, header: header, headerDigest: reader.headerDigest, check: &check, into: &file)
        }
        let totals = check.totals
        let clean = trailer != nil && damage == nil && trailerProblems.isEmpty && restored.inputs.isEmpty
        let checkpoint = totals.lastCheckpoint
        let lastTime = totals.records > 0 ? totals.lastTime : header.startTime
        var newTrailer = JournalTrailer(
            index: file.index, blockCount: UInt32(file.index.count), recordCount: totals.records, inputCount: totals.inputs,
            decisionCount: totals.decisions, deliveries: checkpoint?.deliveries ?? 0, inputDigest: totals.inputDigest,
            eventDigest: checkpoint?.eventDigest ?? 0, decisionDigest: checkpoint?.decisionDigest ?? 0,
            endTime: clean ? trailer?.endTime ?? lastTime : lastTime,
            stopReason: clean ? (trailer?.stopReason ?? "") : recoveredStopReason)
        newTrailer.headerDigest = reader.headerDigest
        try file.finish(trailer: newTrailer, formatVersion: header.formatVersion)
        let loss = JournalLoss.count(reader: reader, damage: damage, trailer: trailer, recordsKept: body.records)
        return Report(blocksKept: file.index.count, recordsKept: totals.records, inputsKept: totals.inputs, damage: damage, wasClean: clean,
                      lastTime: lastTime, loss: loss, inputsFromWriteAhead: restored.inputs.count, writeAheadProblem: restored.problem,
                      trailerProblems: trailerProblems)
    }

    /// Copies blocks while they are readable and sound; returns the checks' totals, the blocks'
    /// offsets in the input and the damage that stopped the copy.
    private static func copySoundBlocks<Payload: KernelPayload>(_ reader: JournalReader, checking body: inout JournalBodyCheck<Payload>,
                                        into file: inout RecoveryOutput) throws(JournalError) -> ([UInt64], JournalDamage?) {
        var cursor = reader.blocks()
        var offsets: [UInt64] = []
        while true {
            let block: ReadBlock?
            do {
                block = try cursor.next()
            } catch {
                // Damage in the middle: keep what precedes it, and say so.
                guard case .corruptBlock(let number, let offset, let message) = error else { throw error }
                let damage = JournalDamage(blockIndex: number, offset: offset, bytesLost: reader.fileSize - offset, recordsLost: nil,
                                           reason: message + " (a corrupt block in the middle: the intact blocks after it are dropped too, since the run cannot be rebuilt past the hole)")
                return (offsets, damage)
            }
            guard let block else { return (offsets, cursor.damage) }
            let problems = body.add(block, keepingOnlySound: true)
            guard problems.isEmpty else {
                let damage = JournalDamage(blockIndex: Int(block.descriptor.blockIndex), offset: block.offset, bytesLost: reader.fileSize - block.offset,
                                           recordsLost: nil, reason: problems.joined(separator: "; "))
                return (offsets, damage)
            }
            offsets.append(block.offset)
            try file.append(try reader.rawBytes(at: block.offset, count: Int(block.fileBytes)), descriptor: block.descriptor)
        }
    }

    /// Writes the inputs of the write-ahead folder as blocks flagged ``JournalFormat/recoveredInputsFlag``:
    /// inputs only, carrying the last sound block's checkpoint.
    private static func appendRecoveredInputs<Payload: KernelPayload>(_ inputs: [KernelRecordedInput<Payload>], header: JournalHeader, headerDigest: UInt64,
                                              check: inout JournalBodyCheck<Payload>, into file: inout RecoveryOutput) throws(JournalError) {
        let carried = check.totals.lastCheckpoint
        var inputDigest = check.totals.inputDigest
        var scratch = BinaryWriter(reservingCapacity: 256)
        var encoder = BlockEncoder()
        var pending: [KernelRecordedInput<Payload>] = []
        func seal() throws(JournalError) {
            guard let first = pending.first, let last = pending.last else { return }
            let descriptor = BlockDescriptor(
                blockIndex: UInt32(file.index.count), codec: header.codec, recordCount: UInt32(pending.count), inputCount: UInt32(pending.count),
                firstTime: first.time, lastTime: last.time, firstSequence: first.sequence, lastSequence: last.sequence,
                uncompressedBytes: 0, compressedBytes: 0, checksum: 0, checkpointSequence: last.sequence,
                deliveries: carried?.deliveries ?? 0, eventDigest: carried?.eventDigest ?? 0, decisionDigest: carried?.decisionDigest ?? 0,
                inputDigest: inputDigest, headerDigest: headerDigest, flags: JournalFormat.recoveredInputsFlag)
            let (sealed, bytes) = try JournalWriter.frames(of: SealedBlock(bytes: encoder.buffer.bytes, descriptor: descriptor), codec: header.codec,
                                                           level: header.level, formatVersion: header.formatVersion, headerDigest: headerDigest)
            try file.append(bytes, descriptor: sealed)
            let (offset, frameBytes) = (file.index.last!.offset, UInt64(bytes.count))
            let read = ReadBlock(descriptor: sealed, offset: offset, fileBytes: frameBytes, bytes: encoder.buffer.bytes)
            let problems = check.add(read)
            precondition(problems.isEmpty, "a recovered-inputs block fails its own checks: \(problems)")
            encoder.reset()
            pending.removeAll()
        }
        for input in inputs {
            encoder.append(input)
            pending.append(input)
            inputDigest = JournalRecorder<Payload>.chain(inputDigest, input, scratch: &scratch)
            if encoder.byteCount >= Int(header.blockBytes) { try seal() }
        }
        try seal()
    }
}
