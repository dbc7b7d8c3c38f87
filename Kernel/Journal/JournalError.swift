/// What can go wrong reading or writing a log.
public enum JournalError: Error, CustomStringConvertible, Equatable {
    /// The file cannot be opened, read or written.
    case io(String)
    /// A compressed frame is malformed.
    case codec(String)
    /// The file is not a Metronome log, or a structure in it is malformed: `offset` is the byte
    /// offset in the file where the bad structure starts.
    case malformed(offset: UInt64, message: String)
    /// A block in the middle of the log is damaged (a later block is intact): the log is not
    /// trustworthy past this point and is not silently truncated.
    case corruptBlock(block: Int, offset: UInt64, message: String)
    /// The log has no trailer to trust (the writer died, or the header was swapped): it cannot
    /// be replayed as a whole until `metronome log recover` rewrites it.
    case notClosed(path: String, reason: String)

    public var description: String {
        switch self {
        case .io(let message): message
        case .codec(let message): message
        case .malformed(let offset, let message): "at byte \(offset): \(message)"
        case .corruptBlock(let block, let offset, let message): "block \(block) at byte \(offset) is corrupt: \(message)"
        case .notClosed(let path, let reason):
            "\(reason); run `metronome log recover \(path) RECOVERED.mlog` to keep its intact blocks, then use RECOVERED.mlog"
        }
    }
}
