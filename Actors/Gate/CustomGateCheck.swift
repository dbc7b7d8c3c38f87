import Kernel
import Messages

/// A check of the risk gate that another package registers (docs/extending.md): after the gate's
/// own limits, it may cut an intent further or refuse it. A trade that only reduces risk (toward
/// flat, both committed and held) is never put to it, as it is never cut by the gate's own limits.
/// It may receive the package's own messages (``PackageMessageReceiver``).
public protocol CustomGateCheck: PackageMessageReceiver {
    /// How much of `quantity` (signed lots; what the gate's own limits let through of `intent`)
    /// this check lets through, given the gate's book: `quantity` to pass it whole, 0 to refuse it.
    /// The gate keeps the answer between 0 and `quantity`, in whole lots.
    func allowedQuantity(_ quantity: Int64, of intent: Intent, book: GateBook) -> Int64
}
