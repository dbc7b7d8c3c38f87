@testable import Actors
import Kernel
import Messages
import Testing

/// The input defense's sorted window, kept in place as the window slides.
@Suite struct HampelFilterTests {
    /// Replacing a window's oldest value gives the array that sorting the new window gives —
    /// with duplicates, with the new value below, above or equal to everything — and a missing
    /// old value only inserts.
    @Test func replacingKeepsTheWindowSorted() {
        var random = SplitMix64(seed: 5)
        var window = (0..<21).map { _ in Double(random.next() % 40) }
        var sorted = window.sorted()
        for step in 0..<5_000 {
            let slot = step % window.count
            let value = step % 97 == 0 ? -1 : step % 89 == 0 ? 100 : Double(random.next() % 40)
            HampelFilter.replace(window[slot], with: value, in: &sorted)
            window[slot] = value
            guard sorted == window.sorted() else {
                Issue.record("step \(step): \(sorted) is not \(window.sorted())")
                return
            }
        }
        var short = [1.0, 3.0]
        HampelFilter.replace(2, with: 0, in: &short)
        #expect(short == [0, 1, 3], "2 was not there: 0 is inserted")
    }

    /// The branch-free search finds what a scan finds: the first element not below the value, in
    /// arrays of every length up to 40, with duplicates, for values below, between, on and above.
    @Test func lowerBoundIsTheFirstElementNotBelow() {
        var random = SplitMix64(seed: 9)
        for count in 0...40 {
            for _ in 0..<20 {
                let sorted = (0..<count).map { _ in Double(random.next() % 12) }.sorted()
                for value in stride(from: -1.0, through: 12.5, by: 0.5) {
                    let expected = sorted.firstIndex { !($0 < value) } ?? sorted.count
                    #expect(HampelFilter.lowerBound(of: value, in: sorted) == expected, "\(value) in \(sorted)")
                }
            }
        }
    }
}
