import Kernel
import Messages

extension Context {
    /// `log((bid + ask) / 2)` of `quote`, bit for bit, from the memo the kernel's components share
    /// (``Context/memoizedLogMean(_:_:)``): a quote's subscribers (the agents, the blender, the
    /// selector) ask one after another, so only the first takes the logarithm.
    @inline(__always) public func logMid(of quote: Quote) -> Double {
        memoizedLogMean(quote.bidPrice, quote.askPrice)
    }
}
