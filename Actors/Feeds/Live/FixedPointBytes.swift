/// `[-]digits[.digits]` from bytes to fixed point, exactly, without a String or a float: the
/// live feed's hot path parses several per line. Zeros past `precision` decimals are accepted
/// (`1640.000` at precision 2): they change no value (``ExactDecimalText``).
enum FixedPointBytes {
    /// Nil for anything else (exponents, a non-zero digit past `precision` decimals, overflow, empty).
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, precision: Int) -> Int64? {
        // At most 18 bytes hold at most 18 digits: below 10¹⁸, nothing can overflow until the
        // scaling to `precision`. Every field of a tick file is this short.
        guard bytes.count <= 18 else { return parseChecked(bytes, precision: precision) }
        let count = bytes.count
        let negative = count > 0 && bytes[0] == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        let integerStart = index
        var value: Int64 = 0
        while index < count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        guard index > integerStart else { return nil }
        var decimals = 0
        if index < count {
            guard bytes[index] == UInt8(ascii: "."), index + 1 < count else { return nil }
            index += 1
            while index < count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                if decimals == precision {
                    guard digit == 0 else { return nil }
                } else {
                    value = value &* 10 &+ Int64(digit)
                    decimals += 1
                }
                index += 1
            }
        }
        for _ in decimals..<max(precision, decimals) {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = shifted
        }
        return negative ? -value : value
    }

    /// ``parse(_:precision:)`` for any length, checking every step for overflow.
    static func parseChecked(_ bytes: UnsafeBufferPointer<UInt8>, precision: Int) -> Int64? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var value: Int64 = 0
        var integerDigits = 0
        var decimals = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, integerDigits > 0 else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if seenPoint {
                fractionDigits += 1
                if decimals == precision {
                    guard byte == UInt8(ascii: "0") else { return nil }
                    continue
                }
                decimals += 1
            } else {
                integerDigits += 1
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = shifted.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow, !overflowSum else { return nil }
            value = sum
        }
        guard integerDigits > 0, !(seenPoint && fractionDigits == 0) else { return nil }
        for _ in decimals..<precision {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = shifted
        }
        return negative ? -value : value
    }
}
