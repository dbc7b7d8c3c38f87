/// Durations as people write them: `250ms`, `2s`, `6h30m`, `1d`, `500us`, `10ns`; integers only,
/// units may be chained largest first. Exact integer nanoseconds, at most ``maximumNanoseconds``.
public enum DurationText {
    private static let units: [(String, UInt64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
    ]

    /// The longest duration: 36500d (100 years of 365 days). Any time plus any duration then
    /// stays far inside a 64-bit count of nanoseconds, and no real run is longer.
    public static let maximumNanoseconds: DurationNanoseconds = 36_500 * TimeUnits.nanosecondsPerDay

    /// The duration, or nil when the text is not one or is longer than ``maximumNanoseconds``;
    /// ``parseChecked(_:)`` says which.
    public static func parse(_ text: String) -> DurationNanoseconds? { try? parseChecked(text).get() }

    /// The duration, `.malformed` when the text is not one, `.outOfRange` when it is longer than
    /// ``maximumNanoseconds``.
    public static func parseChecked(_ text: String) -> Result<DurationNanoseconds, TimeTextProblem> {
        var rest = Substring(text).drop { $0 == " " || $0 == "\t" }
        while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        guard !rest.isEmpty else { return .failure(.malformed) }
        if rest == "0" { return .success(0) }
        let spelled = rest
        var total: UInt64 = 0
        var tooLong = false
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return .failure(.malformed) }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix { !($0.isASCII && $0.isNumber) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return .failure(.malformed) }
            rest = rest.dropFirst(unitText.count)
            // Checked arithmetic: a number too large for 64 bits is still a well-formed duration,
            // only too long; the rest of the text is still checked for its format.
            guard !tooLong, let amount = UInt64(digits) else { tooLong = true; continue }
            let (product, overflow) = amount.multipliedReportingOverflow(by: unit.1)
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            if overflow || overflowSum { tooLong = true } else { total = sum }
        }
        guard !tooLong, total <= maximumNanoseconds else {
            return .failure(.outOfRange("\(spelled) is longer than the longest duration, \(format(maximumNanoseconds)) (100 years)"))
        }
        return .success(total)
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
