/// Small comparisons on a field's bytes.
enum BytesText {
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[field]), as: UTF8.self)
    }

    /// ASCII letters compared without case.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, _ word: StaticString) -> Bool {
        guard field.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { word in
            zip(bytes[field], word).allSatisfy { $0 == $1 || ($0 | 0x20 == $1 | 0x20 && ($1 | 0x20) >= UInt8(ascii: "a") && ($1 | 0x20) <= UInt8(ascii: "z")) }
        }
    }
}
