#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The inputs a dead live recording left in its write-ahead folder (``JournalWriteAhead``) after
/// the blocks its log holds: what ``JournalRecovery`` appends after the last complete block.
public struct WriteAheadInputs<Payload: KernelPayload>: Sendable {
    /// In admission order, each after the log's last input.
    public var inputs: [KernelRecordedInput<Payload>] = []
    /// Why reading stopped before the end of the folder's data, or why nothing was taken.
    public var problem: String?

    /// Reads the segments of blocks `firstBlock`, `firstBlock + 1`, … (they must follow one
    /// another: a missing segment is a hole nothing can fill), keeping the inputs after
    /// `afterSequence` and at or after `notBefore`. Stops at the first torn or foreign entry.
    public static func read(logPath: String, headerDigest: UInt64, firstBlock: UInt32, afterSequence: UInt64?,
                            notBefore: Timestamp) -> WriteAheadInputs<Payload> {
        let directory = JournalWriteAhead.directory(forLog: logPath)
        var result = WriteAheadInputs()
        let segments = JournalWriteAhead.segments(in: directory).filter { $0 >= firstBlock }
        guard let first = segments.first else { return result }
        guard first == firstBlock else {
            result.problem = "\(directory) starts at block \(first), but the log's intact blocks end before block \(firstBlock): the inputs in between are lost, and those after them cannot be placed"
            return result
        }
        var lastSequence = afterSequence
        var lastTime = notBefore
        for (position, segment) in segments.enumerated() {
            guard segment == firstBlock + UInt32(position) else {
                result.problem = "\(directory) lacks the segment of block \(firstBlock + UInt32(position)): the inputs after it cannot be placed"
                return result
            }
            let path = JournalWriteAhead.segmentPath(directory, segment)
            let bytes: [UInt8]
            do {
                bytes = try readSegment(path)
            } catch {
                result.problem = error.description
                return result
            }
            var reader = BinaryReader(bytes)
            guard (try? reader.readUInt32()) == JournalWriteAhead.segmentMagic, (try? reader.readUInt32()) == segment,
                  (try? reader.readUInt64()) == headerDigest else {
                result.problem = "\(path) is not a write-ahead segment of block \(segment) of this log (its header differs)"
                return result
            }
            // The segment is preallocated: a zero length is where the writing stopped.
            while reader.remaining >= JournalWriteAhead.entryHeaderBytes, reader.bytes[reader.offset..<reader.offset + 4] != [0, 0, 0, 0] {
                let at = reader.offset
                guard let input = try? entry(from: &reader, headerDigest: headerDigest) else {
                    result.problem = "\(path): the entry at byte \(at) is torn or damaged; the inputs before it were kept"
                    return result
                }
                if let last = lastSequence, input.sequence <= last { continue }
                guard input.time >= lastTime else {
                    result.problem = "\(path): the entry at byte \(at) goes back in time; the inputs before it were kept"
                    return result
                }
                result.inputs.append(input)
                lastSequence = input.sequence
                lastTime = input.time
            }
        }
        return result
    }

    private static func entry(from reader: inout BinaryReader, headerDigest: UInt64) throws -> KernelRecordedInput<Payload> {
        let length = Int(try reader.readUInt32())
        let checksum = try reader.readUInt64()
        guard length >= JournalWriteAhead.entryFixedBytes, length <= JournalWriteAhead.entryFixedBytes + JournalFormat.maximumRecordPayloadBytes,
              length <= reader.remaining else { throw DecodingError(offset: reader.offset, message: "entry length \(length)") }
        let start = reader.offset
        let computed = reader.bytes.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[start..<start + length]), seed: headerDigest) }
        guard computed == checksum else { throw DecodingError(offset: start, message: "checksum") }
        let time = try reader.readUInt64()
        let sequence = try reader.readUInt64()
        let topic = try reader.readUInt32()
        let deliveries = try reader.readUInt64()
        let fragment = try reader.readUInt8()
        let tag = try reader.readUInt16()
        let message = try Payload.decodePayload(tag: tag, from: &reader)
        guard reader.offset == start + length else { throw DecodingError(offset: start, message: "payload length") }
        return KernelRecordedInput(time: time, sequence: sequence, topic: TopicID(rawValue: topic), message: message,
                             deliveriesBefore: deliveries, digestFragment: fragment)
    }

    private static func readSegment(_ path: String) throws(JournalError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw JournalError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { _ = close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { throw JournalError.io("\(path) is not a regular file") }
        let size = Int(status.st_size)
        guard size <= JournalWriteAhead.maximumSegmentBytes else {
            throw JournalError.io("\(path) holds \(size) bytes, over the \(JournalWriteAhead.maximumSegmentBytes)-byte limit of a segment")
        }
        guard size >= JournalWriteAhead.segmentHeaderBytes else { throw JournalError.io("\(path) is cut short (\(size) bytes)") }
        return try JournalReader.read(descriptor: descriptor, at: 0, count: size)
    }
}
