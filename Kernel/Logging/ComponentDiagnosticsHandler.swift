import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A swift-log handler for components: each line carries the *simulated* time and the
/// component's name, metadata keys are printed sorted (never in hash order), and output goes to
/// standard error so it can never mix with a command's results. Logging reads the run; it never
/// changes it.
struct ComponentDiagnosticsHandler<Payload: KernelPayload>: LogHandler, @unchecked Sendable {
    let label: String
    unowned(unsafe) let kernel: EventKernel<Payload>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level

    init(label: String, kernel: EventKernel<Payload>) {
        self.label = label
        self.kernel = kernel
        logLevel = kernel.configuration.logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = TimeUnits.iso8601(kernel.now) + " " + event.level.rawValue + " [" + label + "] " + event.message.description
        for key in merged.keys.sorted() {
            line += " \(key)=\(merged[key].map { "\($0)" } ?? "")"
        }
        line += "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}
