import Kernel
import Messages

/// Positions, cash and PnL, in exact integers: positions in lots; cash, fees, PnL, exposures and
/// turnover in currency minor units (cents).
///
/// Marks every position to market at the last mid of its quotes and keeps the book's running
/// totals incrementally, so that equity, exposures and drawdown cost O(1) per quote. Fills are
/// applied once: a resent fill (same nonzero `fillID`) is counted and ignored. Equity is sampled on
/// a kernel-timer grid into ``equityCurve``; ``performanceMetrics(calendar:trials:)`` turns the
/// curve and the trading totals into the run's Sharpe, Sortino, drawdown, CVaR, turnover and hit
/// rate. In debug builds, every fill and every mark re-derives the book from scratch and traps on
/// any difference.
///
/// Average cost: a fill that adds to a position adds its notional to the open cost; a fill that
/// reduces it realizes (proceeds − the closed share of the open cost). Realized PnL is before fees
/// (fees are a separate total), so equity − initial cash == realized + unrealized − fees exactly.
public actor Portfolio: Component {
    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    /// Tag of the equity-sampling timer.
    public static let sampleTimerTag: UInt64 = 0x45_51_55_49_54_59  // "EQUITY"
    /// One equity sample per minute of activity unless told otherwise.
    public static let defaultSampleIntervalNanoseconds: DurationNanoseconds = 60 * TimeUnits.nanosecondsPerSecond

    let instruments: [Instrument]
    public let initialCashMinorUnits: Int64
    /// Sector index of each instrument (same order as the instruments).
    public let sectors: [Int]
    /// Number of sectors: one more than the largest index in ``sectors``.
    public let sectorCount: Int

    // MARK: The book

    @exclusivity(unchecked) public private(set) var cashMinorUnits: Int64
    /// Signed lots per instrument (negative = short).
    @exclusivity(unchecked) public private(set) var positions: [Int64]
    /// Cost basis of the open position, in minor units (signed like the position).
    @exclusivity(unchecked) public private(set) var openCostMinorUnits: [Int64]
    /// Realized PnL per instrument, before fees.
    @exclusivity(unchecked) public private(set) var realizedPnLMinorUnits: [Int64]
    @exclusivity(unchecked) public private(set) var feesMinorUnits: Int64 = 0
    /// The price each position is marked at, in the instrument's price units: the last quote's mid,
    /// or the first fill's price until the instrument has been quoted (a position is never marked
    /// at zero just because its quote has not arrived yet).
    @exclusivity(unchecked) public private(set) var markPrices: [Int64]
    @exclusivity(unchecked) private var hasQuote: [Bool]
    /// position × mark per instrument, in minor units.
    @exclusivity(unchecked) public private(set) var marketValuesMinorUnits: [Int64]
    /// Σ marketValuesMinorUnits, kept incrementally.
    @exclusivity(unchecked) private(set) var positionsValueMinorUnits: Int64 = 0
    /// Σ |market value| and Σ market value per sector. Settable in the module: the debug
    /// invariants (Portfolio+Invariants.swift) use its scratch space.
    @exclusivity(unchecked) var exposures: SectorExposures
    /// Σ |fill notional| over the run.
    @exclusivity(unchecked) public private(set) var turnoverMinorUnits: Int64 = 0

    // MARK: Counters

    /// Fills applied (duplicates excluded).
    @exclusivity(unchecked) public private(set) var fills = 0
    /// Fills ignored because their `fillID` had already been applied.
    @exclusivity(unchecked) public private(set) var duplicateFillsIgnored = 0
    /// Quotes whose mid would value a held position outside the valuation domain
    /// (``MarketBounds/maximumPositionValueMinorUnits``): the position keeps its last mark.
    @exclusivity(unchecked) public private(set) var marksOutsideValuationDomain = 0
    /// Fills (from a broker) worth more than the valuation domain: not applied, logged as errors.
    @exclusivity(unchecked) public private(set) var fillsOutsideValuationDomain = 0
    /// Symbols whose position's value is the last one inside the valuation domain, not its
    /// position × mark (a fill took it beyond); cleared when it comes back.
    @exclusivity(unchecked) private(set) var valueHeldAtDomainEdge: [Bool]
    /// Test-only planted bug (chaos self-test, docs/chaos.md): a resent fill is applied again.
    #if METRONOME_TEST_HOOKS
    /// The chaos self-test's planted bug (debug builds only, docs/chaos.md): a fill resent with
    /// the same id is applied again.
    public let plantedBugAppliesDuplicateFills: Bool
    #else
    /// Always false: the planted bug is a test hook of debug builds.
    public nonisolated var plantedBugAppliesDuplicateFills: Bool { false }
    #endif
    /// What the closing fills (those that reduced or closed a position) realized.
    @exclusivity(unchecked) public private(set) var tradeTotals = TradeTotals()
    /// The latest nonzero fill ids applied (a bounded window, ``RecentIDs``).
    @exclusivity(unchecked) private var appliedFillIDs = RecentIDs()
    /// A second, naive tally of the fills, for the debug invariants.
    @exclusivity(unchecked) private(set) var ledger: FillLedger

    // MARK: Equity over time

    /// The equity's peak and the deepest fall from it, on every fill and mark.
    @exclusivity(unchecked) private(set) var drawdown: DrawdownTracker
    @exclusivity(unchecked) private var sampler: EquitySampler
    public var equityCurve: EquityCurve { sampler.curve }
    /// Every symbol's mark at each equity sample (for the report's price paths).
    public var markSamples: MarkSamples { sampler.markSamples }
    /// The applied fills (for the report's price paths and PnL attribution), kept until the run's
    /// history takes them (``removeFillPoints(before:)``).
    @exclusivity(unchecked) public private(set) var fillPoints: [FillPoint] = []
    public var sampleIntervalNanoseconds: DurationNanoseconds { sampler.curve.sampleIntervalNanoseconds }

    private let positionsTopic: TopicID

    /// - Parameters:
    ///   - sectors: sector index per instrument; nil derives them from `Instrument.sector` names
    ///     in first-seen order (``sectorIndices(for:)``).
    ///   - sampleIntervalNanoseconds: spacing of the equity curve's grid.
    ///   - expectedSampleCount: equity-curve storage reserved up front.
    public init(context: Context, instruments: [Instrument], initialCashMinorUnits: Int64, sectors: [Int]? = nil,
                sampleIntervalNanoseconds: DurationNanoseconds = Portfolio.defaultSampleIntervalNanoseconds,
                expectedSampleCount: Int = 4_096, plantedBugAppliesDuplicateFills: Bool = false) {
        #if METRONOME_TEST_HOOKS
        self.plantedBugAppliesDuplicateFills = plantedBugAppliesDuplicateFills
        #else
        precondition(!plantedBugAppliesDuplicateFills, "the planted bug is a test hook of debug builds")
        #endif
        let sectors = sectors ?? Portfolio.sectorIndices(for: instruments)
        precondition(sectors.count == instruments.count, "one sector index per instrument")
        precondition(sectors.allSatisfy { $0 >= 0 }, "sector indices start at 0")
        let sectorCount = (sectors.max() ?? -1) + 1
        let count = instruments.count
        self.context = context
        self.instruments = instruments
        self.initialCashMinorUnits = initialCashMinorUnits
        self.sectors = sectors
        self.sectorCount = sectorCount
        cashMinorUnits = initialCashMinorUnits
        positions = Array(repeating: 0, count: count)
        openCostMinorUnits = Array(repeating: 0, count: count)
        realizedPnLMinorUnits = Array(repeating: 0, count: count)
        markPrices = Array(repeating: 0, count: count)
        hasQuote = Array(repeating: false, count: count)
        marketValuesMinorUnits = Array(repeating: 0, count: count)
        valueHeldAtDomainEdge = Array(repeating: false, count: count)
        exposures = SectorExposures(sectorCount: sectorCount)
        ledger = FillLedger(instrumentCount: count)
        drawdown = DrawdownTracker(initialEquityMinorUnits: initialCashMinorUnits)
        sampler = EquitySampler(curve: EquityCurve(sampleIntervalNanoseconds: sampleIntervalNanoseconds,
                                                   initialEquityMinorUnits: initialCashMinorUnits, originTime: context.now,
                                                   expectedSampleCount: expectedSampleCount),
                                symbolCount: count)
        positionsTopic = context.topic(Topics.positions, publishedAs: .portfolio)
    }

    /// Hands the fills applied before `cutoff` to the run's history, which takes them as the run
    /// goes so they never pile up.
    public func removeFillPoints(before cutoff: Timestamp) -> [FillPoint] {
        fillPoints.removeRecords(before: cutoff)
    }

    public func start() {
        context.subscribe(as: .portfolio)
        // In live mode the run starts at the wall time, after `init`.
        sampler.setOrigin(context.now)
    }

    public func stop() {
        recordFinalSample()
    }

    /// Samples the equity now if anything happened since the last sample, so the curve ends at
    /// the run's final equity. Idempotent; the portfolio's `stop` calls it, and a runner may too.
    public func recordFinalSample() {
        sampler.recordFinalSample(equityMinorUnits: equityMinorUnits, marks: markPrices, at: context.now)
    }

    // MARK: Events

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote):
            mark(quote)
        case .fill(let fill):
            apply(fill)
        case .timer(let fired) where fired.tag == Self.sampleTimerTag:
            sampleOnTimer()
        default:
            break
        }
    }

    /// - Complexity: O(1) (O(instruments) in debug builds, for the invariants).
    private func mark(_ quote: Quote) {
        let index = Int(quote.symbol)
        guard index < markPrices.count else { return }
        noteActivity()
        guard positions[index] != 0 else {
            markPrices[index] = quote.midPrice
            hasQuote[index] = true
            return checkInvariants()
        }
        guard let value = instruments[index].checkedNotionalMinorUnits(quantity: positions[index], price: quote.midPrice) else {
            // A price that would value the position beyond the domain (a hostile ramp, a unit
            // error) is not a mark: the book stays at its last valuable one.
            marksOutsideValuationDomain += 1
            return
        }
        markPrices[index] = quote.midPrice
        hasQuote[index] = true
        revalue(index, to: value)
        drawdown.observe(equityMinorUnits: equityMinorUnits)
        checkInvariants()
    }

    private func apply(_ fill: Fill) {
        let index = Int(fill.symbol)
        guard index < positions.count else { return }
        if fill.fillID != 0, !appliedFillIDs.insert(fill.fillID), !plantedBugAppliesDuplicateFills {
            duplicateFillsIgnored += 1
            return
        }
        // The venue fills only inside the valuation domain; a broker's fill beyond it cannot be
        // accounted in fixed point: it is refused loudly rather than trapping the run.
        let signedQuantity = fill.side.sign * Int64(clamping: fill.quantity.magnitude)
        guard fill.quantity >= 0, fill.feeMinorUnits.magnitude <= UInt64(MarketBounds.maximumPositionValueMinorUnits),
              let fillNotional = instruments[index].checkedNotionalMinorUnits(quantity: signedQuantity, price: fill.price) else {
            fillsOutsideValuationDomain += 1
            context.logger.error("fill outside the valuation domain ignored", metadata: ["fill": "\(fill)"])
            return
        }
        noteActivity()
        fillPoints.append(FillPoint(time: context.now, symbol: fill.symbol, side: fill.side, price: fill.price, quantity: fill.quantity,
                                    feeMinorUnits: fill.feeMinorUnits, traceID: fill.traceID))
        let instrument = instruments[index]
        ledger.record(fill, instrument: instrument)
        cashMinorUnits -= fillNotional + fill.feeMinorUnits
        feesMinorUnits += fill.feeMinorUnits
        // A running total of every fill, not a balance: it saturates rather than overflow.
        let (turnover, overflow) = turnoverMinorUnits.addingReportingOverflow(abs(fillNotional))
        turnoverMinorUnits = overflow ? .max : turnover
        let after = positions[index] + signedQuantity
        let cost = AverageCostFill(positionLots: positions[index], openCostMinorUnits: openCostMinorUnits[index], signedLots: signedQuantity,
                                   notionalMinorUnits: fillNotional, price: fill.price, instrument: instrument)
        if let realized = cost.realizedMinorUnits {
            realizedPnLMinorUnits[index] += realized
            tradeTotals.recordClose(realizedMinorUnits: realized)
        }
        openCostMinorUnits[index] += cost.openCostChangeMinorUnits
        positions[index] = after
        if !hasQuote[index] { markPrices[index] = fill.price }
        revalue(index)
        fills += 1
        drawdown.observe(equityMinorUnits: equityMinorUnits)
        let update = PositionUpdate(symbol: fill.symbol, position: after, cashMinorUnits: cashMinorUnits,
                                    realizedPnLMinorUnits: realizedPnLMinorUnits[index], traceID: fill.traceID)
        context.publish(positionsTopic, .position(update))
        checkInvariants()
    }

    /// Position × mark, or nil outside the valuation domain.
    func valueAtMark(_ index: Int) -> Int64? {
        positions[index] == 0 ? 0 : instruments[index].checkedNotionalMinorUnits(quantity: positions[index], price: markPrices[index])
    }

    /// Re-marks one instrument and moves the running totals by the change. A position a fill took
    /// beyond the valuation domain keeps its last value inside it (marks cannot take it there:
    /// ``mark(_:)`` refuses them).
    /// - Complexity: O(1).
    private func revalue(_ index: Int, to knownValue: Int64? = nil) {
        let previous = marketValuesMinorUnits[index]
        let checked = knownValue ?? valueAtMark(index)
        valueHeldAtDomainEdge[index] = checked == nil
        let value = checked ?? previous
        guard value != previous else { return }
        marketValuesMinorUnits[index] = value
        positionsValueMinorUnits += value - previous
        exposures.move(sector: sectors[index], from: previous, to: value)
    }

    // MARK: Equity sampling

    /// Arms the sampling timer for the next grid point if the sampler asks for one.
    private func noteActivity() {
        guard let time = sampler.noteActivity(at: context.now) else { return }
        context.schedule(at: time, tag: Self.sampleTimerTag)
    }

    private func sampleOnTimer() {
        sampler.sampleOnTimer(equityMinorUnits: equityMinorUnits, marks: markPrices, at: context.now)
    }
}
