import Actors

/// A policy decider of this package's own (`policy.decider: trend`): long after the last
/// `lookback` interval returns summed above 0, short below, flat otherwise, at the size, stop and
/// take-profit its parameters pick. It reads the observation's documented layout (docs/python.md):
/// the returns come first, oldest first.
final class TrendPolicy: PolicyDecider {
    let lookback: Int
    let window: Int
    let sizeIndex: Int
    let stopIndex: Int

    init(lookback: Int, window: Int, sizeIndex: Int, stopIndex: Int) {
        self.lookback = min(lookback, window)
        self.window = window
        self.sizeIndex = sizeIndex
        self.stopIndex = stopIndex
    }

    func decide(_ observation: PolicyObservation) -> PolicyChoice {
        var trend = 0.0
        for index in max(window - lookback, 0)..<window { trend += observation.features[index] }
        let direction: Int8 = trend > 0 ? 1 : trend < 0 ? -1 : 0
        return PolicyChoice(direction: direction, sizeIndex: sizeIndex, stopIndex: stopIndex)
    }

    func finish(_ observation: PolicyObservation) {}
}
