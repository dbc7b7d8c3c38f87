/// The currency an instrument is priced in when it is not the account's, and the fixed rate that
/// converts its values (notional, P&L, exposure, fees on the notional) into the account currency.
public struct InstrumentCurrency: Sendable, Equatable, Hashable {
    /// ISO 4217 code as the scenario writes it (`USD`): shown in reports.
    public var code: String
    /// Account currency units per unit of `code`.
    public var rate: FXRate

    public init(code: String, rate: FXRate) {
        self.code = code
        self.rate = rate
    }
}
