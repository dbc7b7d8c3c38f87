import Kernel
import Messages

/// Decimal text to fixed point at an instrument's precision, exactly: as
/// ``FixedPointText/parse(_:precision:roundingExtraDigits:)``, but zeros past the precision are
/// accepted — `1640.000` at precision 2 is 164000, the value it writes. Only a digit that carries
/// value beyond the precision (`1640.125` at precision 2) is refused: nil.
///
/// Why: vendors pad prices to a fixed width (`1640.000`, `0.90500`), and refusing an exact value
/// for its spelling makes users rewrite files that are already right.
public enum ExactDecimalText {
    /// The fixed-point value of `[-]digits[.digits]`, or nil (malformed, overflow, or a non-zero
    /// digit past `precision` decimals).
    public static func parse(_ text: some StringProtocol, precision: Int) -> Int64? {
        FixedPointText.parse(withoutZerosPastPrecision(Substring(text), precision: precision), precision: precision)
    }

    /// `text` with the zeros past `precision` decimals dropped (and the point, when no decimal is
    /// left): what the value needs, no more.
    static func withoutZerosPastPrecision(_ text: Substring, precision: Int) -> Substring {
        guard let point = text.firstIndex(of: ".") else { return text }
        let keep = text.index(point, offsetBy: 1 + precision, limitedBy: text.endIndex) ?? text.endIndex
        var end = text.endIndex
        while end > keep, text[text.index(before: end)] == "0" { end = text.index(before: end) }
        if end == text.index(after: point) && precision == 0 { end = point }
        return text[..<end]
    }

    /// Decimals of `text` that carry value: `1640.120` has 2, `1640.000` none. What an error says
    /// a price has, against the precision it needs.
    public static func significantDecimals(_ text: some StringProtocol) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        var count = text.distance(from: text.index(after: point), to: text.endIndex)
        var end = text.endIndex
        while count > 0, text[text.index(before: end)] == "0" {
            end = text.index(before: end)
            count -= 1
        }
        return count
    }
}
