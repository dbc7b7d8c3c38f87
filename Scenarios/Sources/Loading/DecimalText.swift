import Foundation
/// Decimal text to fixed point without binary floating point: "100.05" at precision 2 → 10005.
public enum DecimalText {
    public static func fixedPoint(_ text: String, precision: Int) -> Int64? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""))
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= precision, fraction.allSatisfy(\.isNumber) else { return nil }
        let padded = fraction + String(repeating: "0", count: precision - fraction.count)
        guard let value = Int64(parts[0] + padded) else { return nil }
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
