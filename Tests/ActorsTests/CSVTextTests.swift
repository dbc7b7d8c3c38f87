import Actors
import Foundation
import Testing

/// CSV fields are trimmed exactly as Foundation's `trimmingCharacters(in: .whitespaces)` trims
/// them (the readers used it before; the digests of runs over real files depend on it).
@Suite struct CSVTextTests {
    @Test func blanksAreTrimmedAsFoundationTrimsWhitespace() {
        let fields = ["", " ", "abc", "  a b  ", "\ta\t", "\u{00A0}1.5\u{00A0}", "\u{2003}x\u{3000}", "\u{200B}x\u{200B}",
                      " \n x \n ", "é ", " \u{1F600} ", "\r", "\u{2028}y\u{2028}", "\u{000B}z\u{000C}",
                      "\u{1680}a\u{180E}", "\u{202F}b\u{205F}", "\u{2009}c\u{200A}", "\u{FEFF}d\u{0085}"]
        for field in fields {
            #expect(CSVText.trimmingBlanks(Substring(field)) == field.trimmingCharacters(in: .whitespaces), "\(field.unicodeScalars.map { $0.value })")
        }
    }

    @Test func aLineSplitsIntoTrimmedFieldsKeepingEmptyOnes() {
        #expect(CSVText.fields("1/4/1999, 1229.23 ,,\t7 ") == ["1/4/1999", "1229.23", "", "7"])
    }
}
