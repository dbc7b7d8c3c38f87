import Actors
import Testing

/// The bounded duplicate filter behind resent fills and orders.
@Suite struct RecentIDsTests {
    /// Inserts each id in turn; true where it was new.
    static func insert(_ ids: [UInt64], into window: inout RecentIDs) -> [Bool] {
        ids.map { window.insert($0) }
    }

    @Test func aResendInsideTheWindowIsRecognized() {
        var window = RecentIDs(capacity: 3)
        let fresh = Self.insert([10, 11, 12, 10, 12], into: &window)
        #expect(fresh == [true, true, true, false, false], "resends of ids still in the window")
        #expect(window.count == 3)
    }

    @Test func theOldestIDLeavesWhenTheWindowIsFull() {
        var window = RecentIDs(capacity: 3)
        let fresh = Self.insert([1, 2, 3, 4, 2, 3, 4, 1, 2], into: &window)
        // 4 pushes out 1; 2, 3, 4 are resends; 1 is new again and pushes out 2, which is then new.
        #expect(fresh == [true, true, true, true, false, false, false, true, true])
        #expect(window.count == 3, "never more than the capacity")
    }

    @Test func aLongRunKeepsAtMostTheCapacity() {
        var window = RecentIDs(capacity: 100)
        let fresh = Self.insert(Array(0..<100_000), into: &window).filter { $0 }.count
        #expect(fresh == 100_000 && window.count == 100)
        #expect(Self.insert([99_999, 99_900, 99_899], into: &window) == [false, false, true])
    }
}
