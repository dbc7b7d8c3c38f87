/// The last `capacity` distinct ids seen, to recognize a resent report (same nonzero fill id) or
/// a resent order (same order id) in bounded memory: a run as long as you like keeps at most
/// `capacity` of them, so replaying a 100M-event log costs no more memory than a short one.
///
/// Why a window is enough: a venue or the chaos layer resends a report or an order right after the
/// original (the chaos duplicate is delivered at the same instant), long before `capacity` newer
/// ids have arrived. An id older than the window is forgotten, so its resend would count again —
/// with the default window that takes 16,384 fills (or orders) in between.
///
/// Membership is only ever queried, never iterated, so the set's hash order cannot reach a result.
public struct RecentIDs: Sendable {
    /// Ids kept by default: fills or orders in flight at once stay far below it.
    public static let defaultCapacity = 16_384

    public let capacity: Int
    private var members: Set<UInt64> = []
    /// The members in the order they arrived; the oldest is overwritten at `next` once full.
    private var arrivals: [UInt64] = []
    private var next = 0

    public init(capacity: Int = RecentIDs.defaultCapacity) {
        precondition(capacity > 0, "a window of at least one id")
        self.capacity = capacity
    }

    /// Adds `id`; false when it is already in the window (a resend).
    /// - Complexity: O(1) amortized; allocates only while the window fills up.
    public mutating func insert(_ id: UInt64) -> Bool {
        guard members.insert(id).inserted else { return false }
        if arrivals.count < capacity {
            arrivals.append(id)
        } else {
            members.remove(arrivals[next])
            arrivals[next] = id
            next = next + 1 == capacity ? 0 : next + 1
        }
        return true
    }

    /// Ids currently remembered (at most ``capacity``).
    public var count: Int { members.count }
}
