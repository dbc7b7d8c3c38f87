import Foundation

/// Small inline SVG charts for the HTML report: no script, no network, fixed-size viewBox.
public enum SVGChart {
    static let width = 720.0
    static let height = 200.0
    static let margin = 36.0

    /// Maps values into the plot area; a flat range still draws a line in the middle.
    struct Scale {
        let minimum: Double
        let maximum: Double
        let low: Double
        let high: Double

        init(_ values: [Double], low: Double, high: Double) {
            let minimum = values.min() ?? 0
            let maximum = values.max() ?? 1
            self.minimum = minimum
            self.maximum = maximum == minimum ? minimum + 1 : maximum
            self.low = low
            self.high = high
        }

        func callAsFunction(_ value: Double) -> Double { low + (value - minimum) / (maximum - minimum) * (high - low) }
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A line chart of `series` (each a list of (x, y) and a colour), with y labels at the extremes
    /// and, when given, labelled ticks along the x axis (the time axis, ``TimeAxis``).
    static func lines(_ series: [(points: [(Double, Double)], color: String)], title: String, unit: String,
                      markers: [(x: Double, y: Double, color: String, label: String)] = [],
                      xTicks: [(x: Double, label: String)] = []) -> String {
        let xs = series.flatMap { $0.points.map(\.0) } + markers.map(\.x)
        let ys = series.flatMap { $0.points.map(\.1) } + markers.map(\.y)
        guard !xs.isEmpty else { return "<p class=\"empty\">\(escape(title)): no data</p>" }
        let x = Scale(xs, low: margin, high: width - 8)
        let y = Scale(ys, low: height - 20, high: 12)
        // The tick labels take a line below the plot; the unit goes under them.
        let chartHeight = height + (xTicks.isEmpty ? 0 : 14)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(chartHeight))\" role=\"img\" aria-label=\"\(escape(title))\">"
        svg += "<rect x=\"\(number(margin))\" y=\"12\" width=\"\(number(width - 8 - margin))\" height=\"\(number(height - 32))\" class=\"plot\"/>"
        for (points, color) in series where !points.isEmpty {
            let path = points.map { "\(number(x($0.0))),\(number(y($0.1)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(path)\"/>"
        }
        for marker in markers {
            svg += "<circle cx=\"\(number(x(marker.x)))\" cy=\"\(number(y(marker.y)))\" r=\"3\" fill=\"\(marker.color)\"><title>\(escape(marker.label))</title></circle>"
        }
        svg += "<text x=\"2\" y=\"16\" class=\"axis\">\(escape(String(format: "%.2f", y.maximum)))</text>"
        svg += "<text x=\"2\" y=\"\(number(height - 20))\" class=\"axis\">\(escape(String(format: "%.2f", y.minimum)))</text>"
        for tick in xTicks where tick.x >= x.minimum && tick.x <= x.maximum {
            let position = number(x(tick.x))
            svg += "<line x1=\"\(position)\" y1=\"\(number(height - 20))\" x2=\"\(position)\" y2=\"\(number(height - 16))\" stroke=\"#57606a\"/>"
            svg += "<text x=\"\(position)\" y=\"\(number(height - 4))\" class=\"axis\" text-anchor=\"middle\">\(escape(tick.label))</text>"
        }
        svg += "<text x=\"\(number(width / 2))\" y=\"\(number(chartHeight - 4))\" class=\"axis\" text-anchor=\"middle\">\(escape(unit))</text>"
        return svg + "</svg>"
    }

    /// Horizontal bars from a zero axis in the middle: positive values to the right in
    /// `positive`, negative ones to the left in `negative`, each with its label and value.
    static func signedBars(_ items: [(label: String, value: Double)], title: String, format: String = "%.2f",
                           positive: String = "#1a7f37", negative: String = "#cf222e") -> String {
        guard !items.isEmpty else { return "<p class=\"empty\">\(escape(title)): none</p>" }
        let rowHeight = 20.0
        let chartHeight = Double(items.count) * rowHeight + 8
        let largest = max(items.map { abs($0.value) }.max() ?? 1, 1e-12)
        let zero = 160 + (width - 160) / 2
        let half = (width - 160) / 2 - 60
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(chartHeight))\" role=\"img\" aria-label=\"\(escape(title))\">"
        svg += "<line x1=\"\(number(zero))\" y1=\"0\" x2=\"\(number(zero))\" y2=\"\(number(chartHeight))\" stroke=\"#999\"/>"
        for (index, item) in items.enumerated() {
            let top = 4 + Double(index) * rowHeight
            let length = max(abs(item.value) / largest * half, 1)
            let left = item.value < 0 ? zero - length : zero
            let text = escape(String(format: format, item.value))
            svg += "<text x=\"150\" y=\"\(number(top + 14))\" class=\"label\" text-anchor=\"end\">\(escape(item.label))</text>"
            svg += "<rect x=\"\(number(left))\" y=\"\(number(top + 3))\" width=\"\(number(length))\" height=\"14\" fill=\"\(item.value < 0 ? negative : positive)\"/>"
            svg += item.value < 0
                ? "<text x=\"\(number(left - 6))\" y=\"\(number(top + 14))\" class=\"label\" text-anchor=\"end\">\(text)</text>"
                : "<text x=\"\(number(zero + length + 6))\" y=\"\(number(top + 14))\" class=\"label\">\(text)</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars with labels and values.
    static func bars(_ items: [(label: String, value: Double, color: String)], title: String, format: String = "%.0f") -> String {
        guard !items.isEmpty else { return "<p class=\"empty\">\(escape(title)): none</p>" }
        let rowHeight = 20.0
        let chartHeight = Double(items.count) * rowHeight + 8
        let largest = max(items.map { abs($0.value) }.max() ?? 1, 1e-12)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(chartHeight))\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (index, item) in items.enumerated() {
            let top = 4 + Double(index) * rowHeight
            let length = abs(item.value) / largest * (width - 260)
            svg += "<text x=\"150\" y=\"\(number(top + 14))\" class=\"label\" text-anchor=\"end\">\(escape(item.label))</text>"
            svg += "<rect x=\"160\" y=\"\(number(top + 3))\" width=\"\(number(max(length, 1)))\" height=\"14\" fill=\"\(item.color)\"/>"
            svg += "<text x=\"\(number(166 + length))\" y=\"\(number(top + 14))\" class=\"label\">\(escape(String(format: format, item.value)))</text>"
        }
        return svg + "</svg>"
    }
}
