/// The lines of a CSV text: a leading byte-order mark dropped, `\n`, `\r\n` and `\r` all end a
/// line ("\r\n" is one Character in Swift, so it must be named), empty lines kept so that line
/// numbers in errors stay right. Shared by every CSV reader.
public enum CSVText {
    public static func lines(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        return body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}
