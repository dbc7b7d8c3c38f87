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
    /// Stationary-bootstrap resamples for the headline figures' 95 % intervals (0 = none, the
    /// default; `metrics.bootstrap` or `run --bootstrap N`).
    public var bootstrapResamples: Int

    public static let maximumBootstrapResamples = 1_000_000

    public init(calendar: TradingCalendar = TradingCalendar(), trials: Int = 1, bootstrapResamples: Int = 0) {
        precondition(trials >= 1 && bootstrapResamples >= 0)
        self.calendar = calendar
        self.trials = trials
        self.bootstrapResamples = bootstrapResamples
    }
}
