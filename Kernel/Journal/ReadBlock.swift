/// One block as read from a log: its descriptor, where it starts, and its records uncompressed.
public struct ReadBlock: Sendable {
    public var descriptor: BlockDescriptor
    /// Byte offset of the block's descriptor frame.
    public var offset: UInt64
    /// Bytes of the descriptor frame and the data frame together.
    public var fileBytes: UInt64
    public var bytes: [UInt8]

    /// The records, decoded lazily and checked against the descriptor (``KernelBlockDecoder/init(block:inputsNotBefore:)``).
    public func records<Payload: KernelPayload>(as payload: Payload.Type) -> KernelBlockDecoder<Payload> { KernelBlockDecoder(block: self) }

    /// The records, whose inputs must not be earlier than the previous block's last input.
    public func records<Payload: KernelPayload>(inputsNotBefore: Timestamp, as payload: Payload.Type) -> KernelBlockDecoder<Payload> { KernelBlockDecoder(block: self, inputsNotBefore: inputsNotBefore) }
}
