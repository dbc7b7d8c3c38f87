/// A finished block on its way from the kernel thread to the writer thread: the uncompressed
/// records and the descriptor fields known at cut time (the writer fills in the checksum and sizes).
struct SealedBlock: @unchecked Sendable {
    var bytes: [UInt8]
    var descriptor: BlockDescriptor
}
