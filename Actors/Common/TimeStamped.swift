import Kernel
import Messages

/// A record stamped with the simulated time it was made at (a decision record, a fill point):
/// components keep them in time order until the run's history takes them
/// (``Swift/Array/removeRecords(before:)``).
public protocol TimeStamped {
    var time: Timestamp { get }
}

extension Array where Element: TimeStamped {
    /// Removes and returns the records made before `cutoff`, from an array in time order. With
    /// `cutoff` at the kernel's current time, nothing made later can belong to them: every record
    /// to come is stamped at or after it.
    /// - Complexity: O(count); the array keeps its capacity, so a buffer taken from regularly
    ///   stays as large as one period's records.
    public mutating func removeRecords(before cutoff: Timestamp) -> [Element] {
        let taken = firstIndex { $0.time >= cutoff } ?? count
        guard taken > 0 else { return [] }
        let records = Array(self[..<taken])
        removeSubrange(..<taken)
        return records
    }
}
