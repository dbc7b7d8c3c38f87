import Actors
import Kernel
import Messages
import Scenarios
import Testing

/// The report's price-path fills: all of them while few, evenly thinned past the capacity, the
/// counts exact.
@Suite struct ChartFillsTests {
    static func fill(_ number: Int) -> FillPoint {
        FillPoint(time: Timestamp(number), symbol: SymbolID(number % 2), side: .buy, price: 100, quantity: 1)
    }

    @Test func everyFillWhileUnderTheCapacity() {
        var chart = ChartFills(symbolCount: 2, capacity: 4)
        chart.append(contentsOf: (0..<4).map(Self.fill))
        #expect(chart.points.map(\.time) == [0, 1, 2, 3] && chart.stride == 1)
    }

    @Test func pastTheCapacityEveryOtherPointGoesAndTheStrideDoubles() {
        var chart = ChartFills(symbolCount: 2, capacity: 4)
        chart.append(contentsOf: (0..<10).map(Self.fill))
        // 4 thins [0 1 2 3] to [0 2] (stride 2) and keeps itself; 8 thins [0 2 4 6] to [0 4] (stride 4).
        #expect(chart.points.map(\.time) == [0, 4, 8])
        #expect(chart.stride == 4)
        #expect(chart.total == 10 && chart.countsBySymbol == [5, 5], "the counts are of every fill")
    }

    @Test func aLongRunKeepsAtMostTheCapacity() {
        var chart = ChartFills(symbolCount: 2, capacity: 1_000)
        chart.append(contentsOf: (0..<1_000_000).map(Self.fill))
        #expect(chart.points.count <= 1_000 && chart.points.count > 500)
        #expect(chart.points.allSatisfy { Int($0.time) % chart.stride == 0 }, "evenly spaced: every stride-th fill")
        #expect(chart.countsBySymbol == [500_000, 500_000])
    }
}
