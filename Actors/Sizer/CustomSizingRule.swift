import Kernel
import Messages

/// How the sizer sizes a position when another package decides it (docs/extending.md): in place
/// of ``KellySizing``, the rule names each symbol's target position, in lots, every time the
/// sizer would size it (a forecast, or a slate that holds or drops the symbol). It may receive
/// the package's own messages (``PackageMessageReceiver``).
public protocol CustomSizingRule: PackageMessageReceiver {
    /// The symbol's target position, in signed lots. The sizer keeps it within what the valuation
    /// domain can hold, and sends an intent only when the target changes.
    func targetLots(for request: SizingRequest) -> Int64
}
