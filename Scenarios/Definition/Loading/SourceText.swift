import Foundation

/// A scenario file's bytes as text: UTF-8, or an error at the first byte that is not, by byte
/// offset, line and column (Foundation's own decoder says only that the file cannot be read).
enum SourceText {
    static func decode(_ bytes: [UInt8], file: String) throws(ScenarioError) -> String {
        guard let offset = firstInvalidByteOffset(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        throw ScenarioError(file: file, line: line, column: offset - lineStart + 1,
                            message: "the file is not valid UTF-8: byte 0x\(byte.count == 1 ? "0" + byte : byte) at byte offset \(offset) (line \(line), column \(offset - lineStart + 1)) is not part of a well-formed UTF-8 sequence",
                            hint: "scenario files are UTF-8 text: re-save it as UTF-8 (for example iconv -f latin1 -t utf-8), or remove the stray byte")
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong
    /// forms and surrogates included), or nil when every byte is.
    static func firstInvalidByteOffset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
