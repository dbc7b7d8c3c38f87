import KOpaque
import MsgOpaque
@inline(__always) func payloadOf(_ m: Message) -> Payload { m.payload }
