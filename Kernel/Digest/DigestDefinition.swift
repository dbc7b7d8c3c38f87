/// How a run's two digests are computed from its records (docs/determinism.md). A log says which
/// by its format version, so a log recorded under the first definition still replays and
/// verifies.
public enum DigestDefinition: Sendable, Equatable, CaseIterable {
    /// Log format 1: `digest(n) = XXH64(record(n), seed: digest(n − 1))`, `digest(0) = 0`.
    case recordChain
    /// Log format 2 (the default): the XXH64 (seed 0) of all the records concatenated, read at
    /// any point of the stream — what `xxhsum -H1` prints for them written to one file.
    case recordStream

    /// What new runs use.
    public static let current = DigestDefinition.recordStream

    /// The log format version that records digests of this definition.
    public var journalFormatVersion: UInt16 {
        switch self {
        case .recordChain: 1
        case .recordStream: 2
        }
    }

    /// The definition a log of this format version was recorded under; nil for a version this
    /// build does not know.
    public init?(journalFormatVersion: UInt16) {
        guard let known = DigestDefinition.allCases.first(where: { $0.journalFormatVersion == journalFormatVersion }) else { return nil }
        self = known
    }
}
