import Kernel
import Messages

/// The layouts users meet most, by name (`layout: polygon-quotes`). A feed's own keys
/// (`columns:`, `symbol:`, `time_zone:`, …) change a preset's settings one by one.
extension CSVLayout {
    public static let presetNames = ["tick-csv", "polygon-quotes", "polygon-trades", "polygon-minute-aggs", "polygon-day-aggs",
                                     "generic-ohlcv", "shared-daily"]

    public static func preset(named name: String) -> CSVLayout? {
        switch name {
        case "tick-csv": tickCSV
        case "polygon-quotes": polygonQuotes
        case "polygon-trades": polygonTrades
        case "polygon-minute-aggs": polygonAggregates(name: name, interval: TimeUnits.nanosecondsPerMinute)
        case "polygon-day-aggs": polygonAggregates(name: name, interval: TimeUnits.nanosecondsPerDay)
        case "generic-ohlcv": genericOHLCV
        case "shared-daily": sharedDaily
        default: nil
        }
    }

    private static func named(_ pairs: [(Field, String)]) -> [Mapping] { pairs.map { Mapping($0.0, .name($0.1)) } }

    /// Metronome's own tick CSV by column name (docs/scenarios.md, "Tick CSV"), for a file that
    /// has its columns in another order or more columns.
    static var tickCSV: CSVLayout {
        CSVLayout(columns: named(Field.allCases.prefix(10).map { ($0, $0.rawValue) }), preset: "tick-csv")
    }

    /// Polygon.io flat files, `us_stocks_sip/quotes_v1` (gzip CSV, one file a day for the whole
    /// market): `ticker`, `sip_timestamp` in nanoseconds, `bid_price`, `ask_price`, `bid_size`,
    /// `ask_size` (sizes in round lots); the other columns (exchanges, conditions, sequence
    /// numbers) are not read. Rows of symbols outside the universe are skipped.
    static var polygonQuotes: CSVLayout {
        CSVLayout(columns: named([(.symbol, "ticker"), (.time, "sip_timestamp"), (.bid, "bid_price"), (.ask, "ask_price"),
                                  (.bidSize, "bid_size"), (.askSize, "ask_size")]),
                  timeFormat: .epoch(.nanoseconds), otherSymbols: .skip, preset: "polygon-quotes")
    }

    /// Polygon.io flat files, `us_stocks_sip/trades_v1`: `ticker`, `sip_timestamp` (ns),
    /// `price`, `size`. The files carry no aggressor side: it is inferred (``TradeSideInference``).
    static var polygonTrades: CSVLayout {
        CSVLayout(columns: named([(.symbol, "ticker"), (.time, "sip_timestamp"), (.price, "price"), (.size, "size")]),
                  timeFormat: .epoch(.nanoseconds), otherSymbols: .skip, preset: "polygon-trades")
    }

    /// Polygon.io flat files, `minute_aggs_v1` and `day_aggs_v1`: `ticker`, `volume`, `open`,
    /// `close`, `high`, `low`, `window_start` (ns), `transactions`. A day bar's date is its
    /// window start's date in New York.
    static func polygonAggregates(name: String, interval: DurationNanoseconds) -> CSVLayout {
        CSVLayout(columns: named([(.symbol, "ticker"), (.time, "window_start"), (.open, "open"), (.high, "high"), (.low, "low"),
                                  (.close, "close"), (.volume, "volume")]),
                  timeFormat: .epoch(.nanoseconds), timeZone: "America/New_York", barIntervalNanoseconds: interval,
                  otherSymbols: .skip, preset: name)
    }

    /// OHLCV bars with a header `time,open,high,low,close,volume` (names matched in any case);
    /// the feed gives `symbol:` (or maps a symbol column) and `bar_interval:`.
    static var genericOHLCV: CSVLayout {
        CSVLayout(columns: named([(.time, "time"), (.open, "open"), (.high, "high"), (.low, "low"), (.close, "close"),
                                  (.volume, "volume")]),
                  preset: "generic-ohlcv")
    }

    /// The shared daily format `Date,Open,High,Low,Close,Adj Close,Volume` (dates `M/D/YYYY` or
    /// `YYYY-MM-DD`, UTC), as `type: daily-bars` reads it: four quotes a day.
    static var sharedDaily: CSVLayout {
        CSVLayout(columns: named([(.time, "Date"), (.open, "Open"), (.high, "High"), (.low, "Low"), (.close, "Close"),
                                  (.volume, "Volume")]),
                  timeFormat: .date, timeZone: "UTC", barIntervalNanoseconds: TimeUnits.nanosecondsPerDay, preset: "shared-daily")
    }
}
