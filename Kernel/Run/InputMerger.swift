/// Merges several input sources into one stream ordered by time; on equal times the source
/// registered first goes first. (Sources are few, so a linear scan beats a heap.)
struct InputMerger<Payload: KernelPayload> {
    var sources: [any InputSource<Payload>] = []
    var heads: [KernelInputRecord<Payload>?] = []

    var isEmpty: Bool { sources.isEmpty }

    mutating func add(_ source: any InputSource<Payload>) throws {
        var source = source
        let head = try source.next()
        sources.append(source)
        heads.append(head)
    }

    /// - Complexity: O(number of sources).
    mutating func next() throws -> KernelInputRecord<Payload>? {
        var best: Int? = nil
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            if let current = best, let bestHead = heads[current], bestHead.time <= head.time { continue }
            best = index
        }
        guard let chosen = best else { return nil }
        let record = heads[chosen]
        heads[chosen] = try sources[chosen].next()
        return record
    }
}
