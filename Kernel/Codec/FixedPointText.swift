/// Decimal text ↔ fixed-point integers, without binary floating point: "100.05" at precision 2
/// is 10005. The one parser for prices and money read from scenario files and CSV data.
public enum FixedPointText {
    /// Parses `[-]digits[.digits]`. With more decimals than `precision`, returns nil, or — when
    /// `roundingExtraDigits` — rounds half away from zero on the exact decimal digits.
    public static func parse(_ text: some StringProtocol, precision: Int, roundingExtraDigits: Bool = false) -> Int64? {
        var body = Substring(text)
        var negative = false
        if body.first == "-" {
            negative = true
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        if fraction.count > precision && !roundingExtraDigits { return nil }
        let kept = fraction.prefix(precision) + String(repeating: "0", count: max(0, precision - fraction.count))
        guard var value = Int64(parts[0] + kept) else { return nil }
        if fraction.count > precision, let next = fraction.dropFirst(precision).first, next >= "5" { value += 1 }
        return negative ? -value : value
    }

    /// Formats fixed point back to text: 10005 at precision 2 → "100.05".
    public static func format(_ value: Int64, precision: Int) -> String {
        guard precision > 0 else { return String(value) }
        let negative = value < 0
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, precision + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -precision)
        return (negative ? "-" : "") + padded[..<split] + "." + padded[split...]
    }
}
