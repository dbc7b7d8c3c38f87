import Actors
import Kernel
import Messages

/// Watches the components' report buffers at every admission: the most fills and decision
/// records they held at once.
final class BufferWatch: InputObserver {
    let portfolio: Portfolio
    let trader: SignalTrader
    var mostFills = 0
    var mostDecisions = 0

    init(portfolio: Portfolio, trader: SignalTrader) {
        self.portfolio = portfolio
        self.trader = trader
    }

    func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        mostFills = max(mostFills, portfolio.assumeIsolated { $0.fillPoints.count })
        mostDecisions = max(mostDecisions, trader.assumeIsolated { $0.decisionShares.count })
    }
}
