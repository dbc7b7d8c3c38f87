/// The lines of a data file, read a chunk at a time (``DataFileChunks``): only the current
/// chunk and the line being read are held, so memory stays flat however long the file is.
///
/// Lines are split as ``CSVText/lines(_:)`` splits a whole text — a leading byte-order mark
/// dropped; `\n`, `\r\n` and `\r` each end a line (a `\r\n` split across two chunks is still one);
/// empty lines counted, so that line numbers in errors stay right — and the result does not
/// depend on the chunk size. A line that is not ASCII is checked to be UTF-8, as the whole text
/// was: the error names the byte's offset in the (decompressed) file.
public struct DataFileLines {
    public typealias Failure = DataFileText.Failure

    /// The longest line accepted: a file without line breaks is refused, not held whole.
    public static let maximumLineBytes = 1 << 20

    private let chunks: DataFileChunks
    private let chunkBytes: Int
    private let buffer: LineBuffer
    /// Unread bytes: `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var exhausted = false
    /// The file offset of `buffer[0]`.
    private var bufferOffset = 0
    private var atFileStart = true
    /// The current line: `buffer[line]`.
    public private(set) var line: Range<Int> = 0..<0
    /// The current line's number (1-based).
    public private(set) var lineNumber = 0
    /// Whether the current line is plain ASCII.
    public private(set) var lineIsASCII = true

    public var path: String { chunks.path }

    /// - Parameter chunkBytes: decoded bytes read at a time (tests use tiny ones).
    public init(path: String, chunkBytes: Int = 1 << 18) throws(Failure) {
        try self.init(chunks: DataFileChunks(path: path), chunkBytes: chunkBytes)
    }

    /// The lines of `byteRange` of a plain file, which starts a line (``SplitCheck``): line
    /// numbers count from that line, offsets from the file's start.
    init(path: String, byteRange: Range<Int>, chunkBytes: Int = 1 << 18) throws(Failure) {
        try self.init(chunks: DataFileChunks(path: path, byteRange: byteRange), chunkBytes: chunkBytes)
        atFileStart = byteRange.lowerBound == 0
        bufferOffset = byteRange.lowerBound
    }

    /// A file already in memory (its `path` decides the compression, and names it in errors).
    public init(bytes: [UInt8], path: String, chunkBytes: Int = 1 << 18) throws(Failure) {
        try self.init(chunks: DataFileChunks(bytes: bytes, path: path, rawChunkBytes: max(chunkBytes, 4)), chunkBytes: chunkBytes)
    }

    private init(chunks: DataFileChunks, chunkBytes: Int) throws(Failure) {
        self.chunks = chunks
        self.chunkBytes = max(chunkBytes, 1)
        buffer = LineBuffer(capacity: self.chunkBytes * 2)
    }

    /// Moves to the next line; false at the end of the file.
    public mutating func advance() throws(Failure) -> Bool {
        if atFileStart { try skipByteOrderMark() }
        var scan = start
        var ascii = true
        while true {
            let bytes = buffer.bytes
            var high: UInt8 = 0
            // Eight bytes at a time up to the line break, whose offset in its word the word gives;
            // byte by byte only in the buffer's last few bytes.
            var highWords: UInt64 = 0
            let lineFeeds = ByteScan.repeated(0x0A), carriageReturns = ByteScan.repeated(0x0D)
            while scan &+ 8 <= end {
                let word = ByteScan.load(bytes, at: scan)
                let breaks = ByteScan.zeroByteMarks(word ^ lineFeeds) | ByteScan.zeroByteMarks(word ^ carriageReturns)
                if breaks != 0 {
                    let offset = ByteScan.firstMarkedOffset(breaks)
                    highWords |= word & ((1 &<< UInt64(offset &* 8)) &- 1)  // the bytes before the break
                    scan &+= offset
                    break
                }
                highWords |= word
                scan &+= 8
            }
            while scan < end {
                let byte = bytes[scan]
                if byte == 0x0A || byte == 0x0D { break }
                high |= byte
                scan += 1
            }
            ascii = ascii && high < 0x80 && highWords & ByteScan.highBits == 0
            if scan < end {
                if bytes[scan] == 0x0D && scan + 1 == end && !exhausted {
                    scan = try refill(keepingFrom: scan)  // is the `\r` followed by a `\n`?
                    if scan + 1 < end || exhausted { return try finishLine(at: scan, ascii: ascii) }
                    continue
                }
                return try finishLine(at: scan, ascii: ascii)
            }
            if exhausted {
                guard start < end else { return false }
                return try finishLine(at: end, ascii: ascii)
            }
            scan = try refill(keepingFrom: scan)
        }
    }

    /// The buffer the current line lies in (`lineBytes[line]`); valid until the next ``advance()``.
    public var lineBytes: UnsafeBufferPointer<UInt8> { buffer.bytes }

    /// The current line as a `String` (the general, slow paths read it so).
    public var lineText: String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer.bytes[line]), as: UTF8.self)
    }

    private mutating func finishLine(at lineEnd: Int, ascii: Bool) throws(Failure) -> Bool {
        // The limit is the line's own length, whatever the buffer holds: else a long line would
        // pass or not depending on where the chunks fell and how big earlier lines made the
        // buffer (and a file read in parts, ``SplitCheck``, could pass where one pass refuses it).
        guard lineEnd - start <= DataFileLines.maximumLineBytes else { throw tooLong() }
        line = start..<lineEnd
        lineNumber += 1
        lineIsASCII = ascii
        if !ascii { try checkUTF8() }
        var next = lineEnd
        if next < end {
            let bytes = buffer.bytes
            next += bytes[next] == 0x0D && next + 1 < end && bytes[next + 1] == 0x0A ? 2 : 1
        }
        start = next
        return true
    }

    private func tooLong() -> Failure {
        Failure(description: "\(chunks.path): line \(lineNumber + 1) is longer than \(DataFileLines.maximumLineBytes) bytes (not a line-by-line text file?)")
    }

    private func checkUTF8() throws(Failure) {
        let bytes = Array(buffer.bytes[line])
        guard String(validating: bytes, as: UTF8.self) == nil else { return }
        let offset = bufferOffset + line.lowerBound + DataFileText.firstInvalidUTF8Offset(bytes)
        let compressed = DataFileText.Compression(path: chunks.path) != .none
        throw Failure(description: "\(chunks.path): not UTF-8 text (an invalid byte at offset \(offset)\(compressed ? " of the decompressed text" : ""))")
    }

    private mutating func skipByteOrderMark() throws(Failure) {
        atFileStart = false
        while end - start < 3 && !exhausted { _ = try refill(keepingFrom: start) }
        let bytes = buffer.bytes
        if end - start >= 3 && bytes[start] == 0xEF && bytes[start + 1] == 0xBB && bytes[start + 2] == 0xBF { start += 3 }
    }

    /// Moves the unread bytes to the front, reads the next chunk after them, and returns where
    /// `position` now is.
    private mutating func refill(keepingFrom position: Int) throws(Failure) -> Int {
        if start > 0 {
            let kept = end - start
            buffer.moveToFront(start..<end)
            bufferOffset += start
            end = kept
        }
        let moved = position - start
        start = 0
        if buffer.count - end < chunkBytes {
            guard end <= DataFileLines.maximumLineBytes else { throw tooLong() }
            buffer.grow(to: end + chunkBytes, keeping: end)
        }
        let got = try chunks.read(into: UnsafeMutableBufferPointer(rebasing: buffer.storage[end..<end + chunkBytes]))
        if got == 0 { exhausted = true }
        end += got
        return moved
    }
}
