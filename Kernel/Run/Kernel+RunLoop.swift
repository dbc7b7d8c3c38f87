extension EventKernel {
    /// Runs to the end and returns the summary. Call once, from the thread that becomes the
    /// kernel thread.
    public func run() throws -> RunSummary {
        precondition(state == .setUp, "a kernel runs once")
        state = .running
        executor.bindToCurrentThread()  // det-ok: records the kernel thread's identity for the guards; starts no thread
        ExecutorGuards.ensureGlobalExecutorGuard()
        ExecutorGuards.setKernelThread(true)  // det-ok: marks this thread for the global-executor guard
        defer {
            ExecutorGuards.setKernelThread(false)  // det-ok: unmarks it when the run ends
            state = .finished
        }
        // A live run starts at its configured start time when it has one (the recorder has
        // already written it into the log's header, and replay starts there); otherwise now.
        if configuration.mode == .live && configuration.startTime == 0 {
            let wall = WallClock.wallTime()
            if wall > queue.now { queue.advance(to: wall) }
        }
        let startTime = queue.now
        for port in ports {
            port.start()
            executor.drain(limit: configuration.maximumJobsPerEvent)
        }
        let reason: StopReason
        switch configuration.mode {
        case .simulate, .replay: reason = try runVirtual()
        case .live: reason = runLive()
        }
        for port in ports {
            port.stop()
            executor.drain(limit: configuration.maximumJobsPerEvent)
        }
        return RunSummary(
            mode: configuration.mode, seed: configuration.seed, stopReason: reason, deliveries: deliveries,
            inputs: inputsAdmitted, inputsClampedToNow: inputsClamped, timersFired: timersFired,
            timersCancelled: timersCancelled, jobsRun: executor.jobsRun, startTime: startTime, endTime: queue.now,
            digest: digest.event, decisionDigest: digest.decision,
            firstSequenceMismatch: firstSequenceMismatch)
    }

    /// Simulate and replay: time jumps to the next event or input.
    /// - Complexity: O(log n) per event from the heap, O(1) from the FIFO.
    func runVirtual() throws -> StopReason {
        let endTime = configuration.endTime ?? .max
        let budget = configuration.maximumDeliveries ?? .max
        var pendingInput = try inputs.next()
        var checkCountdown = 0
        while true {
            if deliveries >= budget { return .eventBudget }
            // A relaxed atomic load is cheap, but a stop is never urgent to the nanosecond.
            checkCountdown &-= 1
            if checkCountdown < 0 {
                checkCountdown = EventKernel<Payload>.stopCheckInterval
                if stopFlag.load(ordering: .relaxed) { return .stopRequested }
            }
            let nextKey = queue.nextKey
            if let input = pendingInput {
                let time = max(input.time, queue.now)
                if nextKey == nil || time < nextKey!.time {
                    if time > endTime {
                        pendingInput = nil
                        continue
                    }
                    if input.time < queue.now { inputsClamped &+= 1 }
                    admit(input, at: time)
                    pendingInput = try inputs.next()
                    continue
                }
            }
            guard let key = nextKey else { return .exhausted }
            if key.time > endTime { return .endTime }
            let event = queue.popNext()!
            if event.isMulticast {
                if let reason = deliverMulticast(event, budget: budget, stopCountdown: &checkCountdown) { return reason }
            } else {
                deliver(event)
            }
        }
    }

    /// Live: timers fire when the wall clock reaches them; inputs are stamped with the wall time
    /// when the kernel admits them. Runs until the end time or a stop request.
    func runLive() -> StopReason {
        let endTime = configuration.endTime ?? .max
        let budget = configuration.maximumDeliveries ?? .max
        var lastWall = queue.now
        // Live mode looks for a stop only when no event is due (the inbox, below), never between
        // deliveries: this countdown never runs out.
        var noStopCountdown = Int.max
        while true {
            if deliveries >= budget { return .eventBudget }
            // The wall clock may step backwards (NTP); the kernel's time never does.
            lastWall = max(lastWall, WallClock.wallTime())
            if let key = queue.nextKey, key.time <= lastWall {
                if key.time > endTime { return .endTime }
                let event = queue.popNext()!
                if event.isMulticast {
                    if let reason = deliverMulticast(event, budget: budget, stopCountdown: &noStopCountdown) { return reason }
                } else {
                    deliver(event)
                }
                continue
            }
            if lastWall > endTime { return .endTime }
            let taken = inbox.take()
            if taken.stopRequested { return .stopRequested }
            // The feed ended and everything it sent has been admitted.
            if taken.item == nil && taken.closed { return taken.failed ? .inputFailed : .inputClosed }
            if let item = taken.item {
                // Every event due by `lastWall` has been delivered, so stamping the input with
                // `lastWall` keeps the admission rule of the virtual modes: replay admits it at the
                // same point of the run.
                admit(KernelInputRecord(time: lastWall, topic: item.topic, message: item.message), at: max(lastWall, queue.now))
                continue
            }
            var deadline = queue.nextKey?.time
            if endTime != .max { deadline = min(deadline ?? endTime, endTime &+ 1) }
            inbox.wait(until: deadline)
        }
    }
}
