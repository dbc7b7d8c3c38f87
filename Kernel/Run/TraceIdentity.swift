/// What a decision's trace id (``KernelContext/traceID``) names: the input behind it. A log says which
/// by its format version.
///
/// Two runs on the same inputs admit them in the same order, but a run with other parameters
/// schedules other events between them: every sequence number after the first difference shifts,
/// while an input's ordinal does not. So trace ids are ordinals from format 4 on, and `diff` and
/// `replay --with` pair decisions by them without working anything out.
public enum TraceIdentity: Sendable, Equatable, CaseIterable {
    /// Log formats 1–3: the input's sequence number.
    case inputSequence
    /// Log format 4 (the default): the input's 1-based ordinal among the run's inputs; 0 before
    /// the first input.
    case inputOrdinal

    /// What new runs use.
    public static let current = TraceIdentity.inputOrdinal

    /// The trace identity of a log of this format version.
    public init(journalFormatVersion: UInt16) {
        self = journalFormatVersion >= 4 ? .inputOrdinal : .inputSequence
    }
}
