import CZstd

/// Compresses a writer's blocks into frames, reusing one zstd context and one output buffer for
/// every block. `ZSTD_compress` made and freed a context (its tables allocated and faulted in) for
/// each block, and a zero-filled output array of the frame's bound was faulted in page by page
/// and then copied behind the descriptor: on one core, the recording paid for all three.
///
/// Owned by one thread at a time (the writer thread, or a recovery).
final class BlockCompressor {
    let codec: BlockCodec
    let level: Int32
    private let zstdContext: OpaquePointer?
    /// The last frame compressed, until the next call.
    private(set) var frame = BinaryWriter(reservingCapacity: 64 * 1024)

    init(codec: BlockCodec, level: Int32) {
        self.codec = codec
        self.level = level
        zstdContext = codec == .zstd ? ZSTD_createCCtx() : nil
    }

    deinit {
        if let zstdContext { ZSTD_freeCCtx(zstdContext) }
    }

    /// Compresses `input` into one frame, held in ``frame``.
    func compress(_ input: UnsafeRawBufferPointer) throws(JournalError) {
        frame.reset()
        try codec.appendFrame(of: input, level: level, zstdContext: zstdContext, to: &frame)
    }
}
