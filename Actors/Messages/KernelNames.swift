import Kernel

// The kernel is generic over the payload it carries (``KernelPayload``); a trading pipeline
// carries ``Message``. These are the names Actors, Scenarios and the tests use for the kernel's
// types with that payload, so that code written for the pipeline reads as it did before the
// kernel stopped knowing trading (docs/architecture.md, "The kernel knows no trading").

public typealias Kernel = EventKernel<Message>
public typealias Context = KernelContext<Message>
public typealias Delivery = KernelDelivery<Message>
public typealias ScheduledEvent = KernelScheduledEvent<Message>
public typealias InputRecord = KernelInputRecord<Message>
public typealias AdmittedInput = KernelAdmittedInput<Message>
public typealias RecordedDecision = KernelRecordedDecision<Message>
public typealias RecordedInput = KernelRecordedInput<Message>
public typealias JournalRecord = KernelJournalRecord<Message>
public typealias ArrayInputSource = KernelArrayInputSource<Message>
public typealias BlockDecoder = KernelBlockDecoder<Message>

extension ReadBlock {
    /// The records, decoded lazily as trading messages (``KernelBlockDecoder/init(block:inputsNotBefore:)``).
    public var records: BlockDecoder { records(as: Message.self) }

    /// The records, whose inputs must not be earlier than the previous block's last input.
    public func records(inputsNotBefore: Timestamp) -> BlockDecoder { records(inputsNotBefore: inputsNotBefore, as: Message.self) }
}

extension JournalVerification {
    /// Checks a log of trading messages (``verify(_:payload:)``).
    public static func verify(_ reader: JournalReader) -> Report { verify(reader, payload: Message.self) }
}

extension JournalRecovery {
    /// Recovers a log of trading messages (``recover(input:output:payload:)``).
    public static func recover(input: String, output: String) throws(JournalError) -> Report {
        try recover(input: input, output: output, payload: Message.self)
    }
}
