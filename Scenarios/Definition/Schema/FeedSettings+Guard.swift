import Actors
import Kernel
import Messages

/// Which outlier filter (``SpikeFilterSettings``) the input defense applies to which symbol: each
/// feed's, by the data's resolution unless its `guard:` says otherwise (docs/scenarios.md, "Input
/// defense").
extension FeedSettings {
    /// The time between two quotes of a symbol: the `interval` of `gbm` and `synthetic` feeds, a
    /// day for `daily-bars`, 0 (ticks) for a tick CSV; nil for `daily-series`, which has no quotes.
    public var quoteResolutionNanoseconds: DurationNanoseconds? {
        switch kind {
        case .gbm(let parameters): parameters.intervalNanoseconds
        case .synthetic(let parameters): parameters.intervalNanoseconds
        case .tickCSV, .registered: 0
        case .layoutCSV(_, let layout, _, _): layout.readsBars ? layout.barIntervalNanoseconds ?? 0 : 0
        case .dailyBars: TimeUnits.nanosecondsPerDay
        case .dailySeries: nil
        }
    }

    /// The filter when `guard:` does not set one: ``SpikeFilterSettings/defaults(forResolution:)``.
    public var defaultSpikeFilter: SpikeFilterSettings { SpikeFilterSettings.defaults(forResolution: quoteResolutionNanoseconds ?? 0) }

    /// The filter this feed's quotes get.
    public var effectiveSpikeFilter: SpikeFilterSettings { spikeFilter ?? defaultSpikeFilter }

    /// The one symbol the feed quotes, when it names one; nil when it may quote any symbol of
    /// the universe (`gbm`, `synthetic`, `csv`) or none (`daily-series`).
    public var namedSymbol: SymbolID? {
        if case .dailyBars(_, let symbol, _) = kind { return symbol }
        if case .layoutCSV(_, _, _, let symbol) = kind { return symbol }
        return nil
    }
}

extension Scenario {
    /// Two feeds that would judge one symbol differently.
    public struct SpikeFilterConflict: Sendable, Equatable {
        public var symbol: Int
        public var firstFeed: Int
        public var secondFeed: Int
    }

    /// The outlier filter of each symbol, in symbol-id order. A symbol takes the filter of the
    /// feed that names it (`daily-bars`), else that of the feeds that quote the whole universe
    /// (`gbm`, `synthetic`, `csv`); a symbol no feed quotes gets ``SpikeFilterSettings/tick``. A live
    /// run's feed is a tick stream whatever the scenario's feeds are: every symbol gets `tick`.
    public func spikeFilters(liveFeed: Bool = false) -> [SpikeFilterSettings] {
        if liveFeed { return Array(repeating: .tick, count: universe.count) }
        return Scenario.assignSpikeFilters(feeds, symbolCount: universe.count).filters
    }

    /// The assignment of ``spikeFilters(liveFeed:)`` and the first symbol two feeds disagree on
    /// (two feeds naming it, or two whole-universe feeds; the first declared wins).
    static func assignSpikeFilters(_ feeds: [FeedSettings], symbolCount: Int)
        -> (filters: [SpikeFilterSettings], conflict: SpikeFilterConflict?) {
        var filters = Array(repeating: SpikeFilterSettings.tick, count: symbolCount)
        var decidedBy: [Int?] = Array(repeating: nil, count: symbolCount)
        var conflict: SpikeFilterConflict?
        // Feeds that name their symbol first: they take precedence over whole-universe feeds.
        let naming = feeds.indices.filter { feeds[$0].namedSymbol != nil }
        let whole = feeds.indices.filter { feeds[$0].namedSymbol == nil && feeds[$0].quoteResolutionNanoseconds != nil }
        for index in naming {
            let symbol = Int(feeds[index].namedSymbol!)
            guard symbol < symbolCount else { continue }
            let filter = feeds[index].effectiveSpikeFilter
            if let earlier = decidedBy[symbol] {
                if filters[symbol] != filter, conflict == nil { conflict = SpikeFilterConflict(symbol: symbol, firstFeed: earlier, secondFeed: index) }
                continue
            }
            filters[symbol] = filter
            decidedBy[symbol] = index
        }
        var firstWhole: Int?
        for index in whole {
            let filter = feeds[index].effectiveSpikeFilter
            if let earlier = firstWhole {
                if feeds[earlier].effectiveSpikeFilter != filter, conflict == nil,
                   let symbol = decidedBy.firstIndex(where: { $0 == nil }) {
                    conflict = SpikeFilterConflict(symbol: symbol, firstFeed: earlier, secondFeed: index)
                }
                continue
            }
            firstWhole = index
            for symbol in 0..<symbolCount where decidedBy[symbol] == nil { filters[symbol] = filter }
        }
        return (filters, conflict)
    }
}
