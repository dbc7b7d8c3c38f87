import Foundation
import Kernel
import ScenarioDefinition
import ScenarioRunning

/// What a finished episode (or a run with a Python policy) reports across the C boundary, as one
/// JSON object: the digests a replay must reach, the counts, the policy's figures.
struct EpisodeSummary: Codable {
    var scenario: String
    var seed: UInt64
    var stop_reason: String
    var digest: String
    var decision_digest: String
    var events: UInt64
    var inputs: UInt64
    var equity: String
    var pnl: String
    var currency: String
    var policy: PolicyFigures?
    var log: String?

    init(outcome: RunOutcome, log: String?) {
        let summary = outcome.summary
        scenario = outcome.scenario.name
        seed = summary.seed
        stop_reason = summary.stopReason.rawValue
        digest = RunDigest.hex(summary.digest)
        decision_digest = RunDigest.hex(summary.decisionDigest)
        events = summary.deliveries
        inputs = summary.inputs
        let precision = 2
        equity = DecimalText.format(outcome.portfolio.equity, precision: precision)
        pnl = DecimalText.format(outcome.portfolio.profitAndLoss, precision: precision)
        currency = outcome.scenario.account.currency
        policy = outcome.policy
        self.log = log
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
