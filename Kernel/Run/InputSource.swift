/// A stream of inputs in non-decreasing time order: a generator, a file, a recording.
///
/// Feed output counts as input whether it is generated or loaded, so a recording of the
/// admitted inputs alone can reproduce the run.
public protocol InputSource<Payload> {
    associatedtype Payload: KernelPayload
    /// The next input, or nil when the source is exhausted.
    mutating func next() throws -> KernelInputRecord<Payload>?
}

/// Inputs held in memory (tests, small recordings).
public struct KernelArrayInputSource<Payload: KernelPayload>: InputSource {
    var records: [KernelInputRecord<Payload>]
    var index = 0

    public init(_ records: [KernelInputRecord<Payload>]) { self.records = records }

    public mutating func next() -> KernelInputRecord<Payload>? {
        guard index < records.count else { return nil }
        defer { index += 1 }
        return records[index]
    }
}
