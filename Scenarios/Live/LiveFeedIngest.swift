import Actors
import Foundation
import Kernel
import Messages
import Synchronization

/// Turns the bytes of a live feed into admitted inputs: splits lines, parses each one
/// (``LiveLineParser``), hands good ones to the kernel's inbox and quarantines the rest —
/// counted, written to the quarantine file if there is one, never fatal.
///
/// Fed by one reader thread at a time (TCP or standard input). ``Inbox/submit(topic:message:)``
/// blocks while the inbox is full, which stops reading and so pushes back on the sender.
public final class LiveFeedIngest: @unchecked Sendable {
    /// Topics by ``LiveLine/Kind``.
    public struct Topics: Sendable {
        public var quotes: TopicID
        public var trades: TopicID
        public var bars: TopicID
        public var alternativeData: TopicID
    }

    private let parser: LiveLineParser
    private let inbox: Inbox<Message>
    private let topics: Topics
    private let quarantineFile: FileHandle?
    private let statistics = Mutex(LiveFeedStatistics())
    /// Bytes of a line not yet ended by a newline.
    private var partial: [UInt8] = []
    /// A line longer than the limit is being skipped up to its newline.
    private var skippingLongLine = false
    private var lineNumber: UInt64 = 0

    public init(parser: LiveLineParser, inbox: Inbox<Message>, topics: Topics, quarantineFile: FileHandle? = nil) {
        self.parser = parser
        self.inbox = inbox
        self.topics = topics
        self.quarantineFile = quarantineFile
        partial.reserveCapacity(LiveLineParser.maximumLineBytes)
    }

    /// A copy of the counters; any thread.
    public var snapshot: LiveFeedStatistics { statistics.withLock { $0 } }

    /// Consumes a chunk of the stream; returns false once the kernel no longer takes inputs.
    @discardableResult
    public func consume(_ bytes: UnsafeRawBufferPointer) -> Bool {
        statistics.withLock { $0.bytes &+= UInt64(bytes.count) }
        var start = 0
        let chunk = bytes.bindMemory(to: UInt8.self)
        while start < chunk.count {
            guard let newline = chunk[start...].firstIndex(of: 0x0A) else {
                appendPartial(UnsafeBufferPointer(rebasing: chunk[start...]))
                break
            }
            let accepted: Bool
            if partial.isEmpty && !skippingLongLine {
                accepted = line(UnsafeBufferPointer(rebasing: chunk[start..<newline]))
            } else {
                appendPartial(UnsafeBufferPointer(rebasing: chunk[start..<newline]))
                accepted = endPartialLine()
            }
            if !accepted { return false }
            start = newline + 1
        }
        return true
    }

    /// The stream ended: a last line without a newline still counts; then the inbox is closed,
    /// so the kernel stops once it has admitted everything. `failure` says what broke when the
    /// stream did not end normally (a connection reset, a read error): a partial last line is then
    /// quarantined as cut off rather than parsed, and the run ends as `input_failed`.
    public func finish(failure: String? = nil) {
        if failure != nil, !partial.isEmpty || skippingLongLine {
            lineNumber += 1
            quarantine(LiveLineProblem(.malformedJSON, "the line was cut off: the feed broke (\(failure!))", column: partial.count + 1),
                       raw: UnsafeBufferPointer(start: nil, count: 0))
            partial.removeAll(keepingCapacity: true)
            skippingLongLine = false
        }
        if !partial.isEmpty || skippingLongLine { _ = endPartialLine() }
        try? quarantineFile?.synchronize()
        inbox.close(failure: failure)
    }

    private func appendPartial(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !skippingLongLine else { return }
        if partial.count + bytes.count > LiveLineParser.maximumLineBytes {
            skippingLongLine = true
            partial.removeAll(keepingCapacity: true)
            return
        }
        partial.append(contentsOf: bytes)
    }

    private func endPartialLine() -> Bool {
        defer {
            partial.removeAll(keepingCapacity: true)
            skippingLongLine = false
        }
        if skippingLongLine {
            lineNumber += 1
            quarantine(LiveLineProblem(.tooLong, "a line is at most \(LiveLineParser.maximumLineBytes) bytes", column: LiveLineParser.maximumLineBytes + 1),
                       raw: UnsafeBufferPointer(start: nil, count: 0))
            return true
        }
        return partial.withUnsafeBufferPointer { line($0) }
    }

    /// One whole line (without its newline).
    private func line(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        lineNumber += 1
        var text = bytes
        if let last = text.last, last == 0x0D { text = UnsafeBufferPointer(rebasing: text.dropLast()) }
        // Blank lines are keep-alives, not inputs.
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
        switch parser.parse(text, receivedAt: WallClock.wallTime()) {
        case .success(let parsed):
            let topic: TopicID
            switch parsed.kind {
            case .quote: topic = topics.quotes
            case .trade: topic = topics.trades
            case .bar: topic = topics.bars
            case .alt: topic = topics.alternativeData
            }
            guard inbox.submit(topic: topic, message: parsed.message) else { return false }
            statistics.withLock {
                $0.lines &+= 1
                $0.submitted &+= 1
            }
        case .failure(let problem):
            quarantine(problem, raw: text)
        }
        return true
    }

    private func quarantine(_ problem: LiveLineProblem, raw: UnsafeBufferPointer<UInt8>) {
        let message = "line \(lineNumber): \(problem)"
        statistics.withLock { statistics in
            statistics.lines &+= 1
            if let index = LiveLineProblem.Reason.allCases.firstIndex(of: problem.reason) { statistics.quarantined[index].count &+= 1 }
            if statistics.firstProblems.count < 5 { statistics.firstProblems.append(message) }
        }
        if let quarantineFile {
            var record = Array("\(message)\t".utf8)
            record.append(contentsOf: raw)
            record.append(0x0A)
            quarantineFile.write(Data(record))
        }
    }
}
