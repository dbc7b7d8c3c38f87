import Actors
import Kernel
import Messages

/// A risk-gate check that receives this package's ``Breakout`` messages
/// (`gate.checks: [{ type: breakout-guard }]`): it does not chase a breakout — no buying a symbol
/// whose last breakout was to its high, no selling one whose last breakout was to its low — until
/// the symbol breaks out the other way.
struct BreakoutGuard: CustomGateCheck {
    /// Per symbol: the last breakout's direction (0 before the first).
    private var lastDirection: [Double]

    init(symbolCount: Int) {
        lastDirection = Array(repeating: 0, count: symbolCount)
    }

    var receivedMessageTypes: [UInt16] { [Breakout.typeID] }

    mutating func receive(_ message: PackageMessage, at time: Timestamp) {
        guard let breakout = Breakout(message), Int(breakout.symbol) < lastDirection.count else { return }
        lastDirection[Int(breakout.symbol)] = breakout.direction
    }

    func allowedQuantity(_ quantity: Int64, of intent: Intent, book: GateBook) -> Int64 {
        let direction = lastDirection[Int(intent.symbol)]
        let chases = (quantity > 0 && direction > 0) || (quantity < 0 && direction < 0)
        return chases ? 0 : quantity
    }
}
