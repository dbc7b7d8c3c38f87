import Kernel
import Messages

/// One data row of a layout file: its symbol and time, then a quote, a trade or a bar.
extension LayoutCSVReader {
    mutating func readRow(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws {
        guard let instrument = try instrument(bytes, line) else {
            rowsSkipped += 1
            return
        }
        let timeRange = try range(.time, line)!
        let time = try self.time(bytes, timeRange, line)
        if readsBars {
            try readBar(bytes, line, instrument: instrument, time: time)
            return
        }
        let isQuote: Bool
        if let kind = try range(.kind, line) {
            if BytesText.equalsIgnoringCase(bytes, kind, "quote") {
                isQuote = true
            } else if BytesText.equalsIgnoringCase(bytes, kind, "trade") {
                isQuote = false
            } else {
                throw problem(column: column(kind, line), "expected kind quote or trade, found '\(BytesText.string(bytes, kind))'")
            }
        } else if mapsBid, let bid = try range(.bid, line), let ask = try range(.ask, line), !bid.isEmpty || !ask.isEmpty {
            isQuote = true
        } else if mapsPrice, let price = try range(.price, line), !price.isEmpty {
            isQuote = false
        } else {
            throw problem(column: 1, "expected a bid and an ask (a quote) or a price (a trade), found neither")
        }
        let record: InputRecord
        if isQuote {
            let quote = Quote(symbol: instrument.id, bidPrice: try price(.bid, bytes, line, instrument.precision),
                              askPrice: try price(.ask, bytes, line, instrument.precision), bidSize: try size(.bidSize, bytes, line),
                              askSize: try size(.askSize, bytes, line), exchangeTime: time)
            record = InputRecord(time: time &+ settings.latencyNanoseconds, topic: settings.quoteTopic, message: .quote(quote))
        } else {
            let price = try price(.price, bytes, line, instrument.precision)
            let trade = Trade(symbol: instrument.id, price: price, size: try size(.size, bytes, line),
                              aggressor: try side(bytes, line, symbol: instrument.id, price: price), exchangeTime: time)
            record = InputRecord(time: time &+ settings.latencyNanoseconds, topic: settings.tradeTopic, message: .trade(trade))
        }
        pending.append(record)
    }

    /// The 1-based column of a field in the line.
    func column(_ field: Range<Int>, _ line: Range<Int>) -> Int { field.lowerBound - line.lowerBound + 1 }

    /// The row's instrument; nil when the row is to be skipped (another symbol).
    private mutating func instrument(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws -> (id: SymbolID, precision: Int)? {
        guard let field = try range(.symbol, line) else { return fixedInstrument }
        if let cached = lastInstrument, lastSymbolBytes.elementsEqual(bytes[field]) { return cached }
        let name = BytesText.string(bytes, field)
        var found = settings.instruments[name]
        if let only = settings.layout.symbol, name != only { found = nil }
        if found == nil && settings.layout.otherSymbols == .error {
            let why = settings.layout.symbol.map { "not the feed's symbol \($0)" } ?? "not in the universe"
            throw problem(column: column(field, line), "unknown symbol '\(name)' (\(why); other_symbols: skip reads past such rows)")
        }
        lastSymbolBytes = Array(bytes[field])
        lastInstrument = .some(found)
        return found
    }

    /// The row's time, through the layout's format and time zone.
    mutating func time(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, _ line: Range<Int>) throws -> Timestamp {
        let format = settings.layout.timeFormat
        guard let reading = format.read(UnsafeBufferPointer(rebasing: bytes[field])) else {
            throw problem(column: column(field, line), "expected \(format.expected) in \(describe(.time)), found '\(BytesText.string(bytes, field))'")
        }
        switch reading {
        case .utc(let time): return time
        case .local(let wall):
            guard zone != nil else {
                throw problem(column: column(field, line), "'\(BytesText.string(bytes, field))' in \(describe(.time)) has no offset: give the feed a time_zone: (e.g. UTC, America/Chicago), or write times with Z or ±hh:mm")
            }
            guard let time = zone!.instant(ofWallTime: wall) else {
                throw problem(column: column(field, line), "'\(BytesText.string(bytes, field))' does not exist in \(zone!.identifier) (the clocks skipped it) or is before 1970")
            }
            return time
        }
    }

    private func price(_ field: CSVLayout.Field, _ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, _ precision: Int) throws -> Int64 {
        let range = try range(field, line)!
        guard let value = FixedPointBytes.parse(UnsafeBufferPointer(rebasing: bytes[range]), precision: precision) else {
            throw problem(column: column(range, line), "expected a price with at most \(precision) decimals (zeros past them are fine) in \(field.rawValue) (\(describe(field))), found '\(BytesText.string(bytes, range))'")
        }
        guard MarketBounds.isPriceMagnitudeInRange(value) else {
            throw problem(column: column(range, line), "expected a price of at most \(FixedPointText.format(MarketBounds.maximumPriceMinorUnits, precision: precision)) in \(field.rawValue), found '\(BytesText.string(bytes, range))'")
        }
        return value
    }

    private func size(_ field: CSVLayout.Field, _ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws -> Int64 {
        guard let range = try range(field, line) else { return settings.layout.defaultSize }
        guard let value = FixedPointBytes.parse(UnsafeBufferPointer(rebasing: bytes[range]), precision: 0) else {
            throw problem(column: column(range, line), "expected an integer in \(field.rawValue) (\(describe(field))), found '\(BytesText.string(bytes, range))'")
        }
        guard MarketBounds.isSizeMagnitudeInRange(value) else {
            throw problem(column: column(range, line), "expected a size of at most \(MarketBounds.maximumSize) in \(field.rawValue), found '\(BytesText.string(bytes, range))'")
        }
        return value
    }

    /// The side column's `buy`/`sell` (or `B`/`S`, any case); inferred (Lee–Ready) when the
    /// layout has no side column or the field is empty.
    private mutating func side(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, symbol: SymbolID, price: Int64) throws -> Side {
        guard let field = try range(.side, line), !field.isEmpty else { return sides.side(symbol: symbol, price: price) }
        if BytesText.equalsIgnoringCase(bytes, field, "buy") || BytesText.equalsIgnoringCase(bytes, field, "b") { return .buy }
        if BytesText.equalsIgnoringCase(bytes, field, "sell") || BytesText.equalsIgnoringCase(bytes, field, "s") { return .sell }
        throw problem(column: column(field, line), "expected side buy or sell (B or S; or nothing: inferred by the Lee–Ready rule), found '\(BytesText.string(bytes, field))'")
    }
}
