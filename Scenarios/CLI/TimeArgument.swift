import Kernel
import Messages
import Scenarios

/// Time options (`--until`, `--from`, `--to`): a UTC time, or a duration after a start.
enum TimeArgument {
    static func parse(_ text: String?, start: Timestamp, option: String) throws -> Timestamp? {
        guard let text else { return nil }
        switch TimestampText.parseChecked(text) {
        case .success(let absolute): return absolute
        case .failure(.outOfRange(let reason)): throw CommandFailure.badInput("metronome: error: \(option) '\(text)': \(reason)")
        case .failure(.malformed): break
        }
        switch DurationText.parseChecked(text) {
        case .success(let offset):
            // start ≤ 2261 and offset ≤ 100 years: the sum fits; past the last representable time is refused.
            guard start + offset <= TimeUnits.latestTimestamp else {
                throw CommandFailure.badInput("metronome: error: \(option) \(text) after the start ends after \(TimeUnits.iso8601(TimeUnits.latestTimestamp)), the last time Metronome can represent")
            }
            return start + offset
        case .failure(.outOfRange(let reason)): throw CommandFailure.badInput("metronome: error: \(option) '\(text)': \(reason)")
        case .failure(.malformed):
            throw CommandFailure.badInput("metronome: error: \(option) expects a UTC time or a duration after the start (like 2h), found '\(text)'")
        }
    }

    /// `--until` for a scenario run: after the scenario's start.
    static func until(_ text: String?, scenario: Scenario) throws -> Timestamp? {
        guard let time = try parse(text, start: scenario.startTime, option: "--until") else { return nil }
        guard time > scenario.startTime else {
            throw CommandFailure.badInput("metronome: error: --until \(TimeUnits.iso8601(time)) is not after the scenario's start \(TimeUnits.iso8601(scenario.startTime))")
        }
        return time
    }
}
