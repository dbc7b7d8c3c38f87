/// LEB128 variable-length integers (7 bits a byte, low first) and zigzag for signed values:
/// the record encoding's delta fields.
enum Varint {
    @inline(__always)
    static func write(_ value: UInt64, into writer: inout BinaryWriter) {
        var rest = value
        while rest >= 0x80 {
            writer.write(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        writer.write(UInt8(rest))
    }

    @inline(__always)
    static func writeSigned(_ value: Int64, into writer: inout BinaryWriter) {
        write(UInt64(bitPattern: (value << 1) ^ (value >> 63)), into: &writer)
    }

    /// At most 10 bytes; an 11th continuation byte or overflow is an error.
    static func read(from reader: inout BinaryReader) throws(DecodingError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let at = reader.offset
            let byte = try reader.readUInt8()
            guard shift < 64, shift < 63 || byte <= 1 else { throw DecodingError(offset: at, message: "varint longer than 64 bits") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    static func readSigned(from reader: inout BinaryReader) throws(DecodingError) -> Int64 {
        let raw = try read(from: &reader)
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }
}
