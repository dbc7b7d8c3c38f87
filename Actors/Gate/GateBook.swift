import Kernel
import Messages

/// What the gate knows of the account when it judges an intent: committed positions (held +
/// open orders + approved, not yet ordered), marks, cash, daily volatility per symbol.
public struct GateBook: Sendable {
    public let instruments: [Instrument]
    /// Each instrument's ``Instrument/valuation``: what the limits read on every judgement.
    private let valuations: [InstrumentValuation]
    /// Sector index per symbol.
    public let sectors: [Int]
    public let sectorCount: Int
    public var positions: [Int64]
    public var committed: [Int64]
    public var marks: [Int64]
    public var cashMinorUnits: Int64
    /// σ of the daily return per symbol (an EWMA of squared 1-minute returns, scaled to a day).
    public var dailyVolatility: [Double]

    public init(instruments: [Instrument], cashMinorUnits: Int64) {
        self.instruments = instruments
        valuations = instruments.map(\.valuation)
        var names: [String] = []
        for instrument in instruments where !names.contains(instrument.sector) { names.append(instrument.sector) }
        sectors = instruments.map { instrument in names.firstIndex(of: instrument.sector)! }
        sectorCount = names.count
        positions = Array(repeating: 0, count: instruments.count)
        committed = positions
        marks = positions
        self.cashMinorUnits = cashMinorUnits
        dailyVolatility = Array(repeating: 0.02, count: instruments.count)
    }

    /// `quantity` at the symbol's mark; beyond the valuation domain the value saturates at its
    /// bound (``MarketBounds/maximumPositionValueMinorUnits``), which every limit then refuses.
    public func notional(_ index: Int, quantity: Int64) -> Int64 {
        guard marks[index] > 0, quantity != 0 else { return 0 }
        return valuations[index].saturatedNotionalMinorUnits(quantity: quantity, price: marks[index])
    }

    /// Whether the symbol's held and committed quantities keep a value inside the valuation domain
    /// at `price`.
    /// - Complexity: O(1), no allocation (every quote).
    public func isValuable(_ index: Int, at price: Int64) -> Bool {
        let instrument = valuations[index]
        return (positions[index] == 0 || instrument.checkedNotionalMinorUnits(quantity: positions[index], price: price) != nil)
            && (committed[index] == 0 || instrument.checkedNotionalMinorUnits(quantity: committed[index], price: price) != nil)
    }

    /// Cash plus the *held* positions at their marks.
    public var equityMinorUnits: Int64 {
        var equity = cashMinorUnits
        for index in positions.indices where positions[index] != 0 { equity += notional(index, quantity: positions[index]) }
        return equity
    }

    /// Gross, net and per-sector gross notional of the committed book with `extra` lots added to `symbol`.
    func exposure(adding extra: Int64, to symbol: Int) -> (gross: Int64, net: Int64, sector: Int64) {
        var gross: Int64 = 0
        var net: Int64 = 0
        var sector: Int64 = 0
        for index in committed.indices {
            let quantity = committed[index] + (index == symbol ? extra : 0)
            guard quantity != 0 else { continue }
            let value = notional(index, quantity: quantity)
            gross += abs(value)
            net += value
            if sectors[index] == sectors[symbol] { sector += abs(value) }
        }
        return (gross, abs(net), sector)
    }
}
