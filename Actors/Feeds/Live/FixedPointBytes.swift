/// `[-]digits[.digits]` from bytes to fixed point, exactly, without a String or a float: the
/// live feed's hot path parses several per line. Zeros past `precision` decimals are accepted
/// (`1640.000` at precision 2): they change no value (``ExactDecimalText``).
enum FixedPointBytes {
    /// Nil for anything else (exponents, a non-zero digit past `precision` decimals, overflow, empty).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, precision: Int) -> Int64? {
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
