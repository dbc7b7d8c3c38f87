import Foundation
import Kernel
import Messages
import ScenarioDefinition

/// `metronome replay LOG --with OVERRIDES.yaml`: the recorded inputs, admitted at their recorded
/// times, through the pipeline with changed parameters — recorded to a new log and compared with
/// the original through ``LogDiff``. With empty overrides the two logs are the same run. When the
/// original holds signal records, so does the counterfactual: the diff shows where the signals part.
public enum CounterfactualRun {
    public struct Outcome: Sendable {
        public var run: RunOutcome
        public var diff: LogDiff
        /// The counterfactual's own log.
        public var logPath: String
    }

    /// - Parameter recordPath: keep the counterfactual's log here (default: a temporary file,
    ///   removed after the comparison).
    ///   - recordSignals: journal the signal side in the counterfactual's log even when the
    ///     original holds none (a log that holds them always has them journaled).
    ///   - prepare: called with the run before it starts (an evaluation asks its router to keep
    ///     its decisions).
    public static func run(logPath: String, overridesPath: String, recordPath: String? = nil, recordSignals: Bool = false,
                           prepare: (ScenarioRun) -> Void = { _ in }) throws -> Outcome {
        let reader = try JournalReader(path: logPath)
        let header = reader.header
        let trailer = reader.readTrailer()
        let overridesText: String
        do {
            overridesText = try String(contentsOfFile: overridesPath, encoding: .utf8)
        } catch {
            throw ScenarioError(file: overridesPath, line: 0, column: 0, message: "cannot read the overrides (\(error.localizedDescription))",
                                hint: "a YAML file of scenario keys to change, e.g. gate: { max_gross: 0.3 }")
        }
        let (scenario, _) = try ScenarioOverrides.apply(overrides: overridesText, file: overridesPath, to: header.scenarioText,
                                                         baseFile: "\(logPath) (embedded scenario)")
        // The same span of time as the original: its configured end, or — for a live day, which
        // has none — the time it stopped at (a live stop leaves no event due at or before it).
        let until: Timestamp? = header.endTime != 0 ? header.endTime : trailer?.endTime
        // An interrupted simulation stopped part-way through an instant: stop at the same count.
        let interruptedSimulation = header.mode != .live && trailer?.stopReason == StopReason.stopRequested.rawValue
        let window = header.mode == .live ? ScenarioRun.ClockWindow(start: header.startTime, end: nil) : nil
        let path = recordPath ?? FileManager.default.temporaryDirectory.appendingPathComponent("counterfactual-\(UUID().uuidString).mlog").path
        var options = ScenarioRun.Options(seed: header.seed, until: until, maximumEvents: interruptedSimulation ? trailer?.deliveries : nil,
                                          mode: .replay, recording: ScenarioRun.Recording(path: path, writer: JournalWriter.Options(
                                            codec: header.codec, blockBytes: Int(header.blockBytes), fsyncIntervalNanoseconds: nil),
                                            signals: recordSignals || header.formatVersion >= JournalFormat.firstAnnotationFormatVersion),
                                          window: window)
        // Digests computed as the original's were, so the diff can compare them record by record.
        options.digestDefinition = header.digestDefinition
        options.traceIdentity = header.traceIdentity
        let expectations = ReplayExpectations()
        let run = try ScenarioRun(scenario: scenario, options: options, inputs: .deferred { kernel in
            RecordedInputSource(reader: reader, kernel: kernel, expectations: expectations, verifying: false)
        })
        prepare(run)
        let outcome = try run.run()
        defer { if recordPath == nil { try? FileManager.default.removeItem(atPath: path) } }
        let diff = try LogDiff.compare(logPath, path)
        return Outcome(run: outcome, diff: diff, logPath: path)
    }
}
