import DequeModule
import Kernel
import Messages

/// What the recording says the replay must see, fed by ``RecordedInputSource`` as it reads the
/// log and consumed by ``ReplayVerifier`` as the replay runs.
final class ReplayExpectations {
    /// Recorded decisions not yet matched, in emission order, each with the index of the input
    /// recorded after it (the decision must be emitted before that input is admitted).
    var decisions: Deque<(decision: RecordedDecision, beforeInput: UInt64)> = []
    /// Recorded signal records (format 5) not yet matched, in emission order, as ``decisions``.
    var signals: Deque<(signal: RecordedDecision, beforeInput: UInt64)> = []
    /// Per-input checkpoints, by admission order.
    var inputs: Deque<RecordedInput> = []
    /// Block checkpoints taken at an input's admission, in order.
    var checkpoints: Deque<BlockDescriptor> = []
    /// The end-of-run checkpoint (the last block of a cleanly closed log).
    var finalCheckpoint: BlockDescriptor?
    /// Set when the log's tail was damaged: the replay is verified up to there only.
    var damage: JournalDamage?
    /// Set when the log has been read to its end: every recorded decision is in `decisions`.
    var exhausted = false
}
