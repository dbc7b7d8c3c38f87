/// What recovering a log lost, counted from what survives of it: the original trailer's total
/// when the trailer is intact (exact), otherwise the block descriptors still readable after the
/// damage (exact when every block from the damaged one on left its descriptor).
public struct JournalLoss: Sendable, Equatable, CustomStringConvertible {
    /// Records in the file that the recovered log does not hold.
    public var records: UInt64
    /// False when some lost block left no readable descriptor: more may have been lost.
    public var isExact: Bool
    /// How the count was made.
    public var basis: String

    public var description: String {
        "\(isExact ? "" : "at least ")\(records) record\(records == 1 ? "" : "s") (\(basis))"
    }

    static func count(reader: JournalReader, damage: JournalDamage?, trailer: JournalTrailer?, recordsKept: UInt64) -> JournalLoss {
        guard let damage else {
            return JournalLoss(records: 0, isExact: true, basis: "every block in the file was sound")
        }
        if let trailer, trailer.recordCount >= recordsKept {
            return JournalLoss(records: trailer.recordCount - recordsKept, isExact: true, basis: "the original trailer counts \(trailer.recordCount)")
        }
        // One count per block index (a damaged region may repeat a descriptor), in index order.
        var blocks: [(index: Int, records: UInt32)] = []
        for block in reader.intactDescriptors(from: damage.offset) where Int(block.blockIndex) >= damage.blockIndex {
            if !blocks.contains(where: { $0.index == Int(block.blockIndex) }) { blocks.append((Int(block.blockIndex), block.recordCount)) }
        }
        blocks.sort { $0.index < $1.index }
        let indices = blocks.map(\.index)
        let records = blocks.reduce(UInt64(0)) { $0 + UInt64($1.records) }
        guard let last = indices.last else {
            return JournalLoss(records: 0, isExact: false, basis: "block \(damage.blockIndex)'s descriptor is unreadable and no later one survives")
        }
        let complete = indices.first == damage.blockIndex && indices.count == last - damage.blockIndex + 1
        let range = indices.count == 1 ? "block \(last)" : "blocks \(damage.blockIndex)–\(last)"
        let basis = complete ? "the descriptors of \(range)" : "the \(indices.count) readable descriptors of \(range); the others are damaged"
        return JournalLoss(records: records, isExact: complete, basis: basis)
    }
}
