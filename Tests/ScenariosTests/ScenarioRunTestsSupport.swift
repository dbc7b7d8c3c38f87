import Foundation
import Kernel
import Messages
import Scenarios

/// Every input a scenario admits, read back from a recording of it.
enum ScenarioRunTestsSupport {
    static func inputs(of scenario: Scenario) throws -> [RecordedInput] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("inputs-\(UUID().uuidString).mlog").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try ScenarioRun(scenario: scenario, options: .init(recording: .init(path: path))).run()
        var inputs: [RecordedInput] = []
        var cursor = try JournalReader(path: path).blocks()
        while let block = try cursor.next() {
            var decoder = block.records
            while let record = decoder.next() { if case .input(let input) = record { inputs.append(input) } }
        }
        return inputs
    }
}
