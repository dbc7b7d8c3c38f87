/// Every symbol's mark at each equity sample, in one flat array (sample by sample, symbol by
/// symbol): a sample costs its marks' bytes, not an array of its own — a long run keeps one of
/// these per sampling interval, so its size is what grows with the run's length.
public struct MarkSamples: Sendable, Equatable, RandomAccessCollection {
    /// One sample's marks, indexed by symbol from 0.
    public struct Row: Sendable, Equatable {
        let values: ArraySlice<Int64>
        public subscript(symbol: Int) -> Int64 { values[values.startIndex + symbol] }
        public var count: Int { values.count }
    }

    public let symbolCount: Int
    private var values: [Int64] = []
    public private(set) var endIndex = 0
    public var startIndex: Int { 0 }

    public init(symbolCount: Int) {
        self.symbolCount = symbolCount
    }

    public subscript(sample: Int) -> Row {
        Row(values: values[(sample * symbolCount)..<((sample + 1) * symbolCount)])
    }

    /// Samples `range` as arrays (for the PnL attribution, a piece at a time).
    public func rows(_ range: Range<Int>) -> [[Int64]] {
        range.map { Array(values[($0 * symbolCount)..<(($0 + 1) * symbolCount)]) }
    }

    mutating func append(_ marks: [Int64]) {
        precondition(marks.count == symbolCount, "one mark per symbol")
        values.append(contentsOf: marks)
        endIndex += 1
    }

    mutating func replaceLast(_ marks: [Int64]) {
        precondition(marks.count == symbolCount && endIndex > 0, "one mark per symbol, after a first sample")
        values.replaceSubrange(((endIndex - 1) * symbolCount)..<(endIndex * symbolCount), with: marks)
    }
}
