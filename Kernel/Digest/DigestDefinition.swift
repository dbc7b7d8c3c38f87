/// How a run's two digests are computed from its records (docs/determinism.md). A log says which
/// by its format version, so a log recorded under the first definition still replays and
/// verifies.
public enum DigestDefinition: Sendable, Equatable, CaseIterable {
    /// Log format 1: `digest(n) = XXH64(record(n), seed: digest(n − 1))`, `digest(0) = 0`.
    case recordChain
    /// Log formats 2 to 5 (the default): the XXH64 (seed 0) of all the records concatenated, read at
    /// any point of the stream — what `xxhsum -H1` prints for them written to one file.
    case recordStream

    /// What new runs use.
    public static let current = DigestDefinition.recordStream

    /// The definition a log of this format version was recorded under; nil for a version this
    /// build does not know.
    public init?(journalFormatVersion: UInt16) {
        switch journalFormatVersion {
        case 1: self = .recordChain
        // Format 3 binds the header to the body, format 4 traces by input ordinal, format 5 adds
        // signal records (docs/log-format.md); their digests are format 2's.
        case 2, 3, 4, 5: self = .recordStream
        default: return nil
        }
    }
}
