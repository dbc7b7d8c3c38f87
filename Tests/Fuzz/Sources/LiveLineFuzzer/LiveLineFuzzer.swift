import Actors
import FuzzSupport
import Kernel
import Messages
import Scenarios

/// libFuzzer target: the bytes are a stretch of a live feed. Every line goes through
/// ``LiveLineParser`` as `metronome live` parses it (the universe below has every price precision
/// a scenario allows), and the same bytes are read as a tick CSV by ``CSVFeedLineSource`` (what
/// `metronome feed serve --csv` streams), whose lines are parsed in turn. Every line that parses
/// is then admitted, in order, through a kernel to the input defense (``FeedGuard``), as live mode
/// admits it. Quarantine is fine; a trap, a crash or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLiveLine(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    LiveLineFuzzer.admitted.removeAll(keepingCapacity: true)
    LiveLineFuzzer.parseLines(bytes.bindMemory(to: UInt8.self))
    LiveLineFuzzer.readAsCSV(bytes)
    LiveLineFuzzer.runThroughFeedGuard(LiveLineFuzzer.admitted)
    return 0
}

enum LiveLineFuzzer {
    /// The calm-day symbols at the default precision, and one symbol per allowed precision 0...8.
    static let parser: LiveLineParser = {
        var instruments: [String: LiveLineParser.Instrument] = [:]
        for (index, symbol) in ["ACME", "BOLT", "CORE", "DUNE", "EMBR", "FLUX"].enumerated() {
            instruments[symbol] = LiveLineParser.Instrument(id: SymbolID(index), pricePrecision: 2)
        }
        for precision in 0...8 {
            instruments["P\(precision)"] = LiveLineParser.Instrument(id: SymbolID(6 + precision), pricePrecision: precision)
        }
        return LiveLineParser(instruments: instruments)
    }()
    /// The receive time stamped on lines without a `time`: 2024-03-01T14:30:00Z.
    static let receivedAt: Timestamp = 1_709_303_400_000_000_000
    static let csvFile = ScratchFile(name: "feed.csv")
    static let symbolCount = 15
    /// The lines of the current input that parsed, in order.
    static var admitted: [LiveLine] = []

    /// Splits on newlines as ``LiveFeedIngest`` does (a trailing carriage return dropped).
    static func parseLines(_ bytes: UnsafeBufferPointer<UInt8>) {
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            var line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            consume(parser.parse(line, receivedAt: receivedAt))
            lineStart = lineEnd + 1
        }
    }

    /// Reads the bytes as a tick CSV file and parses every live line it turns them into.
    static func readAsCSV(_ bytes: UnsafeRawBufferPointer) {
        guard csvFile.replaceContent(with: bytes), var source = try? CSVFeedLineSource(path: csvFile.path) else { return }
        var buffer: [UInt8] = []
        var stamp = receivedAt
        while let time = try? source.nextTime() {
            stamp = max(stamp, time)
            buffer.removeAll(keepingCapacity: true)
            guard (try? source.appendNext(stamp: stamp, to: &buffer)) != nil else { return }
            if buffer.last == 0x0A { buffer.removeLast() }
            buffer.withUnsafeBufferPointer { consume(parser.parse($0, receivedAt: receivedAt)) }
        }
    }

    static func consume(_ result: Result<LiveLine, LiveLineProblem>) {
        switch result {
        case .success(let line): admitted.append(line)
        case .failure(let problem): blackHole(problem.description.utf8.count)
        }
    }

    /// A kernel with the input defense alone, admitting each line one nanosecond after the
    /// previous one on its raw topic (bars have no reader yet, as in live mode).
    static func runThroughFeedGuard(_ lines: [LiveLine]) {
        guard !lines.isEmpty else { return }
        let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: receivedAt))
        kernel.spawn("feed.guard") { context in
            FeedGuard(context: context, parameters: FeedGuard.Parameters(), symbolCount: symbolCount)
        }
        let quotes = kernel.topic(named: Topics.rawQuotes)
        let trades = kernel.topic(named: Topics.rawTrades)
        let bars = kernel.topic(named: Topics.rawBars)
        let alternativeData = kernel.topic(named: Topics.rawAlternativeData)
        var records: [InputRecord] = []
        for (index, line) in lines.enumerated() {
            let topic: TopicID
            switch line.kind {
            case .quote: topic = quotes
            case .trade: topic = trades
            case .bar: topic = bars
            case .alt: topic = alternativeData
            }
            records.append(InputRecord(time: receivedAt + UInt64(index), topic: topic, message: line.message))
        }
        guard (try? kernel.addInput(ArrayInputSource(records))) != nil else { return }
        _ = try? kernel.run()
    }

    @inline(never)
    static func blackHole(_ value: Int) { if value == -1 { print(value) } }
}
