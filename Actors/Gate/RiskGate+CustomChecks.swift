import Kernel
import Messages

extension RiskGate {
    /// Puts what the gate's own limits let through to each registered check in turn; a check that
    /// lets less through names `custom_check` among the reasons. A reducing trade is not put to
    /// them (the gate's own limits never cut one either).
    func applyCustomChecks(to decision: inout GateDecision, intent: Intent) {
        let index = Int(intent.symbol)
        guard decision.approvedQuantity != 0, index < book.committed.count else { return }
        func reduces(_ position: Int64) -> Bool {
            position != 0 && abs(position + intent.quantity) < abs(position) && (position + intent.quantity) * position >= 0
        }
        if reduces(book.committed[index]) && reduces(book.positions[index]) { return }
        let lot = max(book.instruments[index].lotSize, 1)
        var approved = decision.approvedQuantity
        for check in customChecks {
            let allowed = check.allowedQuantity(approved, of: intent, book: book)
            // Between 0 and what was let through so far, same sign, whole lots.
            let kept = approved > 0 ? min(max(allowed, 0), approved) : max(min(allowed, 0), approved)
            let whole = kept / lot * lot
            if whole != approved {
                approved = whole
                decision.reasons.insert(.customCheck)
            }
            if approved == 0 { break }
        }
        guard approved != decision.approvedQuantity else { return }
        decision.approvedQuantity = approved
        decision.outcome = approved == 0 ? .rejected : .projected
    }
}
