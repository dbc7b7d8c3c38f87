import Kernel

/// Positions, cash and PnL, in exact integers: positions in lots, cash and PnL in currency minor
/// units (cents). Marks to market on every quote and tracks the equity's peak and drawdown.
public actor Portfolio: Component {
    public nonisolated let context: Context
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    private let instruments: [Instrument]
    public let initialCashMinorUnits: Int64
    @exclusivity(unchecked) public private(set) var cashMinorUnits: Int64
    @exclusivity(unchecked) public private(set) var positions: [Int64]
    /// Cost basis of the open position, in minor units (signed like the position).
    @exclusivity(unchecked) private var openCostMinorUnits: [Int64]
    @exclusivity(unchecked) public private(set) var realizedPnLMinorUnits: [Int64]
    @exclusivity(unchecked) public private(set) var feesMinorUnits: Int64 = 0
    @exclusivity(unchecked) private var lastMids: [Int64]
    @exclusivity(unchecked) public private(set) var peakEquityMinorUnits: Int64
    @exclusivity(unchecked) public private(set) var maximumDrawdownMinorUnits: Int64 = 0
    @exclusivity(unchecked) public private(set) var fills = 0
    private let positionsTopic: TopicID

    public init(context: Context, instruments: [Instrument], initialCashMinorUnits: Int64) {
        self.context = context
        self.instruments = instruments
        self.initialCashMinorUnits = initialCashMinorUnits
        cashMinorUnits = initialCashMinorUnits
        positions = Array(repeating: 0, count: instruments.count)
        openCostMinorUnits = Array(repeating: 0, count: instruments.count)
        realizedPnLMinorUnits = Array(repeating: 0, count: instruments.count)
        lastMids = Array(repeating: 0, count: instruments.count)
        peakEquityMinorUnits = initialCashMinorUnits
        positionsTopic = context.topic(Topics.positions)
    }

    public func start() {
        context.subscribe(context.topic(Topics.quotes))
        context.subscribe(context.topic(Topics.fills))
    }

    /// Cash plus every position marked at its last mid, in minor units.
    public var equityMinorUnits: Int64 {
        var equity = cashMinorUnits
        for index in positions.indices where positions[index] != 0 {
            equity += instruments[index].notionalMinorUnits(quantity: positions[index], price: lastMids[index])
        }
        return equity
    }

    public func receive(_ delivery: Delivery) {
        switch delivery.message {
        case .quote(let quote):
            guard Int(quote.symbol) < lastMids.count else { return }
            lastMids[Int(quote.symbol)] = quote.midPrice
            if positions[Int(quote.symbol)] != 0 { updateDrawdown() }
        case .fill(let fill):
            apply(fill)
        default:
            break
        }
    }

    private func apply(_ fill: Fill) {
        let index = Int(fill.symbol)
        guard index < positions.count else { return }
        let instrument = instruments[index]
        let signedQuantity = fill.side.sign * fill.quantity
        let notional = instrument.notionalMinorUnits(quantity: signedQuantity, price: fill.price)
        cashMinorUnits -= notional + fill.feeMinorUnits
        feesMinorUnits += fill.feeMinorUnits
        let before = positions[index]
        let after = before + signedQuantity
        if before == 0 || (before > 0) == (signedQuantity > 0) {
            openCostMinorUnits[index] += notional
        } else {
            // Closing (part of) the position realizes PnL against the average cost.
            let closed = min(abs(signedQuantity), abs(before))
            let costOfClosed = openCostMinorUnits[index] * closed / abs(before)
            let proceeds = instrument.notionalMinorUnits(quantity: (before > 0 ? 1 : -1) * closed, price: fill.price)
            realizedPnLMinorUnits[index] += proceeds - costOfClosed
            openCostMinorUnits[index] -= costOfClosed
            if abs(signedQuantity) > abs(before) {
                openCostMinorUnits[index] = instrument.notionalMinorUnits(quantity: after, price: fill.price)
            }
        }
        positions[index] = after
        if after == 0 { openCostMinorUnits[index] = 0 }
        fills += 1
        updateDrawdown()
        let update = PositionUpdate(symbol: fill.symbol, position: after, cashMinorUnits: cashMinorUnits,
                                    realizedPnLMinorUnits: realizedPnLMinorUnits[index], traceID: fill.traceID)
        context.publish(positionsTopic, .position(update))
    }

    private func updateDrawdown() {
        let equity = equityMinorUnits
        if equity > peakEquityMinorUnits { peakEquityMinorUnits = equity }
        maximumDrawdownMinorUnits = max(maximumDrawdownMinorUnits, peakEquityMinorUnits - equity)
    }
}
