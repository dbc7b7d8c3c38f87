import Kernel
import Messages

/// UTC times in ISO 8601: `2024-03-01T14:30:00Z`, `2024-03-01T14:30:00.250Z`, `2024-03-01 14:30:00`,
/// or a bare date `2024-03-01` (midnight). Parsed with integer arithmetic, no time zones.
public enum TimestampText {
    public static func parse(_ text: String) -> Timestamp? { TimeUnits.parseISO8601(text) }

    /// The time, or why not: `.malformed`, or `.outOfRange` naming the impossible part.
    public static func parseChecked(_ text: String) -> Result<Timestamp, TimeTextProblem> { TimeUnits.parseISO8601Checked(text) }
}
