import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Value another router or selector policy on a recorded run: IPS, SNIPS and doubly robust estimates from the log's propensities, beside the exact counterfactual.",
        discussion: """
            The log is replayed to rebuild its routing decisions exactly (candidates, predicted \
            costs, the choice and its propensity, the realized cost). The policy file holds \
            scenario overrides, as for `replay --with` (e.g. router: { exploration: 0.2 }); the \
            target router's probabilities over each decision's candidates weight the logged \
            rewards. The same overrides are then run on the recorded inputs: that counterfactual's \
            mean reward is the truth, and each estimator's error against it is printed \
            (docs/evaluation.md).

            Example:
              metronome run stress-100 --record out/stress.mlog
              echo 'router: { exploration: 0.3 }' > whatif.yaml
              metronome evaluate out/stress.mlog --policy whatif.yaml
            """)

    @Argument(help: "A recorded log (metronome run … --record).")
    var log: String

    @Option(help: "Scenario overrides (YAML) that define the target policy.")
    var policy: String

    @Option(help: "Bootstrap resamples for the 95 % intervals.")
    var resamples: Int = 1_000

    @Option(help: "Write the estimates, the counterfactual and the errors as JSON here.")
    var json: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: log) else { throw CommandFailure.badInput("metronome: error: no log at \(log)") }
        guard FileManager.default.fileExists(atPath: policy) else { throw CommandFailure.badInput("metronome: error: no policy file at \(policy)") }
        guard (100...1_000_000).contains(resamples) else {
            throw CommandFailure.badInput("metronome: error: --resamples expects 100 to 1,000,000, found \(resamples)")
        }
        if let json { try ReportFile.checkWritable(json, option: "--json") }
        let evaluation: PolicyEvaluation
        do {
            evaluation = try PolicyEvaluation.run(logPath: log, policyPath: policy, resamples: resamples)
        } catch let error as ScenarioError {
            throw CommandFailure.badInput("metronome: error: \(error)")
        } catch let error as EvaluationError {
            throw CommandFailure.badInput("metronome: error: \(error)")
        } catch let error as JournalError {
            throw CommandFailure.badInput("metronome: error: \(error)")
        }
        if let json { try ReportFile.write(try evaluation.json(), to: json) }
        print(evaluation.text())
    }
}
