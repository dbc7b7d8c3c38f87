/// Why a time or a duration written as text was refused.
public enum TimeTextProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not shaped like the expected text at all: the caller's format hint says what is.
    case malformed
    /// Shaped right, but naming a value that does not exist or that Metronome cannot represent;
    /// the text says which part and why (e.g. "February 2024 has 29 days").
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed: "not in the expected format"
        case .outOfRange(let reason): reason
        }
    }
}
