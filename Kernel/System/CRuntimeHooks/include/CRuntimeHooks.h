#ifndef METRONOME_C_RUNTIME_HOOKS_H
#define METRONOME_C_RUNTIME_HOOKS_H

/// What the global-executor guard does with a job that a kernel thread sends to Swift's
/// global concurrent executor (a determinism leak: that job would run on a pool thread).
typedef enum {
    METRONOME_GLOBAL_GUARD_OFF = 0,   ///< forward every job to the runtime, count nothing
    METRONOME_GLOBAL_GUARD_TRAP = 1,  ///< print a diagnostic and abort the process
    METRONOME_GLOBAL_GUARD_COUNT = 2, ///< count the leak, warn once on stderr, forward the job
} metronome_global_guard_mode;

/// Installs the hooks on swift_task_enqueueGlobal (and its delayed variants).
/// Returns 0 on success, -1 when the runtime does not export the hook variables.
int metronome_install_global_executor_guard(metronome_global_guard_mode mode);

/// Marks the calling thread as a kernel thread (1) or not (0). Only jobs enqueued to the
/// global executor from a marked thread are treated as leaks; other threads (a test
/// harness, a feed reader) use the global pool freely.
void metronome_set_kernel_thread(int active);

/// Number of jobs a kernel thread leaked to the global executor so far (COUNT mode).
long metronome_global_leak_count(void);

#endif
