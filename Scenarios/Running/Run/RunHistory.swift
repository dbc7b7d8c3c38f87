import Actors
import Kernel
import Messages

/// Takes the report's history out of the components while the run goes — decision records, fills
/// and equity samples into the PnL attribution (``PnLAttributor``), fills into the chart's thinned
/// series (``ChartFills``) — so that nothing a run keeps for its report grows with its length: a
/// 100M-event replay holds what a 1M-event one does.
///
/// It watches admissions (an ``InputObserver``, on the kernel thread, between deliveries) and
/// every ``takeIntervalInputs`` inputs takes what was made before the kernel's current time: every
/// record to come is stamped at or after it, so each piece is complete and later than the one
/// before. Observation only: it reads and empties report buffers, never a message, a draw or a
/// digest.
public final class RunHistory: InputObserver {
    /// Inputs between two takes by default: often enough that a buffer holds a few thousand
    /// records at most, rarely enough to cost nothing measurable.
    public static let defaultTakeIntervalInputs: UInt64 = 1 << 16

    let takeIntervalInputs: UInt64

    private let portfolio: Portfolio
    /// The components that record decisions, in a fixed order (trader or sizer, then selector):
    /// records made at the same instant are attributed in that order.
    private let decisionSources: [(Timestamp) -> [DecisionShares]]
    /// The feature agents' μ changes (``SilenceChange``), in agent order.
    private let silenceSources: [(Timestamp) -> [SilenceChange]]
    private var attributor: PnLAttributor
    private(set) var chartFills: ChartFills
    /// Equity samples already given to the attributor.
    private var samplesTaken = 0
    /// Inputs left before the next take.
    private var inputsLeft: UInt64

    init(portfolio: Portfolio, decisionSources: [(Timestamp) -> [DecisionShares]], silenceSources: [(Timestamp) -> [SilenceChange]] = [],
         instruments: [Instrument], takeIntervalInputs: UInt64) {
        precondition(takeIntervalInputs > 0, "take at least every input")
        self.takeIntervalInputs = takeIntervalInputs
        inputsLeft = takeIntervalInputs
        self.portfolio = portfolio
        self.decisionSources = decisionSources
        self.silenceSources = silenceSources
        attributor = PnLAttributor(instruments: instruments)
        chartFills = ChartFills(symbolCount: instruments.count)
    }

    public var readsEventDigest: Bool { false }

    public func kernel(_ kernel: Kernel, admitted input: AdmittedInput) {
        inputsLeft -= 1
        guard inputsLeft == 0 else { return }
        inputsLeft = takeIntervalInputs
        take(before: kernel.now)
    }

    /// Everything, once the run has ended and the portfolio has taken its final sample.
    func finish() -> PnLAttribution {
        take(before: .max)
        return attributor.result
    }

    /// Gives the attributor what was made before `cutoff`.
    private func take(before cutoff: Timestamp) {
        var decisions: [DecisionShares] = []
        for source in decisionSources { decisions += source(cutoff) }
        // Each source is in time order; merged, same-instant records keep the sources' order.
        attributor.add(decisions: decisionSources.count > 1 ? PnLAttribution.inTimeOrder(decisions) : decisions)
        var silence: [SilenceChange] = []
        for source in silenceSources { silence += source(cutoff) }
        // Each agent's changes are in time order; merged, same-instant ones keep the agents' order.
        attributor.add(silenceChanges: silence.enumerated().sorted {
            $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset
        }.map(\.element))
        let start = samplesTaken
        let (fills, times, marks) = portfolio.assumeIsolated { portfolio in
            let times = portfolio.equityCurve.sampleTimes
            let end = times[start...].firstIndex { $0 >= cutoff } ?? times.endIndex
            return (portfolio.removeFillPoints(before: cutoff), Array(times[start..<end]), portfolio.markSamples.rows(start..<end))
        }
        samplesTaken += times.count
        attributor.advance(fills: fills, sampleTimes: times, marks: marks)
        chartFills.append(contentsOf: fills)
    }
}
