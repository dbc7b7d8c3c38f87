import Actors
import Kernel
import Messages
import Yams

/// Reads the `metrics:` section (``MetricsSettings``).
enum MetricsLoader {
    /// - Parameter universe: its first instrument with sessions gives the metrics their trading
    ///   days, and (without `metrics.session`) the session's length.
    static func metrics(_ node: Node?, universe: [Instrument], file: String) throws(ScenarioError) -> MetricsSettings {
        var settings = MetricsSettings()
        if let sessions = universe.lazy.compactMap(\.sessions).first(where: { !$0.opens.isEmpty }) {
            settings.calendar.sessions = sessions
            let lengths = zip(sessions.opens, sessions.closes).map { $1 - $0 }.sorted()
            settings.calendar.sessionNanoseconds = lengths[lengths.count / 2]
        }
        guard let node else { return settings }
        let scalars = ScalarReader(file: file)
        var map = try StrictMapping(node, file: file, path: "metrics")
        if let value = map.value("trading_days_per_year") {
            settings.calendar.tradingDaysPerYear = try scalars.decimal(value, "metrics.trading_days_per_year", range: 1...366)
        }
        if let value = map.value("session") {
            let session = try scalars.duration(value, "metrics.session")
            guard session >= 60 * TimeUnits.nanosecondsPerSecond, session <= 24 * 3_600 * TimeUnits.nanosecondsPerSecond else {
                throw StrictMapping.error(file, value, "metrics.session must lie between 1m and 24h, found \(DurationText.format(session))",
                                          hint: "the length of one trading day's session, e.g. 6h30m for US equities or 24h for a market that never closes")
            }
            settings.calendar.sessionNanoseconds = session
        }
        if let value = map.value("weekends") {
            settings.calendar.tradesOnWeekends = try scalars.boolean(value, "metrics.weekends")
        }
        if let value = map.value("trials") {
            settings.trials = Int(try scalars.integer(value, "metrics.trials", range: 1...1_000_000))
        }
        if let value = map.value("bootstrap") {
            settings.bootstrapResamples = Int(try scalars.integer(value, "metrics.bootstrap",
                                                                  range: 0...Int64(MetricsSettings.maximumBootstrapResamples)))
        }
        try map.finish(allowed: ["trading_days_per_year", "session", "weekends", "trials", "bootstrap"])
        return settings
    }
}
