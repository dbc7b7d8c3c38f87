import Histogram
import Kernel
import Messages
import ScenarioDefinition

/// The kernel's ``StageProbe`` for `metronome bench FILE`: per pipeline stage, an HdrHistogram of
/// handler wall time and one of simulated latency, plus tick-to-order on both clocks.
///
/// - Wall: every delivery's handler time, by the stage of the component it reached.
/// - Simulated: for each output a stage emits, the simulated time since the stage received the
///   input it acted on (found through the output's trace id; for the broker, through the order
///   id), as listed in ``LatencyStage/simulatedMeaning``; tick-to-order is an order's time minus
///   the admission of the tick behind it.
///
/// Everything is allocated at set-up: the component → stage map is an array indexed by
/// ``ActorID`` raw value, the histograms have a fixed range (a larger value is clamped to it and
/// counted in ``clamped``), and the trace tables are fixed-size. Nothing is allocated per event,
/// no dictionary is consulted, and the run is not touched (the digests are the same with the
/// meter on or off).
public final class StageMeter: StageProbe {
    /// Wall histograms track 1 ns … 1 h (three significant digits).
    static let wallRangeNanoseconds: UInt64 = 3_600_000_000_000
    /// Simulated histograms track 1 ns … 30 days.
    static let simulatedRangeNanoseconds: UInt64 = 30 * 86_400_000_000_000

    private static let stageCount = LatencyStage.allCases.count

    /// By ``ActorID`` raw value: the component's stage raw value, or −1 outside the pipeline.
    private let stageOfComponent: [Int]
    /// By ``LatencyStage`` raw value.
    private(set) var wall: [Histogram<UInt64>]
    /// By ``LatencyStage`` raw value.
    private(set) var simulated: [Histogram<UInt64>]
    private var admissions = AdmissionRing()
    private var traces = TraceArrivals(stages: StageMeter.stageCount)
    private var orders = TraceArrivals(stages: 1)
    /// By stage: outputs whose start could not be found (the tick or trace had left the tables).
    public private(set) var untraced: [UInt64]
    /// Values larger than a histogram's range, recorded at its top.
    public private(set) var clamped: UInt64 = 0

    /// - Parameter componentNames: the kernel's components by ``ActorID`` raw value
    ///   (``Kernel/componentNames``), mapped to their stages once, here.
    public init(componentNames: [String]) {
        stageOfComponent = componentNames.map { LatencyStage.stage(ofComponent: $0)?.rawValue ?? -1 }
        wall = (0..<StageMeter.stageCount).map { _ in
            Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: StageMeter.wallRangeNanoseconds, numberOfSignificantValueDigits: .three)
        }
        simulated = (0..<StageMeter.stageCount).map { _ in
            Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: StageMeter.simulatedRangeNanoseconds, numberOfSignificantValueDigits: .three)
        }
        untraced = Array(repeating: 0, count: StageMeter.stageCount)
    }

    /// Sets the meter on a wired kernel (before it runs).
    public static func attach(to kernel: Kernel) -> StageMeter {
        let meter = StageMeter(componentNames: kernel.componentNames)
        kernel.stageProbe = meter
        return meter
    }

    public func wallHistogram(_ stage: LatencyStage) -> Histogram<UInt64> { wall[stage.rawValue] }
    public func simulatedHistogram(_ stage: LatencyStage) -> Histogram<UInt64> { simulated[stage.rawValue] }

    @inline(__always)
    private func stage(of actor: ActorID) -> Int {
        let index = Int(actor.rawValue)
        return actor.isComponent && index < stageOfComponent.count ? stageOfComponent[index] : -1
    }

    // MARK: StageProbe

    public func kernel(_ kernel: Kernel, willDeliver event: ScheduledEvent) {
        let stage = stage(of: event.target)
        guard stage >= 0 else { return }
        if stage == LatencyStage.broker.rawValue, case .order(let order) = event.message {
            orders.arrive(order.orderID, stage: 0, at: event.key.time)
        } else if let trace = StageMeter.inputTrace(stage: stage, message: event.message, kernel: kernel) {
            traces.arrive(trace, stage: stage, at: event.key.time)
        }
    }

    public func kernel(_ kernel: Kernel, delivered event: ScheduledEvent, handlerNanoseconds: UInt64) {
        let stage = stage(of: event.target)
        guard stage >= 0 else { return }
        record(&wall[stage], handlerNanoseconds)
    }

    public func kernel(_ kernel: Kernel, emitted message: Message, from source: ActorID, at time: Timestamp) {
        if source == .input {
            admissions.append(trace: kernel.lastInputTraceID, simulatedTime: time, wallNanoseconds: MonotonicClock.nanoseconds())
            return
        }
        let stage = stage(of: source)
        guard stage >= 0 else { return }
        switch message {
        case .quote(let quote) where stage == LatencyStage.feeds.rawValue:
            record(&simulated[stage], time > quote.exchangeTime ? time - quote.exchangeTime : 0)
        case .trade(let trade) where stage == LatencyStage.feeds.rawValue:
            record(&simulated[stage], time > trade.exchangeTime ? time - trade.exchangeTime : 0)
        case .signal(let signal) where stage == LatencyStage.agents.rawValue:
            traced(stage, signal.traceID, at: time)
        case .forecast(let forecast) where stage == LatencyStage.blender.rawValue:
            traced(stage, forecast.traceID, at: time)
        case .slate where stage == LatencyStage.selector.rawValue:
            // Slates carry no trace: the selector decides on its own interval. Its latency is the
            // delay it publishes with.
            record(&simulated[stage], time - kernel.now)
        case .intent(let intent) where stage == LatencyStage.sizer.rawValue:
            traced(stage, intent.traceID, at: time)
        case .gate(let decision) where stage == LatencyStage.gate.rawValue:
            traced(stage, decision.traceID, at: time)
        case .order(let order) where stage == LatencyStage.router.rawValue || stage == LatencyStage.trader.rawValue:
            traced(stage, order.traceID, at: time)
            tickToOrder(order.traceID, at: time)
        case .report(let report) where stage == LatencyStage.broker.rawValue:
            answered(report.orderID, at: time)
        case .fill(let fill) where stage == LatencyStage.broker.rawValue:
            answered(fill.orderID, at: time)
        case .position(let update) where stage == LatencyStage.portfolio.rawValue:
            traced(stage, update.traceID, at: time)
        default:
            break
        }
    }

    // MARK: Recording

    /// The trace of a message that starts a stage's work: the tick for market data at the agents,
    /// the carried trace id for the signal side's and the execution side's inputs.
    @inline(__always)
    private static func inputTrace(stage: Int, message: Message, kernel: Kernel) -> UInt64? {
        switch (LatencyStage(rawValue: stage)!, message) {
        case (.agents, .quote), (.agents, .trade), (.agents, .bar), (.agents, .alt):
            // Market data is delivered at its tick's instant, before the next input is admitted.
            return kernel.lastInputTraceID
        case (.blender, .signal(let signal)), (.trader, .signal(let signal)): return signal.traceID
        case (.sizer, .forecast(let forecast)), (.trader, .forecast(let forecast)): return forecast.traceID
        case (.gate, .intent(let intent)), (.router, .intent(let intent)): return intent.traceID
        case (.portfolio, .fill(let fill)): return fill.traceID
        default: return nil
        }
    }

    @inline(__always)
    private func record(_ histogram: inout Histogram<UInt64>, _ value: UInt64) {
        if !histogram.record(value) {
            clamped &+= 1
            histogram.record(histogram.highestTrackableValue)
        }
    }

    private func traced(_ stage: Int, _ trace: UInt64, at time: Timestamp) {
        guard let start = traces.arrival(trace, stage: stage) else {
            untraced[stage] &+= 1
            return
        }
        record(&simulated[stage], time > start ? time - start : 0)
    }

    private func tickToOrder(_ trace: UInt64, at time: Timestamp) {
        let stage = LatencyStage.tickToOrder.rawValue
        guard let admission = admissions.admission(of: trace) else {
            untraced[stage] &+= 1
            return
        }
        record(&simulated[stage], time > admission.simulatedTime ? time - admission.simulatedTime : 0)
        let now = MonotonicClock.nanoseconds()
        record(&wall[stage], now > admission.wallNanoseconds ? now - admission.wallNanoseconds : 0)
    }

    /// The venue's first report on an order ends the broker's latency for it; later ones are the
    /// order's life (partial fills, expiry), not the venue's response time.
    private func answered(_ orderID: UInt64, at time: Timestamp) {
        guard let arrival = orders.arrival(orderID, stage: 0) else { return }
        orders.forget(orderID, stage: 0)
        record(&simulated[LatencyStage.broker.rawValue], time > arrival ? time - arrival : 0)
    }
}
