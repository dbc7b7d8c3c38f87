import Kernel
import Messages

extension Router {
    /// A parent order is done (nothing unsent, no child open): its cost record is published and
    /// its arm learns the residual of realized against predicted cost, where the unfilled share
    /// counts at what crossing later would have cost.
    func finish(_ parent: ParentOrder) {
        let instrument = instruments[Int(parent.symbol)]
        let arrival = Double(parent.arrivalMid)
        var shortfall = 0.0
        var notional: Int64 = 0
        if parent.filledQuantity > 0 {
            let priceShortfall = Double(parent.side.sign) * (parent.averagePrice - arrival) / arrival * 10_000
            // Saturates at the valuation domain's bound: a cost ratio needs no more.
            notional = abs(instrument.saturatedNotionalMinorUnits(quantity: parent.filledQuantity, price: parent.arrivalMid))
            let feeCost = notional > 0 ? Double(parent.feesMinorUnits) / Double(notional) * 10_000 : 0
            shortfall = priceShortfall + feeCost
        }
        let filledShare = Double(parent.filledQuantity) / Double(max(parent.quantity, 1))
        let realized = filledShare * shortfall + (1 - filledShare) * parent.missCostBasisPoints
        if parent.decision >= 0 { decisions?[parent.decision].realizedCostBasisPoints = realized }
        let arm = parent.choice.arm
        let residual = realized - parent.choice.modelCostBasisPoints
        corrections[arm] += parameters.learningRate * (residual - corrections[arm])
        armCounts[arm] += 1
        if notional > 0 {
            shortfallWeighted += shortfall * Double(notional)
            shortfallWeight += Double(notional)
        }
        records += 1
        let record = TradeCostRecord(orderID: parent.firstOrderID, symbol: parent.symbol, venue: UInt8(parent.choice.venue),
                                     type: parent.choice.slices > 1 ? .market : parent.choice.type, arrivalPrice: parent.arrivalMid,
                                     averageFillPrice: parent.averagePrice, filledQuantity: parent.filledQuantity,
                                     shortfallBasisPoints: shortfall, predictedCostBasisPoints: Float(parent.predictedCostBasisPoints),
                                     propensity: Float(parent.propensity))
        context.publish(costsTopic, .tradeCost(record))
    }
}
