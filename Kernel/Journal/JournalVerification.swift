/// Checks everything in a log that can be checked without replaying it: every frame checksum,
/// every block checksum and record (``JournalBodyCheck``), the index against the real block
/// offsets, the counts, and the input and decision digests recomputed from the records against
/// every checkpoint and the trailer. (The event digest needs a replay: `metronome log verify`
/// runs one.)
public enum JournalVerification {
    public struct Report: Sendable {
        public var blocks = 0
        public var records: UInt64 = 0
        public var inputs: UInt64 = 0
        public var decisions: UInt64 = 0
        /// Annotation records (format 5).
        public var annotations: UInt64 = 0
        /// Inputs in blocks that `log recover` brought back from a write-ahead file.
        public var recoveredInputs: UInt64 = 0
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
    public static func verify<Payload: KernelPayload>(_ reader: JournalReader, payload: Payload.Type) -> Report {
        var report = Report()
        let (trailer, trailerProblem) = reader.trailerStatus()
        report.trailer = trailer
        if let trailerProblem { report.problems.append(trailerProblem) }
        var cursor = reader.blocks()
        var body = JournalBodyCheck<Payload>(header: reader.header)
        var offsets: [UInt64] = []
        var structureBroken = false
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
            report.problems += body.add(block)
        }
        let totals = body.totals
        report.records = totals.records
        report.inputs = totals.inputs
        report.decisions = totals.decisions
        report.annotations = totals.annotations
        report.recoveredInputs = totals.recoveredInputs
        report.uncompressedBytes = totals.uncompressedBytes
        report.firstTime = totals.firstTime
        report.lastTime = totals.lastTime
        report.inputDigest = totals.inputDigest
        report.decisionDigest = totals.decisionDigestValue
        if let trailer = report.trailer, !structureBroken {
            report.problems += body.trailerProblems(trailer, blockOffsets: offsets)
        }
        return report
    }
}
