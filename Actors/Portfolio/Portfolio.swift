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

    private let instruments: [Instrument]
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
    /// Σ |market value| per sector.
    @exclusivity(unchecked) public private(set) var grossExposureBySectorMinorUnits: [Int64]
    /// Σ market value per sector (longs minus shorts).
    @exclusivity(unchecked) public private(set) var netExposureBySectorMinorUnits: [Int64]
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
    @exclusivity(unchecked) private var valueHeldAtDomainEdge: [Bool]
    /// Test-only planted bug (chaos self-test, docs/chaos.md): a resent fill is applied again.
    #if METRONOME_TEST_HOOKS
    /// The chaos self-test's planted bug (debug builds only, docs/chaos.md): a fill resent with
    /// the same id is applied again.
    public let plantedBugAppliesDuplicateFills: Bool
    #else
    /// Always false: the planted bug is a test hook of debug builds.
    public nonisolated var plantedBugAppliesDuplicateFills: Bool { false }
    #endif
    /// Fills that reduced or closed a position (they realize PnL).
    @exclusivity(unchecked) public private(set) var closes = 0
    /// Closing fills whose realized PnL (before fees) was positive.
    @exclusivity(unchecked) public private(set) var winningCloses = 0
    /// Σ realized PnL of the winning closing fills (before fees).
    @exclusivity(unchecked) public private(set) var grossProfitMinorUnits: Int64 = 0
    /// Σ |realized PnL| of the losing closing fills (before fees).
    @exclusivity(unchecked) public private(set) var grossLossMinorUnits: Int64 = 0
    /// The latest nonzero fill ids applied (a bounded window, ``RecentIDs``).
    @exclusivity(unchecked) private var appliedFillIDs = RecentIDs()
    @exclusivity(unchecked) private var ledger: FillLedger

    // MARK: Equity over time

    @exclusivity(unchecked) public private(set) var peakEquityMinorUnits: Int64
    @exclusivity(unchecked) public private(set) var maximumDrawdownMinorUnits: Int64 = 0
    /// The largest (peak − equity) / peak, on every fill and mark (the same marks as the amount).
    @exclusivity(unchecked) public private(set) var maximumDrawdownFraction: Double = 0
    @exclusivity(unchecked) public private(set) var equityCurve: EquityCurve
    /// Every symbol's mark at each equity sample (for the report's price paths).
    @exclusivity(unchecked) public private(set) var markSamples: [[Int64]] = []
    /// The applied fills (for the report's price paths and PnL attribution), kept until the run's
    /// history takes them (``removeFillPoints(before:)``).
    @exclusivity(unchecked) public private(set) var fillPoints: [FillPoint] = []
    public var sampleIntervalNanoseconds: DurationNanoseconds { equityCurve.sampleIntervalNanoseconds }
    @exclusivity(unchecked) private var sampleTimerArmed = false
    /// A quote or fill arrived since the last sample: only then can equity have changed.
    @exclusivity(unchecked) private var activitySinceSample = false

    private let positionsTopic: TopicID
    #if DEBUG
    /// Scratch space for the sector check, so that the debug invariants do not allocate per event.
    @exclusivity(unchecked) private var recomputedGrossBySector: [Int64]
    @exclusivity(unchecked) private var recomputedNetBySector: [Int64]
    #endif

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
        let count = instruments.count
        self.context = context
        self.instruments = instruments
        self.initialCashMinorUnits = initialCashMinorUnits
        self.sectors = sectors
        sectorCount = (sectors.max() ?? -1) + 1
        cashMinorUnits = initialCashMinorUnits
        positions = Array(repeating: 0, count: count)
        openCostMinorUnits = Array(repeating: 0, count: count)
        realizedPnLMinorUnits = Array(repeating: 0, count: count)
        markPrices = Array(repeating: 0, count: count)
        hasQuote = Array(repeating: false, count: count)
        marketValuesMinorUnits = Array(repeating: 0, count: count)
        valueHeldAtDomainEdge = Array(repeating: false, count: count)
        grossExposureBySectorMinorUnits = Array(repeating: 0, count: sectorCount)
        netExposureBySectorMinorUnits = Array(repeating: 0, count: sectorCount)
        ledger = FillLedger(instrumentCount: count)
        peakEquityMinorUnits = initialCashMinorUnits
        equityCurve = EquityCurve(sampleIntervalNanoseconds: sampleIntervalNanoseconds, initialEquityMinorUnits: initialCashMinorUnits,
                                  originTime: context.now, expectedSampleCount: expectedSampleCount)
        positionsTopic = context.topic(Topics.positions, publishedAs: .portfolio)
        #if DEBUG
        recomputedGrossBySector = Array(repeating: 0, count: sectorCount)
        recomputedNetBySector = Array(repeating: 0, count: sectorCount)
        #endif
    }

    /// Hands the fills applied before `cutoff` to the run's history, which takes them as the run
    /// goes so they never pile up.
    public func removeFillPoints(before cutoff: Timestamp) -> [FillPoint] {
        fillPoints.removeRecords(before: cutoff)
    }

    public func start() {
        context.subscribe(as: .portfolio)
        // In live mode the run starts at the wall time, after `init`.
        equityCurve.setOrigin(context.now)
    }

    public func stop() {
        recordFinalSample()
    }

    /// Samples the equity now if anything happened since the last sample, so the curve ends at
    /// the run's final equity. Idempotent; the portfolio's `stop` calls it, and a runner may too.
    public func recordFinalSample() {
        guard activitySinceSample else { return }
        let now = context.now
        if !equityCurve.isEmpty && equityCurve.lastSampleTime == now {
            equityCurve.replaceLast(equityMinorUnits)
            if !markSamples.isEmpty { markSamples[markSamples.count - 1] = markPrices }
        } else {
            equityCurve.append(equityMinorUnits, at: now)
            markSamples.append(markPrices)
        }
        activitySinceSample = false
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
        updateDrawdown()
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
        let before = positions[index]
        let after = before + signedQuantity
        let reduces = before != 0 && signedQuantity != 0 && (before > 0) != (signedQuantity > 0)
        if reduces {
            // The part that brings the position to zero realizes PnL against the average cost;
            // on a flip, the rest opens the new position at this fill's price. Splitting the
            // fill's own notional (not recomputing both parts) keeps every cent accounted for.
            let closedQuantity = min(abs(signedQuantity), abs(before))
            let closingNotional = closedQuantity == abs(signedQuantity)
                ? fillNotional : instrument.notionalMinorUnits(quantity: -before, price: fill.price)
            let costOfClosed = Self.share(of: openCostMinorUnits[index], part: closedQuantity, whole: abs(before))
            let realized = -closingNotional - costOfClosed
            realizedPnLMinorUnits[index] += realized
            openCostMinorUnits[index] += fillNotional - closingNotional - costOfClosed
            closes += 1
            if realized > 0 { winningCloses += 1; grossProfitMinorUnits += realized }
            if realized < 0 { grossLossMinorUnits -= realized }
        } else {
            openCostMinorUnits[index] += fillNotional
        }
        positions[index] = after
        if !hasQuote[index] { markPrices[index] = fill.price }
        revalue(index)
        fills += 1
        updateDrawdown()
        let update = PositionUpdate(symbol: fill.symbol, position: after, cashMinorUnits: cashMinorUnits,
                                    realizedPnLMinorUnits: realizedPnLMinorUnits[index], traceID: fill.traceID)
        context.publish(positionsTopic, .position(update))
        checkInvariants()
    }

    /// `amount × part ÷ whole`, truncated toward zero, without overflowing the product.
    private static func share(of amount: Int64, part: Int64, whole: Int64) -> Int64 {
        precondition(whole > 0 && part >= 0 && part <= whole)
        if part == whole { return amount }
        return whole.dividingFullWidth(amount.multipliedFullWidth(by: part)).quotient
    }

    /// Position × mark, or nil outside the valuation domain.
    private func valueAtMark(_ index: Int) -> Int64? {
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
        let sector = sectors[index]
        netExposureBySectorMinorUnits[sector] += value - previous
        grossExposureBySectorMinorUnits[sector] += abs(value) - abs(previous)
    }

    private func updateDrawdown() {
        let equity = equityMinorUnits
        if equity > peakEquityMinorUnits { peakEquityMinorUnits = equity }
        maximumDrawdownMinorUnits = max(maximumDrawdownMinorUnits, peakEquityMinorUnits - equity)
        if peakEquityMinorUnits > 0 {
            maximumDrawdownFraction = max(maximumDrawdownFraction, Double(peakEquityMinorUnits - equity) / Double(peakEquityMinorUnits))
        }
    }

    // MARK: Equity sampling

    /// Arms the sampling timer for the next grid point if it is not armed: a timer exists only
    /// while something happened since the last sample, so a quiet run ends instead of ticking on.
    private func noteActivity() {
        activitySinceSample = true
        guard !sampleTimerArmed else { return }
        context.schedule(at: equityCurve.nextGridTime(after: context.now), tag: Self.sampleTimerTag)
        sampleTimerArmed = true
    }

    private func sampleOnTimer() {
        sampleTimerArmed = false
        // After a final sample the pending timer has nothing new to record.
        guard activitySinceSample else { return }
        equityCurve.append(equityMinorUnits, at: context.now)
        markSamples.append(markPrices)
        activitySinceSample = false
    }

    // MARK: Invariants (debug builds)

    /// Re-derives the book from scratch and compares: equity == cash + Σ position × mark; every
    /// position == Σ its signed fills; cash == initial − Σ (signed notional + fee); the sector
    /// exposures; equity − initial == realized + unrealized − fees.
    /// - Complexity: O(instruments + sectors) in debug builds; nothing in release builds.
    private func checkInvariants() {
        #if DEBUG
        var recomputedPositionsValue: Int64 = 0
        var realized: Int64 = 0
        var unrealized: Int64 = 0
        for index in positions.indices {
            precondition(positions[index] == ledger.quantitySumsLots[index],
                         "position of \(instruments[index].symbol) is \(positions[index]) but its fills sum to \(ledger.quantitySumsLots[index])")
            let atMark = valueHeldAtDomainEdge[index] ? marketValuesMinorUnits[index] : valueAtMark(index)
            guard let value = atMark else { preconditionFailure("\(instruments[index].symbol) is valued outside the valuation domain") }
            precondition(value == marketValuesMinorUnits[index], "stale market value for \(instruments[index].symbol)")
            precondition(positions[index] != 0 || openCostMinorUnits[index] == 0, "a flat position keeps no cost")
            recomputedPositionsValue += value
            realized += realizedPnLMinorUnits[index]
            unrealized += value - openCostMinorUnits[index]
        }
        precondition(equityMinorUnits == cashMinorUnits + recomputedPositionsValue,
                     "equity \(equityMinorUnits) != cash \(cashMinorUnits) + positions \(recomputedPositionsValue)")
        precondition(cashMinorUnits == initialCashMinorUnits - ledger.cashOutflowMinorUnits,
                     "cash \(cashMinorUnits) != initial \(initialCashMinorUnits) − fills \(ledger.cashOutflowMinorUnits)")
        precondition(equityMinorUnits - initialCashMinorUnits == realized + unrealized - feesMinorUnits,
                     "equity change != realized + unrealized − fees")
        for sector in 0..<sectorCount {
            recomputedGrossBySector[sector] = 0
            recomputedNetBySector[sector] = 0
        }
        for index in sectors.indices {
            recomputedGrossBySector[sectors[index]] += abs(marketValuesMinorUnits[index])
            recomputedNetBySector[sectors[index]] += marketValuesMinorUnits[index]
        }
        precondition(recomputedGrossBySector == grossExposureBySectorMinorUnits, "gross sector exposure drifted")
        precondition(recomputedNetBySector == netExposureBySectorMinorUnits, "net sector exposure drifted")
        #endif
    }
}
