import Actors
import Kernel
import Messages
import Yams

/// `universe[].currency` and `universe[].fx_rate`: an instrument priced in another currency than
/// the account's, and the fixed rate (account currency per unit of it) its values convert at.
enum InstrumentCurrencyLoader {
    /// nil when the instrument is priced in the account currency (no `currency`, or the account's
    /// own with no rate or a rate of 1).
    static func currency(_ map: inout StrictMapping, path: String, accountCurrency: String, file: String) throws(ScenarioError) -> InstrumentCurrency? {
        let scalars = ScalarReader(file: file)
        let codeNode = map.value("currency")
        let rateNode = map.value("fx_rate")
        let rate = try rateNode.map { node throws(ScenarioError) in
            FXRate(hundredMillionths: try scalars.exactDecimal(node, "\(path).fx_rate", decimals: 8,
                                                                range: 1...FXRate.maximum.hundredMillionths))
        }
        guard let codeNode else {
            if let rateNode {
                throw StrictMapping.error(file, rateNode, "\(path).fx_rate needs the instrument's currency",
                                          hint: "name the currency it converts from, e.g. { currency: USD, fx_rate: 0.9125 } in an \(accountCurrency) account")
            }
            return nil
        }
        let code = try scalars.text(codeNode, "\(path).currency")
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw StrictMapping.error(file, codeNode, "\(path).currency must be a currency code, found '\(code)'", hint: "e.g. USD, EUR, JPY")
        }
        if code == accountCurrency {
            if let rate, rate != .one, let rateNode {
                throw StrictMapping.error(file, rateNode, "\(path).fx_rate must be 1 for an instrument priced in the account currency (\(code))",
                                          hint: "leave fx_rate out, or name the instrument's own currency")
            }
            return nil
        }
        guard let rate else {
            throw StrictMapping.error(file, codeNode, "\(path) is priced in \(code), not the account's \(accountCurrency): it needs an fx_rate",
                                      hint: "fx_rate: \(accountCurrency) per \(code), e.g. fx_rate: 0.9125 (a fixed rate for the run)")
        }
        return InstrumentCurrency(code: code, rate: rate)
    }
}
