/// A stream of inputs in non-decreasing time order: a generator, a file, a recording.
///
/// Feed output counts as input whether it is generated or loaded, so a recording of the
/// admitted inputs alone can reproduce the run.
public protocol InputSource {
    /// The next input, or nil when the source is exhausted.
    mutating func next() throws -> InputRecord?
}

/// Inputs held in memory (tests, small recordings).
public struct ArrayInputSource: InputSource {
    private var records: [InputRecord]
    private var index = 0

    public init(_ records: [InputRecord]) { self.records = records }

    public mutating func next() -> InputRecord? {
        guard index < records.count else { return nil }
        defer { index += 1 }
        return records[index]
    }
}
