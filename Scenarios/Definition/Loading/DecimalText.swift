import Foundation
import Actors
import Kernel
import Messages

/// Decimal amounts as written in scenario files: ``ExactDecimalText`` after trimming spaces and
/// `_` digit separators; a non-zero digit past the precision is an error (nil), zeros past it are not.
public enum DecimalText {
    public static func fixedPoint(_ text: String, precision: Int) -> Int64? {
        ExactDecimalText.parse(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""), precision: precision)
    }

    /// Formats fixed point back to text: 10005 at precision 2 → "100.05".
    public static func format(_ value: Int64, precision: Int) -> String { FixedPointText.format(value, precision: precision) }

    /// Fixed point as its shortest exact text: 250000 at precision 6 → "0.25", 10⁹ → "1000".
    public static func shortest(_ value: Int64, precision: Int) -> String {
        var text = FixedPointText.format(value, precision: precision)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// 1234567 → "1,234,567": counts in summaries and reports.
    public static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }
}
