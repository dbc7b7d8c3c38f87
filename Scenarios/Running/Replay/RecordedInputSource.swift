import Kernel
import Messages

/// Feeds a replay from a log: the recorded inputs, in recorded order, at their recorded times
/// and with their recorded sequence numbers; decisions and checkpoints go to the expectations.
/// Streams one block at a time (constant memory).
final class RecordedInputSource: InputSource {
    private var cursor: BlockCursor
    private var records: BlockDecoder?
    private var blockInputsLeft = 0
    private var currentBlock: BlockDescriptor?
    private var currentBlockOffset: UInt64 = 0
    private let topicMap: [TopicID]
    let expectations: ReplayExpectations
    /// The last input's time: the next block's inputs must not be earlier.
    private var lastInputTime: Timestamp = 0
    /// Inputs handed to the kernel so far.
    private(set) var inputsRead: UInt64 = 0
    /// False for a counterfactual: nothing is expected, and sequence numbers may differ (other
    /// parameters schedule other events between the same inputs).
    private let verifying: Bool

    init(reader: JournalReader, kernel: Kernel, expectations: ReplayExpectations, verifying: Bool = true) {
        self.verifying = verifying
        cursor = reader.blocks()
        // Map the recording's topic ids to this kernel's by name.
        topicMap = reader.header.topicNames.map { kernel.topic(named: $0) }
        self.expectations = expectations
    }

    func next() throws -> InputRecord? {
        while true {
            if var decoder = records {
                if let record = decoder.next() {
                    records = decoder
                    switch record {
                    case .decision(let decision):
                        if verifying { expectations.decisions.append((decision, inputsRead)) }
                    case .annotation(let signal):
                        if verifying { expectations.signals.append((signal, inputsRead)) }
                    case .input(let input):
                        guard Int(input.topic.rawValue) < topicMap.count else {
                            throw JournalError.malformed(offset: currentBlockOffset, message: "block \(currentBlock.map { "\($0.blockIndex)" } ?? "?"): input on topic \(input.topic.rawValue), which the header does not name")
                        }
                        if verifying { expectations.inputs.append(input) }
                        lastInputTime = input.time
                        inputsRead += 1
                        return InputRecord(time: input.time, topic: topicMap[Int(input.topic.rawValue)], message: input.message,
                                           recordedSequence: verifying ? input.sequence : nil)
                    }
                    continue
                }
                if let error = decoder.error {
                    let block = currentBlock.map { Int($0.blockIndex) } ?? -1
                    throw JournalError.corruptBlock(block: block, offset: currentBlockOffset, message: "record at byte \(error.offset) of the uncompressed block: \(error.message)")
                }
                records = nil
            }
            guard let block = try cursor.next() else {
                expectations.damage = cursor.damage
                expectations.exhausted = true
                return nil
            }
            currentBlock = block.descriptor
            currentBlockOffset = block.offset
            // Recovered inputs carry the last checkpoint before the loss, already compared.
            if !verifying || block.descriptor.holdsRecoveredInputs {
            } else if block.descriptor.checkpointSequence == .max {
                expectations.finalCheckpoint = block.descriptor
            } else {
                expectations.checkpoints.append(block.descriptor)
            }
            records = block.records(inputsNotBefore: lastInputTime)
        }
    }
}
