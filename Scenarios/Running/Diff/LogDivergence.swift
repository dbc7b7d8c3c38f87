import Kernel
import Messages

/// The first place two logs differ.
public struct LogDivergence: Sendable, Equatable {
    /// 0-based index of the differing record (inputs and decisions counted together).
    public var recordIndex: UInt64
    public var time: Timestamp
    /// The component behind the record (`input <topic>` for an input).
    public var actor: String
    /// Both records as JSON; nil where that log had already ended.
    public var a: String?
    public var b: String?
    /// What differs, in words.
    public var detail: String
}
