/// Durations as people write them: `250ms`, `2s`, `6h30m`, `1d`, `500us`, `10ns`; integers only,
/// units may be chained largest first. Exact integer nanoseconds.
public enum DurationText {
    private static let units: [(String, UInt64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
    ]

    public static func parse(_ text: String) -> DurationNanoseconds? {
        var rest = Substring(text).drop { $0 == " " || $0 == "\t" }
        while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        guard !rest.isEmpty else { return nil }
        if rest == "0" { return 0 }
        var total: UInt64 = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let amount = UInt64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix { !($0.isASCII && $0.isNumber) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            let (product, overflow) = amount.multipliedReportingOverflow(by: unit.1)
            guard !overflow else { return nil }
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            guard !overflowSum else { return nil }
            total = sum
        }
        return total
    }

    /// The shortest exact spelling, e.g. 5_400_000_000_000 → "1h30m".
    public static func format(_ nanoseconds: DurationNanoseconds) -> String {
        if nanoseconds == 0 { return "0s" }
        var rest = nanoseconds
        var text = ""
        for (name, size) in units.reversed() where name != "µs" {
            if rest >= size {
                text += "\(rest / size)\(name)"
                rest %= size
            }
        }
        return text
    }
}
