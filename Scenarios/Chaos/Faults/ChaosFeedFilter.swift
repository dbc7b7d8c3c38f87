import Actors
import DequeModule
import Kernel
import Messages

/// The feed faults of a plan, applied to one feed's inputs before the kernel admits them — so
/// the journal records the faulty stream as it arrived, and a replay needs no plan to repeat it.
/// Keeps the stream in time order (the kernel merges feeds by time).
public final class ChaosFeedFilter: InputSource {
    struct Window {
        var kind: FaultKind
        var start: Timestamp
        var end: Timestamp
        var target: UInt32?
        var magnitude: Double
        var parameter: Int64

        func hits(_ symbol: SymbolID) -> Bool { target.map { $0 == symbol } ?? true }
    }

    private var source: any InputSource<Message>
    private let windows: [Window]
    private var random: RandomStream
    private var output: Deque<InputRecord> = []
    /// Held by a burst-stall until its end.
    private var held: [InputRecord] = []
    private var heldUntil: Timestamp = 0
    /// A record waiting for its neighbour to swap with (reorder).
    private var swapCandidate: InputRecord?

    public init(source: any InputSource<Message>, plan: ChaosPlan, start: Timestamp, streamName: String) {
        self.source = source
        windows = plan.faults.compactMap { fault in
            guard let kind = fault.kind, kind.isFeedFault else { return nil }
            return Window(kind: kind, start: start + fault.start_ns, end: start + fault.start_ns + fault.duration_ns,
                          target: fault.target, magnitude: fault.magnitude, parameter: fault.parameter)
        }
        random = RandomStream(rootSeed: plan.seed, streamName: streamName)
    }

    public func next() throws -> InputRecord? {
        while output.isEmpty {
            guard let record = try source.next() else {
                if let candidate = swapCandidate { output.append(candidate); swapCandidate = nil }
                output.append(contentsOf: held)
                held.removeAll()
                break
            }
            transform(record)
        }
        return output.popFirst()
    }

    private func active(_ kind: FaultKind, at time: Timestamp) -> Window? {
        windows.first { $0.kind == kind && $0.start <= time && time < $0.end }
    }

    private func emit(_ record: InputRecord) {
        if let candidate = swapCandidate {
            // Swap the payloads, keep the times: exchange times now go backwards.
            swapCandidate = nil
            output.append(InputRecord(time: candidate.time, topic: record.topic, message: record.message))
            output.append(InputRecord(time: record.time, topic: candidate.topic, message: candidate.message))
            return
        }
        output.append(record)
    }

    private func transform(_ incoming: InputRecord) {
        var record = incoming
        let time = record.time
        if !held.isEmpty && time >= heldUntil {
            output.append(contentsOf: held)
            held.removeAll()
        }
        switch record.message {
        case .quote(var quote):
            if active(.feedGap, at: time) != nil { return }
            if let halt = active(.feedHalt, at: time), halt.hits(quote.symbol) { return }
            if let stale = active(.feedStale, at: time), stale.hits(quote.symbol) {
                quote.exchangeTime = quote.exchangeTime > UInt64(stale.parameter) ? quote.exchangeTime - UInt64(stale.parameter) : 0
            }
            if let skew = active(.feedClockSkew, at: time) { quote.exchangeTime &+= UInt64(skew.parameter) }
            if let corrupt = active(.feedCorrupt, at: time), corrupt.hits(quote.symbol), random.nextBernoulli(corrupt.magnitude) {
                quote.bidPrice = quote.bidPrice * 3 / 2
                quote.askPrice = quote.askPrice * 3 / 2
            }
            if let crossed = active(.feedCrossed, at: time), crossed.hits(quote.symbol), random.nextBernoulli(crossed.magnitude) {
                (quote.bidPrice, quote.askPrice) = (quote.askPrice + 1, quote.bidPrice)
            }
            record.message = .quote(quote)
            if let stall = active(.feedBurstStall, at: time) {
                if let candidate = swapCandidate { output.append(candidate); swapCandidate = nil }
                heldUntil = stall.end
                held.append(InputRecord(time: stall.end, topic: record.topic, message: record.message))
                return
            }
            if let reorder = active(.feedReorder, at: time), swapCandidate == nil, random.nextBernoulli(reorder.magnitude) {
                swapCandidate = record
                return
            }
            emit(record)
            if let duplicate = active(.feedDuplicate, at: time), random.nextBernoulli(duplicate.magnitude) { emit(record) }
        case .trade(var trade):
            if active(.feedGap, at: time) != nil { return }
            if let halt = active(.feedHalt, at: time), halt.hits(trade.symbol) { return }
            if let skew = active(.feedClockSkew, at: time) { trade.exchangeTime &+= UInt64(skew.parameter) }
            record.message = .trade(trade)
            if let stall = active(.feedBurstStall, at: time) {
                heldUntil = stall.end
                held.append(InputRecord(time: stall.end, topic: record.topic, message: record.message))
                return
            }
            emit(record)
        case .alt(var datum):
            if active(.feedNaNAlt, at: time) != nil {
                datum.value = .nan
                record.message = .alt(datum)
            }
            emit(record)
        default:
            emit(record)
        }
    }
}
