import Actors

/// The `metrics:` section: how the report annualizes and deflates the run's ratios. It only
/// changes the report, never the run.
public struct MetricsSettings: Sendable, Equatable {
    /// Trading days per year (default 252), the session length (default 6h30m) and whether
    /// weekends are trading days (default no).
    public var calendar: TradingCalendar
    /// Strategy configurations tried before this one, this one included (default 1), for the
    /// deflated Sharpe ratio.
    public var trials: Int

    public init(calendar: TradingCalendar = TradingCalendar(), trials: Int = 1) {
        precondition(trials >= 1)
        self.calendar = calendar
        self.trials = trials
    }
}
