import Kernel
import Messages

/// Two logs' orders, gate decisions and fills paired by ``DecisionKey``, each stage on the fields
/// that make a decision another one (never its trace id or order id, which are numbering).
public struct DecisionComparison: Sendable {
    public var orders: DecisionPairing<Order>
    public var gateDecisions: DecisionPairing<GateDecision>
    public var fills: DecisionPairing<Fill>

    public init(a: LogDecisions, b: LogDecisions) {
        orders = DecisionPairing(a: a.orders, b: b.orders) { before, after in
            before.quantity != after.quantity || before.limitPrice != after.limitPrice || before.side != after.side
                || before.venue != after.venue || before.type != after.type
        }
        gateDecisions = DecisionPairing(a: a.gateDecisions, b: b.gateDecisions) { before, after in
            before.outcome != after.outcome || before.approvedQuantity != after.approvedQuantity
        }
        fills = DecisionPairing(a: a.fillsByKey, b: b.fillsByKey) { before, after in
            before.quantity != after.quantity || before.price != after.price || before.side != after.side
                || before.feeMinorUnits != after.feeMinorUnits || before.venue != after.venue
        }
    }
}
