/// Merges several input sources into one stream ordered by time; on equal times the source
/// registered first goes first. (Sources are few, so a linear scan beats a heap.)
struct InputMerger {
    private var sources: [any InputSource] = []
    private var heads: [InputRecord?] = []

    var isEmpty: Bool { sources.isEmpty }

    mutating func add(_ source: any InputSource) throws {
        var source = source
        let head = try source.next()
        sources.append(source)
        heads.append(head)
    }

    /// - Complexity: O(number of sources).
    mutating func next() throws -> InputRecord? {
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
