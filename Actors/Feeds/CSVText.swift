/// The lines of a CSV text: a leading byte-order mark dropped, `\n`, `\r\n` and `\r` all end a
/// line ("\r\n" is one Character in Swift, so it must be named), empty lines kept so that line
/// numbers in errors stay right. Shared by every CSV reader.
public enum CSVText {
    public static func lines(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        return body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }

    /// A line's comma-separated fields, each trimmed of blanks.
    public static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map(trimmingBlanks)
    }

    /// What Foundation's `trimmingCharacters(in: .whitespaces)` returns — its whitespace set (the
    /// tab, the Unicode space separators, and the zero-width space U+200B) cut from both ends —
    /// without its bridging to NSString, which cost more than all the rest of reading a daily file.
    public static func trimmingBlanks(_ field: Substring) -> String {
        let scalars = field.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isBlank(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isBlank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Foundation's (CoreFoundation's) whitespace set, scalar by scalar.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
