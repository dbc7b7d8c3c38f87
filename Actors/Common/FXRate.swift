/// A conversion rate, exact to 10⁻⁸: units of the account currency one unit of another currency
/// is worth (EUR per USD 0.91234567 is 91 234 567). Fixed for a run: a time series of rates is not
/// read yet.
public struct FXRate: Sendable, Equatable, Hashable {
    /// The rate in hundred-millionths.
    public var hundredMillionths: Int64

    public init(hundredMillionths: Int64) {
        precondition(hundredMillionths > 0 && hundredMillionths <= FXRate.maximum.hundredMillionths, "rate outside (0, 10⁴]")
        self.hundredMillionths = hundredMillionths
    }

    /// The same currency: 1.
    public static let one = FXRate(unchecked: 100_000_000)
    /// The largest rate a scenario may give: 10 000 (the account currency worth ten thousand times
    /// less, e.g. JPY or KRW against USD, stays far inside it).
    public static let maximum = FXRate(unchecked: 1_000_000_000_000)

    private init(unchecked: Int64) { hundredMillionths = unchecked }

    /// The rate as a `Double`: for reports only.
    public var value: Double { Double(hundredMillionths) / 100_000_000 }
}
