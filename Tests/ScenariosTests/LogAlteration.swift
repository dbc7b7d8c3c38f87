import Foundation
@testable import Kernel
import Messages

/// Test helper: rewrites a log with one input's quote changed — a valid log with valid checksums
/// whose checkpoints and decisions still describe the original run.
enum LogAlteration {
    /// Returns the altered copy's path, the altered input and its record index in the log.
    static func alterQuote(in path: String, inputIndex target: Int, bidDelta: Int64 = -7) throws -> (path: String, input: RecordedInput, recordIndex: UInt64) {
        let altered = path.replacingOccurrences(of: ".mlog", with: "-altered.mlog")
        let reader = try JournalReader(path: path)
        let trailer = try require(reader.readTrailer(), "the log has a trailer")
        let writer = try JournalWriter(path: altered, header: reader.header,
                                       options: JournalWriter.Options(blockBytes: Int(reader.header.blockBytes), fsyncIntervalNanoseconds: nil))
        var cursor = reader.blocks()
        var inputIndex = 0
        var recordIndex: UInt64 = 0
        var found: (RecordedInput, UInt64)?
        while let block = try cursor.next() {
            var encoder = BlockEncoder()
            for record in try BlockDecoder.decodeAll(block.bytes) {
                switch record {
                case .input(var input):
                    if inputIndex == target, case .quote(var quote) = input.message {
                        quote.bidPrice += bidDelta
                        input.message = .quote(quote)
                        found = (input, recordIndex)
                    }
                    encoder.append(input)
                    inputIndex += 1
                case .decision(let decision):
                    encoder.append(decision)
                case .annotation(let signal):
                    encoder.append(annotation: signal)
                }
                recordIndex += 1
            }
            try writer.submit(SealedBlock(bytes: encoder.buffer.bytes, descriptor: block.descriptor))
        }
        _ = try writer.close(trailer: trailer)
        let (input, index) = try require(found, "input #\(target) is a quote")
        return (altered, input, index)
    }
}

extension LogAlteration {
    /// Returns a copy of a log with signals whose `target`-th agent signal (counting signal-tagged
    /// signal records from 0) has its μ moved by `muDelta`, and that signal as altered.
    static func alterSignal(in path: String, signalIndex target: Int, muDelta: Double = 1e-6) throws -> (path: String, signal: Signal) {
        // A name of its own: tests running in parallel alter the same recorded log.
        let altered = path.replacingOccurrences(of: ".mlog", with: "-signal-\(UUID().uuidString).mlog")
        let reader = try JournalReader(path: path)
        let trailer = try require(reader.readTrailer(), "the log has a trailer")
        let writer = try JournalWriter(path: altered, header: reader.header,
                                       options: JournalWriter.Options(blockBytes: Int(reader.header.blockBytes), fsyncIntervalNanoseconds: nil))
        var cursor = reader.blocks()
        var signalIndex = 0
        var found: Signal?
        while let block = try cursor.next() {
            var encoder = BlockEncoder()
            for record in try BlockDecoder.decodeAll(block.bytes) {
                switch record {
                case .input(let input): encoder.append(input)
                case .decision(let decision): encoder.append(decision)
                case .annotation(var emitted):
                    if case .signal(var signal) = emitted.message {
                        if signalIndex == target {
                            signal.mu += muDelta
                            emitted.message = .signal(signal)
                            found = signal
                        }
                        signalIndex += 1
                    }
                    encoder.append(annotation: emitted)
                }
            }
            try writer.submit(SealedBlock(bytes: encoder.buffer.bytes, descriptor: block.descriptor))
        }
        _ = try writer.close(trailer: trailer)
        return (altered, try require(found, "the log has \(target + 1) signals"))
    }

    /// Returns a copy of the log whose trailer `change` rewrote (resealed: its checksum is valid).
    static func alterTrailer(in path: String, _ change: (inout JournalTrailer) -> Void) throws -> String {
        let altered = path.replacingOccurrences(of: ".mlog", with: "-trailer.mlog")
        let reader = try JournalReader(path: path)
        var trailer = try require(reader.readTrailer(), "the log has a trailer")
        let writer = try JournalWriter(path: altered, header: reader.header,
                                       options: JournalWriter.Options(blockBytes: Int(reader.header.blockBytes), fsyncIntervalNanoseconds: nil))
        var cursor = reader.blocks()
        while let block = try cursor.next() { try writer.submit(SealedBlock(bytes: block.bytes, descriptor: block.descriptor)) }
        change(&trailer)
        _ = try writer.close(trailer: trailer)
        return altered
    }
}

private func require<T>(_ value: T?, _ message: String = "") throws -> T {
    guard let value else { throw LogAlterationError(message: message) }
    return value
}

private struct LogAlterationError: Error { var message: String }
