import Foundation
import Scenarios
import Testing
@testable import Kernel
import Messages

/// Signals, the indicator values behind them, forecasts and slates on the record (`--record-signals`,
/// log format 5): they change no event, replay checks them, diff compares them, log cat shows them.
@Suite struct SignalJournalTests {
    /// calm-day's first 40 minutes: the technical agent reads from its 28th one-minute bar on.
    static let length: DurationNanoseconds = 40 * 60 * 1_000_000_000

    static func record(signals: Bool) throws -> (path: String, outcome: RunOutcome) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("signals-\(signals)-\(UUID().uuidString).mlog").path
        let scenario = try ScenarioLoader.load(path: try #require(ScenarioLocator.resolve("calm-day")))
        let recording = ScenarioRun.Recording(path: path, writer: JournalWriter.Options(blockBytes: 65_536, fsyncIntervalNanoseconds: nil),
                                              signals: signals)
        let outcome = try ScenarioRun(scenario: scenario, options: .init(until: scenario.startTime + length, recording: recording)).run()
        return (path, outcome)
    }

    /// Recorded once for the suite: a 40-minute calm-day is seconds of a debug build.
    static let recorded: Result<(with: (path: String, outcome: RunOutcome), without: (path: String, outcome: RunOutcome)), any Error> = Result {
        (try record(signals: true), try record(signals: false))
    }

    static func records(_ path: String) throws -> [JournalRecord] {
        let reader = try JournalReader(path: path)
        var cursor = reader.blocks()
        var records: [JournalRecord] = []
        while let block = try cursor.next() { records += try BlockDecoder.decodeAll(block.bytes) }
        return records
    }

    @Test func journalingSignalsChangesNoEventAndNoDigest() throws {
        let (with, without) = try SignalJournalTests.recorded.get()
        #expect(with.outcome.summary.deliveries == without.outcome.summary.deliveries)
        #expect(with.outcome.summary.digest == without.outcome.summary.digest)
        #expect(with.outcome.summary.decisionDigest == without.outcome.summary.decisionDigest)
        #expect(try JournalReader(path: with.path).header.formatVersion == 5)
        #expect(try JournalReader(path: without.path).header.formatVersion == 4, "a log without signals is what the last build wrote")
        // The same inputs and decisions, in the same order; the signal records besides.
        let recordsWith = try SignalJournalTests.records(with.path)
        let recordsWithout = try SignalJournalTests.records(without.path)
        let withoutSignals = recordsWith.filter { if case .annotation = $0 { false } else { true } }
        #expect(withoutSignals == recordsWithout)
        #expect(recordsWith.count > recordsWithout.count)
    }

    @Test func theLogHoldsEverySignalSideKindWithTheIndicatorsBehindTheTechnicalSignals() throws {
        let (with, _) = try SignalJournalTests.recorded.get()
        let reader = try JournalReader(path: with.path)
        var counts: [MessageTag: Int] = [:]
        var behind = IndicatorsBehindSignal()
        var technicalLines: [String] = []
        for record in try SignalJournalTests.records(with.path) {
            let indicators = behind.take(record)
            guard case .annotation(let emitted) = record else { continue }
            counts[emitted.message.tag, default: 0] += 1
            #expect(emitted.message.tag.isSignal)
            if !indicators.isEmpty {
                #expect(indicators.map(\.kind) == IndicatorValue.Kind.allCases, "every indicator, in kind order")
                technicalLines.append(JournalRecordText.line(for: record, header: reader.header, indicators: indicators))
            }
        }
        #expect(counts[.signal, default: 0] > 1_000)
        #expect(counts[.forecast, default: 0] > 0)
        #expect(counts[.slate, default: 0] > 0)
        #expect(counts[.indicator, default: 0] == 9 * technicalLines.count)
        let line = try #require(technicalLines.first)
        #expect(line.hasPrefix("{\"record\":\"signal\""))
        #expect(line.contains("\"source\":\"agent.technical\"") || line.contains("technical"))
        for name in ["rsi", "macd", "percent_b", "atr", "donchian_upper", "donchian_lower", "supertrend", "supertrend_direction", "adx"] {
            #expect(line.contains("\"\(name)\":"), "\(name) in \(line)")
        }
        // The trailer counts them as records, not as decisions.
        let trailer = try #require(reader.readTrailer())
        let signalRecords = counts.values.reduce(0, +)
        #expect(trailer.recordCount == trailer.inputCount + trailer.decisionCount + UInt64(signalRecords))
    }

    @Test func aLogWithSignalsVerifiesAndReplaysCheckingThem() throws {
        let (with, original) = try SignalJournalTests.recorded.get()
        let report = JournalVerification.verify(try JournalReader(path: with.path))
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.annotations > 0 && report.annotations + report.inputs + report.decisions == report.records)
        let outcome = try ReplayRun(logPath: with.path).replay()
        #expect(outcome.verified, "\(String(describing: outcome.divergence))")
        #expect(outcome.signalsChecked == report.annotations)
        #expect(outcome.run.summary.digest == original.outcome.summary.digest)
    }

    @Test func aTornLogWithSignalsRecoversAndReplaysToItsLossPoint() throws {
        let (with, _) = try SignalJournalTests.recorded.get()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: with.path))
        let torn = with.path.replacingOccurrences(of: ".mlog", with: "-torn.mlog")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: torn))
        let output = torn.replacingOccurrences(of: ".mlog", with: "-recovered.mlog")
        let report = try JournalRecovery.recover(input: torn, output: output)
        #expect(!report.wasClean && report.recordsKept > 0)
        let verification = JournalVerification.verify(try JournalReader(path: output))
        #expect(verification.problems.isEmpty, "\(verification.problems)")
        #expect(verification.annotations > 0)
        let outcome = try ReplayRun(logPath: output).replay()
        #expect(outcome.divergence == nil, "\(String(describing: outcome.divergence))")
        #expect(outcome.signalsChecked == verification.annotations)
    }

    @Test func aReplayCatchesAPlantedSignalDifference() throws {
        let (with, _) = try SignalJournalTests.recorded.get()
        let planted = try LogAlteration.alterSignal(in: with.path, signalIndex: 500)
        let outcome = try ReplayRun(logPath: planted.path).replay()
        #expect(!outcome.verified)
        let divergence = try #require(outcome.divergence)
        #expect(divergence.detail.hasPrefix("signal record #"), "\(divergence.detail)")
        #expect(divergence.expected.contains("\"mu\":\(planted.signal.mu)"))
    }

    @Test func diffReportsTheFirstDifferingSignalAndTheCountsPerSide() throws {
        let (with, _) = try SignalJournalTests.recorded.get()
        let same = try LogDiff.compare(with.path, with.path)
        #expect(same.identical && same.signalsCompared && same.signalDivergence == nil)
        #expect(same.a.signals > 1_000 && same.a.forecasts > 0 && same.a.signals == same.b.signals)

        let planted = try LogAlteration.alterSignal(in: with.path, signalIndex: 500)
        let diff = try LogDiff.compare(with.path, planted.path)
        #expect(!diff.identical)
        let divergence = try #require(diff.divergence)
        #expect(divergence.detail == "the signal records differ")
        #expect(divergence.b?.contains("\"mu\":\(planted.signal.mu)") == true)
        let signal = try #require(diff.signalDivergence)
        #expect(signal.b == divergence.b)
        #expect(diff.a.signals == diff.b.signals)
        let report = DiffReport(diff)
        #expect(report.first_signal_difference?.b == divergence.b)
        #expect(report.a.signals == UInt64(diff.a.signals) && report.text.contains("signals"))
    }

    /// A policy change on the blender: the agents' signals stay the same, the forecasts part —
    /// and the counterfactual, recorded with signals like its original, shows where.
    @Test func aPolicyDiffShowsWhereTheForecastsPart() throws {
        let (with, _) = try SignalJournalTests.recorded.get()
        let overrides = FileManager.default.temporaryDirectory.appendingPathComponent("blender-\(UUID().uuidString).yaml")
        try "blender: { horizon: 5m }\n".write(to: overrides, atomically: true, encoding: .utf8)
        let result = try CounterfactualRun.run(logPath: with.path, overridesPath: overrides.path)
        #expect(result.diff.signalsCompared)
        let signal = try #require(result.diff.signalDivergence)
        #expect(signal.detail == "the forecast records differ", "\(signal)")
        #expect(signal.a?.contains("\"type\":\"forecast\"") == true)
        #expect(result.diff.a.signals == result.diff.b.signals, "the agents' signals do not depend on the blender")
        #expect(DiffReport(result.diff).text.contains("signals"))
    }

    @Test func diffOfALogWithSignalsAndOneWithoutComparesTheRest() throws {
        let (with, without) = try SignalJournalTests.recorded.get()
        let diff = try LogDiff.compare(with.path, without.path)
        #expect(diff.identical, "\(String(describing: diff.divergence))")
        #expect(!diff.signalsCompared)
        #expect(diff.notes.contains { $0.contains("only one log holds signal records") })
    }

    @Test func aDecisionRecordHoldingASignalIsRefused() throws {
        var encoder = BlockEncoder()
        let signal = Signal(symbol: 0, mu: 0.1, sigma: 0.2, horizonNanoseconds: 1, confidence: 0.3, regime: 0, agentID: 1, modelVersion: 1, traceID: 1)
        encoder.append(RecordedDecision(time: 1, source: ActorID(rawValue: 0), message: .signal(signal)))
        #expect(throws: DecodingError.self) { try BlockDecoder.decodeAll(encoder.buffer.bytes) }
        var signals = BlockEncoder()
        signals.append(annotation: RecordedDecision(time: 1, source: ActorID(rawValue: 0), message: .signal(signal)))
        #expect(try BlockDecoder.decodeAll(signals.buffer.bytes) == [.annotation(RecordedDecision(time: 1, source: ActorID(rawValue: 0), message: .signal(signal)))])
    }
}
