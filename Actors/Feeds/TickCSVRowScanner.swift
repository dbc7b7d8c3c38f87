import Kernel
import Messages

/// The fast path of ``TickCSV``: reads one row straight from its UTF-8 bytes when the row has
/// the plain shape every tick file is written in — ASCII, exactly ten fields, no padding, the
/// time as `YYYY-MM-DDTHH:MM:SS[.fraction]Z` or integer nanoseconds, prices as
/// `[-]digits[.digits]` and sizes as `[-]digits` (read by `FixedPointBytes`, as the live feed's).
///
/// It never rejects a row: anything outside that shape, and every malformed row, gives `nil`,
/// and ``TickCSV`` reads the row again with its general, `String`-based path, which accepts
/// the same rows, builds the same records and names the file, line and column of an error.
/// The fast path only exists because the general one is many times slower per row than the run
/// itself (Foundation trimming, a `String` per field, grapheme-aware splitting; the figures are
/// in docs/performance.md, "Reading data files"). So the rule for changing it: it may accept less than the general
/// path, never more, and what it accepts it must read to the same record
/// (`TickCSVFastPathTests` compares the two).
struct TickCSVRowScanner {
    private let instruments: [String: (id: SymbolID, precision: Int)]
    private let quoteTopic: TopicID
    private let tradeTopic: TopicID
    private let latencyNanoseconds: DurationNanoseconds
    /// The bytes of the last symbol resolved and what they resolved to: a file of one symbol is
    /// looked up in the dictionary once, not once per row.
    private var lastSymbolBytes: [UInt8] = []
    private var lastInstrument: (id: SymbolID, precision: Int)?
    /// The last ISO time's first 16 bytes (`YYYY-MM-DDTHH:MM`, as two words) and the instant that
    /// minute starts at: the rows of a tick file share a minute many at a time, so only the
    /// seconds and the fraction are read again.
    private var lastMinute: (first: UInt64, second: UInt64, start: UInt64)?

    init(instruments: [String: (id: SymbolID, precision: Int)], quoteTopic: TopicID, tradeTopic: TopicID,
         latencyNanoseconds: DurationNanoseconds) {
        self.instruments = instruments
        self.quoteTopic = quoteTopic
        self.tradeTopic = tradeTopic
        self.latencyNanoseconds = latencyNanoseconds
    }

    /// The record of one ASCII row (no line break in it), or nil when the general path must read it.
    /// - Complexity: O(bytes in the row); no allocation once the symbol is cached.
    mutating func record(_ bytes: UnsafeBufferPointer<UInt8>, _ row: Range<Int>) -> InputRecord? {
        var fields = FieldCursor(bytes: bytes, row: row)
        guard let timeField = fields.next(), let time = time(bytes, timeField),
              let symbolField = fields.next(), let instrument = instrument(bytes, symbolField),
              let kindField = fields.next() else { return nil }
        let precision = instrument.precision
        let message: Message
        let topic: TopicID
        if TickCSVRowScanner.equals(bytes, kindField, "quote") {
            guard let bid = fields.next().flatMap({ TickCSVRowScanner.price(bytes, $0, precision: precision) }),
                  let ask = fields.next().flatMap({ TickCSVRowScanner.price(bytes, $0, precision: precision) }),
                  let bidSize = fields.next().flatMap({ TickCSVRowScanner.integer(bytes, $0) }),
                  let askSize = fields.next().flatMap({ TickCSVRowScanner.integer(bytes, $0) }),
                  fields.skip(3) else { return nil }  // price, size, side: not read for a quote
            message = .quote(Quote(symbol: instrument.id, bidPrice: bid, askPrice: ask, bidSize: bidSize, askSize: askSize,
                                   exchangeTime: time))
            topic = quoteTopic
        } else if TickCSVRowScanner.equals(bytes, kindField, "trade") {
            guard fields.skip(4),  // bid, ask, bid_size, ask_size: not read for a trade
                  let price = fields.next().flatMap({ TickCSVRowScanner.price(bytes, $0, precision: precision) }),
                  let size = fields.next().flatMap({ TickCSVRowScanner.integer(bytes, $0) }),
                  let sideField = fields.next() else { return nil }
            let side: Side
            if TickCSVRowScanner.equals(bytes, sideField, "buy") {
                side = .buy
            } else if TickCSVRowScanner.equals(bytes, sideField, "sell") {
                side = .sell
            } else {
                return nil
            }
            message = .trade(Trade(symbol: instrument.id, price: price, size: size, aggressor: side, exchangeTime: time))
            topic = tradeTopic
        } else {
            return nil
        }
        guard fields.next() == nil else { return nil }  // more than ten fields
        return InputRecord(time: time &+ latencyNanoseconds, topic: topic, message: message)
    }

    /// The instrument named by the field; the dictionary lookup goes through `String`, so it
    /// matches exactly the symbols the general path matches.
    private mutating func instrument(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> (id: SymbolID, precision: Int)? {
        if let lastInstrument, lastSymbolBytes.count == field.count,
           lastSymbolBytes.withUnsafeBufferPointer({ last in
               (0..<field.count).allSatisfy { last[$0] == bytes[field.lowerBound &+ $0] }
           }) { return lastInstrument }
        // The general path trims spaces and tabs around a symbol before looking it up.
        guard let first = field.first, bytes[first] > UInt8(ascii: " "), bytes[field.upperBound - 1] > UInt8(ascii: " ") else { return nil }
        guard let found = instruments[String(decoding: bytes[field], as: UTF8.self)] else { return nil }
        lastSymbolBytes = Array(bytes[field])
        lastInstrument = found
        return found
    }

    // MARK: - Fields

    private static let comma = UInt8(ascii: ",")
    /// Nanoseconds per unit of a fraction of `n` digits (1 to 9): 10⁹⁻ⁿ.
    private static let fractionScale: [UInt64] = [1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1]
    private static let zero = UInt8(ascii: "0")

    /// The fields of a row in order, split at every comma, empty fields kept (as
    /// `split(separator: ",", omittingEmptySubsequences: false)`).
    private struct FieldCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var start: Int
        let end: Int
        var exhausted = false

        init(bytes: UnsafeBufferPointer<UInt8>, row: Range<Int>) {
            self.bytes = bytes
            start = row.lowerBound
            end = row.upperBound
        }

        @inline(__always)
        mutating func next() -> Range<Int>? {
            guard !exhausted else { return nil }
            let index = ByteScan.firstIndex(of: TickCSVRowScanner.comma, in: bytes, from: start, end: end)
            let field = start..<index
            if index == end { exhausted = true } else { start = index &+ 1 }
            return field
        }

        /// Steps over `count` fields; false when the row has fewer.
        @inline(__always)
        mutating func skip(_ count: Int) -> Bool {
            for _ in 0..<count {
                // An empty field before a comma (a quote row ends `,,,`): stepped over as `next()`
                // would step over it, without a search.
                if !exhausted && start < end && bytes[start] == TickCSVRowScanner.comma {
                    start &+= 1
                    continue
                }
                if next() == nil { return false }
            }
            return true
        }
    }

    @inline(__always)
    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, _ word: StaticString) -> Bool {
        guard field.count == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for offset in 0..<field.count where bytes[field.lowerBound &+ offset] != expected[offset] { return false }
        return true
    }

    /// Two ASCII digits at `offset` → their value (0…99), or nil.
    @inline(__always)
    private static func twoDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64? {
        let tens = bytes[offset] &- zero, units = bytes[offset &+ 1] &- zero
        return tens < 10 && units < 10 ? UInt64(tens) &* 10 &+ UInt64(units) : nil
    }

    /// `digits` (1 to `maximumDigits` of them, so that nothing can overflow) → their value.
    @inline(__always)
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, maximumDigits: Int) -> UInt64? {
        guard !field.isEmpty, field.count <= maximumDigits else { return nil }
        // At most 19 digits: below 10¹⁹, which a UInt64 holds.
        var value: UInt64 = 0
        for index in field {
            let digit = bytes[index] &- zero
            guard digit < 10 else { return nil }
            value = value &* 10 &+ UInt64(digit)
        }
        return value
    }

    /// `[-]digits`, at most 18 digits: what `Int64(_:)` reads to the same value (it also takes
    /// `+digits` and longer runs of leading zeros, left to the general path, and refuses `5.0`, as
    /// this does). Nil too beyond ``MarketBounds/maximumSize``, which the general path refuses
    /// with its line.
    @inline(__always)
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Int64? {
        guard !field.isEmpty else { return nil }
        let negative = bytes[field.lowerBound] == UInt8(ascii: "-")
        // At most 18 digits: below 10¹⁸, which an Int64 holds.
        guard let magnitude = digits(bytes, (negative ? field.lowerBound &+ 1 : field.lowerBound)..<field.upperBound, maximumDigits: 18)
        else { return nil }
        let size = negative ? -Int64(magnitude) : Int64(magnitude)
        return MarketBounds.isSizeMagnitudeInRange(size) ? size : nil
    }

    /// `[-]digits[.digits]` with 1 to `precision` decimals (and zeros past them): what `ExactDecimalText.parse(_:precision:)`
    /// reads to the same value (it also takes `100.`, left to the general path); nil on overflow
    /// in both.
    /// Nil too beyond ``MarketBounds/maximumPriceMinorUnits``, which the general path refuses with its line.
    @inline(__always)
    private static func price(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, precision: Int) -> Int64? {
        FixedPointBytes.parse(UnsafeBufferPointer(rebasing: bytes[field]), precision: precision)
            .flatMap { MarketBounds.isPriceMagnitudeInRange($0) ? $0 : nil }
    }

    /// Integer nanoseconds (at most 19 digits) or `YYYY-MM-DDTHH:MM:SS[.f…]Z` with 1 to 9
    /// fraction digits: what `TickCSV.parseTime` reads to the same instant.
    private mutating func time(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Timestamp? {
        let start = field.lowerBound
        // An ISO time has a `-` where integer nanoseconds would have their fifth digit.
        guard field.count >= 20, bytes[start + 4] == UInt8(ascii: "-") else { return TickCSVRowScanner.digits(bytes, field, maximumDigits: 19) }
        let first = ByteScan.load(bytes, at: start), second = ByteScan.load(bytes, at: start + 8)
        let minuteStart: UInt64
        if let lastMinute, lastMinute.first == first, lastMinute.second == second {
            minuteStart = lastMinute.start
        } else {
            guard let read = TickCSVRowScanner.minuteStart(bytes, start) else { return nil }
            lastMinute = (first, second, read)
            minuteStart = read
        }
        guard let withinMinute = TickCSVRowScanner.secondsAndFraction(bytes, field) else { return nil }
        // Past the last nanosecond a timestamp holds: the general path names the problem.
        let (time, overflow) = minuteStart.addingReportingOverflow(withinMinute)
        return overflow ? nil : time
    }

    /// `YYYY-MM-DDTHH:MM` at `start` → the instant that minute starts at; nil when out of range.
    private static func minuteStart(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt64? {
        guard bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"), bytes[start + 10] == UInt8(ascii: "T"),
              bytes[start + 13] == UInt8(ascii: ":"),
              let year = digits(bytes, start..<start + 4, maximumDigits: 4), let month = twoDigits(bytes, start + 5),
              let day = twoDigits(bytes, start + 8), let hour = twoDigits(bytes, start + 11), let minute = twoDigits(bytes, start + 14),
              year >= 1970, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
              Int64(day) <= TimeUnits.daysInMonth(year: Int64(year), month: Int64(month)) else { return nil }
        let days = TimeUnits.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        let (dayStart, overflow) = UInt64(days).multipliedReportingOverflow(by: TimeUnits.nanosecondsPerDay)
        let (minuteStart, overflowSum) = dayStart.addingReportingOverflow(hour * TimeUnits.nanosecondsPerHour + minute * TimeUnits.nanosecondsPerMinute)
        return overflow || overflowSum ? nil : minuteStart
    }

    /// `:SS[.f…]Z` from the field's 17th byte to its end → nanoseconds into the minute.
    private static func secondsAndFraction(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> UInt64? {
        let start = field.lowerBound
        guard bytes[field.upperBound - 1] == UInt8(ascii: "Z"), bytes[start + 16] == UInt8(ascii: ":"),
              let second = twoDigits(bytes, start + 17), second < 60 else { return nil }
        var nanoseconds = second * TimeUnits.nanosecondsPerSecond
        if field.count > 20 {
            let fraction = start + 20..<field.upperBound - 1
            guard bytes[start + 19] == UInt8(ascii: "."), let value = digits(bytes, fraction, maximumDigits: 9) else { return nil }
            nanoseconds += value &* TickCSVRowScanner.fractionScale[fraction.count]
        }
        return nanoseconds
    }
}
