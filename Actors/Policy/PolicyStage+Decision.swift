import Foundation
import Kernel
import Messages

extension PolicyStage {
    /// One decision: score the interval that ended, observe, ask the decider, journal the action,
    /// send the intent, set the exits, and arm the next decision.
    func decide() {
        let reward = closeInterval()
        let equity = fillFeatures()
        let choice = features.values.withUnsafeBufferPointer { buffer in
            decider.decide(PolicyObservation(step: step, time: context.now, reward: reward, equityMinorUnits: equity, features: buffer))
        }
        if let problem = choice.problem(for: parameters) { preconditionFailure("policy decider returned an invalid action: \(problem)") }
        let lots = Int64((parameters.sizeFractions[choice.sizeIndex] * Double(parameters.maximumLots)).rounded())
        let target = Int64(choice.direction) * lots * instrument.lotSize
        exits.set(direction: target == 0 ? 0 : choice.direction, mid: Double(book.lastMid), sigma: features.sigma,
                  stopMultiple: parameters.stopMultiples[choice.stopIndex],
                  takeProfitMultiple: parameters.takeProfitMultiples[choice.takeProfitIndex])
        if target.signum() != book.target.signum() { book.entryMid = book.lastMid }
        let action = PolicyAction(symbol: parameters.symbol, step: UInt32(truncatingIfNeeded: step), direction: choice.direction,
                                  sizeIndex: UInt8(choice.sizeIndex), stopIndex: UInt8(choice.stopIndex),
                                  takeProfitIndex: UInt8(choice.takeProfitIndex), targetQuantity: target, reward: reward,
                                  traceID: context.traceID)
        context.publish(actionsTopic, .action(action))
        book.tradedAtDecision = target != book.target
        if target != book.target { sendIntent(target) }
        step += 1
        quotedSinceDecision = false
    }

    /// The reward of the interval since the last decision, and the start of the next one.
    func closeInterval() -> Double {
        let equity = book.equityMinorUnits(instrument)
        book.peakEquityMinorUnits = max(book.peakEquityMinorUnits, equity)
        let peak = book.peakEquityMinorUnits
        let drawdown = peak > 0 ? Double(peak - equity) / Double(peak) : 0
        var reward = 0.0
        if step > 0, book.equityAtDecisionMinorUnits > 0 {
            // An account at or below zero scores as if one minor unit were left: a finite, large loss.
            let before = Double(book.equityAtDecisionMinorUnits)
            let terms = parameters.reward.terms(logReturn: log(Double(max(equity, 1)) / before),
                                                drawdownIncrease: drawdown - book.drawdownAtDecision,
                                                traded: book.tradedAtDecision, held: book.heldDuringInterval,
                                                feeShare: Double(book.feesSinceDecisionMinorUnits) / before)
            reward = terms.total
            rewardTerms += terms
        }
        if book.midAtDecision > 0, book.lastMid > 0 { features.addReturn(log(Double(book.lastMid) / Double(book.midAtDecision))) }
        book.midAtDecision = book.lastMid
        book.equityAtDecisionMinorUnits = equity
        book.drawdownAtDecision = drawdown
        book.feesSinceDecisionMinorUnits = 0
        book.heldDuringInterval = book.position != 0
        totalReward += reward
        return reward
    }

    /// Fills the observation from the state; returns the equity it used.
    func fillFeatures() -> Int64 {
        let equity = book.equityMinorUnits(instrument)
        let fullLots = Double(max(parameters.maximumLots * instrument.lotSize, 1))
        var elapsed = 0.0
        if let runEnd, runEnd > book.startTime {
            elapsed = min(max(Double(context.now - book.startTime) / Double(runEnd - book.startTime), 0), 1)
        }
        features.update(positionShare: Double(book.position) / fullLots, openReturn: book.openReturn,
                        logEquity: log(Double(max(equity, 1)) / Double(max(book.initialCashMinorUnits, 1))),
                        drawdown: book.drawdownAtDecision, spreadShare: book.spreadShare, forecastScore: book.forecastScore,
                        elapsedShare: elapsed)
        return equity
    }

    /// A crossed stop or take-profit: flat until the next decision.
    func flatten(because exit: PolicyExits.Exit) {
        switch exit {
        case .stop: stopsHit += 1
        case .takeProfit: takeProfitsHit += 1
        }
        if book.target != 0 { sendIntent(0) }
    }

    func sendIntent(_ target: Int64) {
        // A policy's intent carries no Kelly figures: its size is the action's.
        let intent = Intent(symbol: parameters.symbol, targetQuantity: target, quantity: target - book.target,
                            referencePrice: book.lastMid, kellyWeight: 0, cappedWeight: 0, drawdownScale: 1, cvarScale: 1,
                            traceID: context.traceID)
        book.target = target
        intentsSent += 1
        context.publish(intentsTopic, .intent(intent))
    }
}
