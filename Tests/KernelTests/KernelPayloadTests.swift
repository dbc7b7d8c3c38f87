import Kernel
import Messages
import Testing

/// The kernel reads payloads through ``KernelPayload`` only: for the trading `Message`, what the
/// protocol answers must be what the message's own tag says, or digests and journals would
/// change when the kernel stops knowing `Message`.
@Suite struct KernelPayloadTests {
    /// Through the protocol, as the kernel sees a payload once it no longer names `Message`.
    private static func facts<P: KernelPayload>(_ payload: P) -> (tag: UInt16, decision: Bool, annotation: Bool, trace: UInt64?) {
        (payload.payloadTag, payload.isDecision, payload.isAnnotation, payload.traceID)
    }

    private static func roundTrip<P: KernelPayload>(_ payload: P) throws -> P {
        var writer = BinaryWriter()
        payload.encodePayload(into: &writer)
        var reader = BinaryReader(writer.bytes)
        let decoded = try P.decodePayload(tag: payload.payloadTag, from: &reader)
        #expect(reader.isAtEnd, "tag \(payload.payloadTag) left bytes unread")
        return decoded
    }

    @Test func everyMessageAnswersWhatItsTagSays() throws {
        for message in CodecTests.samples {
            let facts = Self.facts(message)
            #expect(facts.tag == message.tag.rawValue)
            #expect(facts.decision == message.tag.isDecision, "\(message.tag)")
            #expect(facts.annotation == message.tag.isSignal, "\(message.tag)")
            #expect(facts.trace == message.traceID, "\(message.tag)")
            #expect(try Self.roundTrip(message) == message, "\(message.tag)")
        }
    }

    /// Decisions and annotations are disjoint: a record is journaled as one or the other.
    @Test func noTagIsBothADecisionAndAnAnnotation() {
        for message in CodecTests.samples {
            #expect(!(message.isDecision && message.isAnnotation), "\(message.tag)")
        }
    }

    @Test func timersWrapAndUnwrap() {
        let fired = TimerFired(tag: 42)
        let wrapped: Message = .timer(fired)
        #expect(Self.wrapTimer(fired) == wrapped)
        #expect(wrapped.firedTimer == fired)
        #expect(Message.ping(Ping(value: 1)).firedTimer == nil)
        #expect(!wrapped.isDecision && !wrapped.isAnnotation && wrapped.traceID == nil)
    }

    private static func wrapTimer<P: KernelPayload>(_ fired: TimerFired, as type: P.Type = Message.self) -> P { P.timer(fired) }
}
