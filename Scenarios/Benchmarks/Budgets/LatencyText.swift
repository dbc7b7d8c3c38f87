import Foundation

/// Latencies for people: three significant digits and the unit that fits
/// (`0`, `850ns`, `12.3µs`, `2.10ms`, `1.50s`, `2.5m`, `1.2h`).
public enum LatencyText {
    public static func format(_ nanoseconds: UInt64) -> String {
        let value = Double(nanoseconds)
        switch nanoseconds {
        case 0: return "0"
        case ..<1_000: return "\(nanoseconds)ns"
        case ..<1_000_000: return significant(value / 1e3) + "µs"
        case ..<1_000_000_000: return significant(value / 1e6) + "ms"
        case ..<60_000_000_000: return significant(value / 1e9) + "s"
        case ..<3_600_000_000_000: return String(format: "%.1fm", value / 60e9)
        default: return String(format: "%.1fh", value / 3600e9)
        }
    }

    /// 1.23, 12.3, 123.
    private static func significant(_ value: Double) -> String {
        value < 10 ? String(format: "%.2f", value) : value < 100 ? String(format: "%.1f", value) : String(format: "%.0f", value)
    }
}
