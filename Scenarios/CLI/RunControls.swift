import Kernel
import Messages
import Scenarios

/// What a long simulated run shows and obeys on the command line (`run`, `bench FILE`): SIGINT or
/// SIGTERM stops it cleanly — the report covers what ran, the log is closed — even when it
/// arrives while the run is still being wired (``PendingStop``), and a progress bar on a terminal.
final class RunControls {
    private let stop = PendingStop()
    private let interrupt: InterruptHandler
    private let showsProgress: Bool
    private var progress: ProgressBar?

    /// Takes over SIGINT and SIGTERM until ``cancel()``. The bar is drawn only when standard
    /// error is a terminal and `showsProgress` (false for `--quiet`).
    init(showsProgress: Bool) {
        let stop = stop
        interrupt = InterruptHandler { stop.request() }
        self.showsProgress = showsProgress && ProgressBar.isTerminal
    }

    /// Once the run is wired: a stop already requested takes effect, and the bar follows the
    /// admitted inputs from the scenario's start to its end (or `until`, when earlier).
    func attach(_ kernel: Kernel, scenario: Scenario, until: Timestamp?) {
        stop.attach(kernel)
        guard showsProgress else { return }
        let bar = ProgressBar(startTime: scenario.startTime, endTime: until.map { min($0, scenario.endTime) } ?? scenario.endTime)
        kernel.addObserver(bar)
        progress = bar
    }

    /// Clears the bar (before the summary is printed).
    func finishProgress() {
        progress?.finish()
        progress = nil
    }

    /// Clears the bar and gives the signals back.
    func cancel() {
        finishProgress()
        interrupt.cancel()
    }
}
