/// Checks everything in a log that can be checked without replaying it: every frame checksum,
/// every block checksum and record, the index against the real block offsets, the counts, and
/// the input and decision digests recomputed from the records against every checkpoint and the
/// trailer. (The event digest needs a replay: `metronome log verify` runs one.)
public enum JournalVerification {
    public struct Report: Sendable {
        public var blocks = 0
        public var records: UInt64 = 0
        public var inputs: UInt64 = 0
        public var decisions: UInt64 = 0
        public var uncompressedBytes: UInt64 = 0
        public var firstTime: Timestamp = .max
        public var lastTime: Timestamp = 0
        public var inputDigest: UInt64 = 0
        public var decisionDigest: UInt64 = 0
        public var trailer: JournalTrailer?
        public var damage: JournalDamage?
        /// Every problem found, in file order; empty means the log is intact.
        public var problems: [String] = []
        /// Set by the caller when it checked the event digest by replay.
        public var isIntact: Bool { problems.isEmpty && damage == nil && trailer != nil }
    }

    /// Streams the whole log once (one block in memory at a time).
    /// - Parameter perRecord: called for every record, in order (for `log cat` style consumers).
    public static func verify(_ reader: JournalReader) -> Report {
        var report = Report()
        report.trailer = reader.readTrailer()
        if report.trailer == nil { report.problems.append("no valid trailer: the log was not closed cleanly") }
        var cursor = reader.blocks()
        var scratch = BinaryWriter(reservingCapacity: 256)
        // The decision digest, recomputed the way this log's format computes it.
        var decisionDigest = RunDigest(definition: reader.header.digestDefinition)
        report.decisionDigest = decisionDigest.decision
        var offsets: [UInt64] = []
        var lastCheckpoint: BlockDescriptor?
        var structureBroken = false
        var lastExpectedDecisionDigest: UInt64 = 0
        while true {
            let block: ReadBlock?
            do {
                block = try cursor.next()
            } catch {
                report.problems.append(error.description)
                structureBroken = true
                break
            }
            guard let block else {
                report.damage = cursor.damage
                if let damage = cursor.damage { report.problems.append(damage.description) }
                break
            }
            offsets.append(block.offset)
            report.blocks += 1
            report.uncompressedBytes += UInt64(block.bytes.count)
            var records = block.records
            var count: UInt32 = 0
            var inputs: UInt32 = 0
            // A block is cut right after its checkpoint input, before that input is published: the
            // checkpoint's decision digest is the one before the block's last record.
            var decisionDigestBeforeLastRecord = report.decisionDigest
            while let record = records.next() {
                decisionDigestBeforeLastRecord = report.decisionDigest
                count += 1
                report.records += 1
                report.firstTime = min(report.firstTime, record.time)
                report.lastTime = max(report.lastTime, record.time)
                switch record {
                case .input(let input):
                    inputs += 1
                    report.inputs += 1
                    report.inputDigest = JournalRecorder.chain(report.inputDigest, input, scratch: &scratch)
                    if input.message.tag.isDecision {
                        decisionDigest.recordDecision(time: input.time, source: .input, message: input.message)
                        report.decisionDigest = decisionDigest.decision
                    }
                case .decision(let decision):
                    report.decisions += 1
                    decisionDigest.recordDecision(time: decision.time, source: decision.source, message: decision.message)
                    report.decisionDigest = decisionDigest.decision
                }
            }
            let name = "block \(block.descriptor.blockIndex) at byte \(block.offset)"
            if let error = records.error { report.problems.append("\(name): record at byte \(error.offset): \(error.message)") }
            if count != block.descriptor.recordCount || inputs != block.descriptor.inputCount {
                report.problems.append("\(name): holds \(count) records (\(inputs) inputs), its descriptor says \(block.descriptor.recordCount) (\(block.descriptor.inputCount))")
            }
            if report.inputDigest != block.descriptor.inputDigest {
                report.problems.append("\(name): input digest \(RunDigest.hex(report.inputDigest)) differs from its checkpoint \(RunDigest.hex(block.descriptor.inputDigest))")
            }
            let expectedDecisionDigest = block.descriptor.checkpointSequence == .max ? report.decisionDigest : decisionDigestBeforeLastRecord
            lastExpectedDecisionDigest = expectedDecisionDigest
            if expectedDecisionDigest != block.descriptor.decisionDigest {
                report.problems.append("\(name): decision digest \(RunDigest.hex(expectedDecisionDigest)) differs from its checkpoint \(RunDigest.hex(block.descriptor.decisionDigest))")
            }
            lastCheckpoint = block.descriptor
        }
        if let trailer = report.trailer, !structureBroken {
            if trailer.index.map(\.offset) != offsets { report.problems.append("the index does not match the blocks' offsets") }
            if trailer.recordCount != report.records || trailer.inputCount != report.inputs || trailer.decisionCount != report.decisions {
                report.problems.append("the trailer counts \(trailer.recordCount) records (\(trailer.inputCount) inputs, \(trailer.decisionCount) decisions); the blocks hold \(report.records) (\(report.inputs), \(report.decisions))")
            }
            if trailer.inputDigest != report.inputDigest {
                report.problems.append("input digest: trailer \(RunDigest.hex(trailer.inputDigest)), recomputed \(RunDigest.hex(report.inputDigest))")
            }
            if trailer.decisionDigest != lastExpectedDecisionDigest {
                report.problems.append("decision_digest: trailer \(RunDigest.hex(trailer.decisionDigest)), recomputed \(RunDigest.hex(lastExpectedDecisionDigest))")
            }
            let recovered = trailer.stopReason == JournalRecovery.recoveredStopReason
            if let last = lastCheckpoint, recovered || last.checkpointSequence == .max,
               last.eventDigest != trailer.eventDigest || last.deliveries != trailer.deliveries || last.decisionDigest != trailer.decisionDigest {
                report.problems.append("the trailer's digests differ from the final checkpoint")
            }
            if let last = lastCheckpoint, !recovered, last.checkpointSequence != .max {
                report.problems.append("the last block is not the end-of-run block: the log was cut")
            }
        }
        return report
    }
}
