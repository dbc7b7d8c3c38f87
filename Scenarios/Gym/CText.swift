/// Text across the C boundary: NUL-terminated UTF-8 in, copied out into a caller's buffer.
enum CText {
    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Copies `text` into `buffer` (truncated to fit, always NUL-terminated); returns the bytes the
    /// whole text needs, terminator included, so a caller can retry with a larger buffer.
    @discardableResult
    static func copy(_ text: String, into buffer: UnsafeMutablePointer<CChar>?, capacity: Int64) -> Int64 {
        let bytes = Array(text.utf8)
        guard let buffer, capacity > 0 else { return Int64(bytes.count + 1) }
        let count = min(bytes.count, Int(capacity) - 1)
        for index in 0..<count { buffer[index] = CChar(bitPattern: bytes[index]) }
        buffer[count] = 0
        return Int64(bytes.count + 1)
    }
}
