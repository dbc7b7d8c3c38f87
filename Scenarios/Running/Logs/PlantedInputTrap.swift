import Actors
import Foundation
import Kernel
import Messages

/// A test-only crash of debug builds (`METRONOME_TEST_HOOKS`), like the chaos self-test's
/// planted bug (`METRONOME_PLANTED_BUG`, never set in a real run; a release build ignores it):
/// with `METRONOME_PLANTED_BUG=trap-on-ask-size:N` a component subscribed to the raw quotes traps
/// on the first quote whose ask size is N — in a live run and in its replay alike. The tests kill a live recording this way, in a handler, to check that the input that
/// killed it reaches the log through the write-ahead folder and that a replay of the recovered
/// log dies on it again (docs/log-format.md, "The write-ahead folder").
actor PlantedInputTrap: Component {
    nonisolated let context: Context
    nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
    private let askSize: Int64

    init(context: Context, askSize: Int64) {
        self.context = context
        self.askSize = askSize
    }

    func start() { context.subscribe(context.topic(Topics.rawQuotes)) }

    func receive(_ delivery: Delivery) {
        guard case .quote(let quote) = delivery.message, quote.askSize == askSize else { return }
        fatalError("planted trap (METRONOME_PLANTED_BUG): a quote with ask size \(askSize) reached a handler")
    }

    /// The ask size from the environment, read once per process; nil when the switch is off.
    /// Always nil in a release build: the trap is a test hook of debug builds.
    static let plantedAskSize: Int64? = {
        #if !METRONOME_TEST_HOOKS
        return nil
        #else
        guard let value = getenv("METRONOME_PLANTED_BUG").map({ String(cString: $0) }) else { return nil }
        let prefix = "trap-on-ask-size:"
        guard value.hasPrefix(prefix) else { return nil }
        return Int64(value.dropFirst(prefix.count))
        #endif
    }()

    /// Spawns the trap on `kernel` when the switch is on.
    static func install(on kernel: Kernel) {
        guard let askSize = plantedAskSize else { return }
        _ = kernel.spawn("planted-trap") { context in PlantedInputTrap(context: context, askSize: askSize) }
    }
}
