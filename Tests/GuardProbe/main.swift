// A deliberately misbehaving program for the guard tests (Tests/EndToEndTests/GuardTests.swift).
// `metronome-guard-probe MODE` runs a one-actor kernel whose actor breaks a determinism rule:
//   well-behaved    nothing wrong: must exit 0
//   global-executor the actor starts Task.detached, which lands on Swift's global executor
//   foreign-thread  another thread enqueues a job on the kernel executor
// The guards must abort the process with a diagnostic on stderr.
import Kernel
import Messages

#if canImport(Glibc)
import Glibc
#endif

actor BadActor: Component {
    nonisolated let context: Context
    nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }
    let mode: String

    init(context: Context, mode: String) {
        self.context = context
        self.mode = mode
    }

    func start() { context.schedule(after: 1_000) }

    func receive(_ delivery: Delivery) {
        switch mode {
        case "global-executor":
            Task.detached { print("ran on the global executor") }
        case "foreign-thread":
            let executor = context.executor
            var thread = pthread_t()
            let box = Unmanaged.passRetained(executor as AnyObject).toOpaque()
            pthread_create(&thread, nil, { raw in
                let executor = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue() as! KernelExecutor
                Task(executorPreference: executor) { print("ran from a foreign thread") }
                return nil
            }, box)
            pthread_join(thread, nil)
        default:
            Task(executorPreference: context.executor) { print("well-behaved task ran on the kernel executor") }
        }
    }
}

let mode = CommandLine.arguments.dropFirst().first ?? "well-behaved"
ExecutorGuards.installGlobalExecutorGuard(.trap)
let kernel = Kernel(configuration: KernelConfiguration(seed: 1, startTime: 0, endTime: 10_000))
kernel.spawn("bad") { BadActor(context: $0, mode: mode) }
let summary = try kernel.run()
print("finished: \(summary.deliveries) deliveries, \(summary.jobsRun) jobs")
