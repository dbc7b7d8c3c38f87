import DequeModule

/// The one executor of a kernel: every component actor runs on it, and so does every task a
/// component starts (`Task(executorPreference:)`).
///
/// `enqueue` only appends to a FIFO; the kernel thread drains the FIFO to quiescence after each
/// event (``drain(limit:)``), so the order jobs run in is a pure function of the run. Jobs may
/// only be enqueued from the kernel thread: anything else is a race with the run loop and traps
/// (see ``ExecutorGuards``).
public final class KernelExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    @exclusivity(unchecked) var jobs: Deque<UnownedJob> = []
    var owner = KernelThread()  // det-ok: thread identity for the foreign-enqueue guard
    /// Jobs run since the executor was created.
    @exclusivity(unchecked) public internal(set) var jobsRun: UInt64 = 0

    public init() {}

    /// Makes the calling thread the kernel thread.
    func bindToCurrentThread() { owner.bindToCurrent() }  // det-ok: identity only, no concurrency

    /// True when called on the thread that runs the kernel.
    public var isOnKernelThread: Bool { owner.isCurrent }

    public func enqueue(_ job: consuming ExecutorJob) {
        if !owner.isCurrent { ExecutorGuards.foreignEnqueue() }
        jobs.append(UnownedJob(job))
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Called by `assumeIsolated` and friends when the runtime cannot tell by itself.
    public func checkIsolated() {
        precondition(owner.isCurrent, "metronome: code isolated to the kernel executor ran off the kernel thread")
    }

    public func isIsolatingCurrentContext() -> Bool? { owner.isCurrent }

    /// Number of jobs waiting.
    public var pendingJobs: Int { jobs.count }

    /// Runs queued jobs, in FIFO order, until none is left (jobs may enqueue more jobs).
    /// Traps after `limit` jobs: a job that re-enqueues itself forever is a livelock, not a run.
    /// - Returns: the number of jobs run.
    /// - Complexity: O(jobs run).
    @discardableResult
    func drain(limit: Int) -> Int {
        var ran = 0
        while let job = jobs.popFirst() {
            ran += 1
            precondition(ran <= limit, "metronome: more than \(limit) jobs ran for one event; a task is spinning")
            job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
        }
        jobsRun &+= UInt64(ran)
        return ran
    }
}
